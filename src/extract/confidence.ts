// Confidence from evidence: every entity and relation the extractors find names the evidence
// that produced it (a legal form, a title after a person, a launch verb before a quoted name…),
// and its confidence is that evidence's weight in data/evidence.json. One named table, so the
// weights can be read, tuned or learned in one place instead of living in the extractors.
import { evidenceData } from './data.ts';

const weights = new Map<string, number>(Object.entries(evidenceData.weights));

/** The evidence name used where an extractor has not named its evidence. */
export const DEFAULT_BASIS = 'pattern';

/** The confidence (0–1) that evidence of this name gives. Unknown names are a programming error. */
export function confidenceOf(basis: string): number {
  const weight = weights.get(basis);
  if (weight === undefined)
    throw new Error(`unknown evidence name "${basis}" (data/evidence.json)`);
  return weight;
}

/** The stronger of two pieces of evidence (the first on a tie, so the earliest finding wins). */
export function strongerBasis(a: string | undefined, b: string): string {
  return a === undefined || confidenceOf(b) > confidenceOf(a) ? b : a;
}
