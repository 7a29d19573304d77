import { builder } from '../builder.ts';
import { badUserInput } from './errors.ts';

// Confidence in the API: every entity and relation shows how far the documents support it and
// the evidence behind that (src/store/support.ts), and every list of them takes `minConfidence`.
// The threshold is a condition of the list's own query (and of its count), never a second pass.

/**
 * The threshold of the default view (a list asked without `minConfidence`), which is what the
 * scorer (../shared/eval/score.mjs) reads. Chosen on the real articles by
 * `npx tsx scripts/confidence-threshold.ts`, which prints the scorer's F1 at several thresholds:
 * re-run it whenever the evidence weights (src/extract/data/evidence.json) change, and set this to
 * the threshold it recommends. 0 keeps everything: today every finding weighs 0.5.
 */
export const DEFAULT_MIN_CONFIDENCE = 0;

/**
 * The default view's threshold for this process: DEFAULT_MIN_CONFIDENCE, unless MIN_CONFIDENCE
 * sets another (the threshold script scores the server at each threshold that way).
 */
export function defaultThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.MIN_CONFIDENCE?.trim();
  if (!given) return DEFAULT_MIN_CONFIDENCE;
  const value = Number(given);
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`MIN_CONFIDENCE is "${given}"; it must be a number between 0 and 1.`);
  }
  return value;
}

const DEFAULT_VIEW = defaultThreshold();

export const CONFIDENCE_DESCRIPTION =
  'How far the documents support it, from 0 to 1: the weight of the strongest evidence any document gave for it (see `basis`).';
export const BASIS_DESCRIPTION =
  'The name of that evidence (a legal form, a title after a name, a launch verb…), as listed in the extraction’s evidence table.';

/** The `minConfidence` argument every list of entities or relations takes. */
export const minConfidenceArg = builder.args((t) => ({
  minConfidence: t.float({
    required: false,
    description: `Only what the documents support with at least this confidence (0 to 1); a relation's other end too. Without it, the server's default threshold (${DEFAULT_MIN_CONFIDENCE} unless MIN_CONFIDENCE sets another).`,
  }),
}));

export interface MinConfidenceArgs {
  minConfidence?: number | null;
}

/** The threshold asked for, or the default view's; outside 0…1 is the client's mistake. */
export function thresholdOf({ minConfidence }: MinConfidenceArgs): number {
  if (minConfidence === null || minConfidence === undefined) return DEFAULT_VIEW;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw badUserInput(`"minConfidence" is ${minConfidence}; it must be between 0 and 1.`);
  }
  return minConfidence;
}

/**
 * The Prisma condition on a row's `confidence` for `args`, or undefined when the threshold keeps
 * every row (0: confidences are never below it), so the default view's queries stay as they were.
 */
export function confidenceAtLeast(args: MinConfidenceArgs) {
  const threshold = thresholdOf(args);
  return threshold > 0 ? { confidence: { gte: threshold } } : undefined;
}

/**
 * The condition on a relation row listed from one of its ends: the relation itself and the entity
 * at its other end (`far`: the Prisma relation field) reach the threshold, so what a list shows
 * at some threshold is part of the graph the top-level lists show at it.
 */
export function relationAtLeast<F extends string>(args: MinConfidenceArgs, far: F) {
  const condition = confidenceAtLeast(args);
  return condition
    ? ({ ...condition, [far]: condition } as { confidence: { gte: number } } & Record<
        F,
        { confidence: { gte: number } }
      >)
    : undefined;
}
