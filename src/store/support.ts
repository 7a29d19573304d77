import { Prisma } from '../generated/prisma/client.ts';
import type { Touched } from './gc.ts';
import { slices } from './slices.ts';

// How far the graph believes an entity or a relation: each document's finding of it keeps its
// own confidence and evidence name (on the document's mentions of it), and the graph shows the
// strongest finding of any document. The maximum, not a noisy-or (1 - Π(1 - c)) across
// documents: the findings come from the same rules, so ten articles read by the same weak rule
// (中小银行 taken for an institution in each) are the same mistake ten times, not ten independent
// witnesses; under a noisy-or that mistake would pass any threshold once the corpus grows. The
// maximum keeps confidence and basis one pair (0.9 is the weight of the evidence it names), does
// not depend on how many documents were seeded or in which order, and a threshold reads simply:
// `minConfidence: 0.8` keeps what some document found with evidence of weight 0.8 or more.
//
// Derived from the mentions like names (names.ts) and model facts (model-facts.ts): computed for
// new rows from the batch's findings, recomputed for every row a batch or a removal touched.

type Tx = Prisma.TransactionClient;

/** One document's finding: its confidence (0-1) and the name of the evidence behind it. */
export interface Finding {
  confidence: number;
  basis: string;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The strongest of some findings, the same whatever their order: the highest confidence, ties to
 * the evidence name first in code-point order. Undefined when there is none.
 */
export function strongest(findings: Iterable<Finding>): Finding | undefined {
  let best: Finding | undefined;
  for (const f of findings) {
    if (
      best === undefined ||
      f.confidence > best.confidence ||
      (f.confidence === best.confidence && byCodePoint(f.basis, best.basis) < 0)
    ) {
      best = { confidence: f.confidence, basis: f.basis };
    }
  }
  return best;
}

/** The tables whose rows carry a derived confidence, and the Mention column pointing at them. */
export const SUPPORTED = {
  person: 'personId',
  institution: 'institutionId',
  model: 'modelId',
  challenge: 'challengeId',
  affiliation: 'affiliationId',
  development: 'developmentId',
  raised: 'raisedId',
} as const;
export type SupportedTable = keyof typeof SUPPORTED;

/** The table of each kind of row, as SQL names it. */
const TABLE = {
  person: 'Person',
  institution: 'Institution',
  model: 'Model',
  challenge: 'Challenge',
  affiliation: 'Affiliation',
  development: 'Development',
  raised: 'Raised',
} as const satisfies Record<SupportedTable, Prisma.ModelName>;

interface Support {
  id: number | bigint;
  /** What the row holds now. */
  heldConfidence: number;
  heldBasis: string;
  /** The strongest finding of its mentions; null without any mention. */
  confidence: number | null;
  basis: string | null;
}

/**
 * Each row's current confidence and basis beside the strongest finding of its mentions: the
 * highest confidence, ties to the evidence name first in code-point order, as `strongest` picks
 * (evidence names are ASCII, compared alike in both databases). Two seeks per row in the
 * covering index (Mention's [column, confidence, basis]): MAX(confidence) for the column's value,
 * then MIN(basis) for the value and that confidence. Grouping every mention by basis instead read all of a row's
 * mentions, and a challenge is mentioned by most documents: at 10,000 documents it took 59 ms
 * per batch for the 14 challenges, this 0.1 ms.
 */
function readSupport(tx: Tx, table: SupportedTable, ids: number[]): Promise<Support[]> {
  const column = Prisma.raw(`"${SUPPORTED[table]}"`);
  return tx.$queryRaw<Support[]>`
    SELECT top."id", top."heldConfidence", top."heldBasis", top."confidence",
      (SELECT MIN(m."basis") FROM "Mention" m
        WHERE m.${column} = top."id" AND m."confidence" = top."confidence") AS "basis"
    FROM (
      SELECT t."id", t."confidence" AS "heldConfidence", t."basis" AS "heldBasis",
        (SELECT MAX(m."confidence") FROM "Mention" m WHERE m.${column} = t."id") AS "confidence"
      FROM ${Prisma.raw(`"${TABLE[table]}"`)} t
      WHERE t."id" IN (${Prisma.join(ids)})
    ) top`;
}

function writeRow(tx: Tx, table: SupportedTable, id: number, data: Finding) {
  const args = { where: { id }, data };
  switch (table) {
    case 'person':
      return tx.person.update(args);
    case 'institution':
      return tx.institution.update(args);
    case 'model':
      return tx.model.update(args);
    case 'challenge':
      return tx.challenge.update(args);
    case 'affiliation':
      return tx.affiliation.update(args);
    case 'development':
      return tx.development.update(args);
    case 'raised':
      return tx.raised.update(args);
  }
}

/**
 * Recomputes the confidence and basis of the given rows of one table from their mentions and
 * writes those that changed; returns how many were written. A row without any mention keeps
 * what it has (gc removes relations without mentions; an entity known only by a name keeps the
 * finding it was created with).
 */
export async function refreshSupport(
  tx: Tx,
  table: SupportedTable,
  ids: Iterable<number>,
): Promise<number> {
  const list = [...new Set(ids)];
  let written = 0;
  // In slices: a batch of documents touches more rows than one statement may bind.
  for (const slice of slices(list)) {
    for (const row of await readSupport(tx, table, slice)) {
      if (row.confidence === null || row.basis === null) continue;
      if (row.confidence === row.heldConfidence && row.basis === row.heldBasis) continue;
      const finding = { confidence: Number(row.confidence), basis: row.basis };
      await writeRow(tx, table, Number(row.id), finding);
      written++;
    }
  }
  return written;
}

/** Recomputes the support of every entity and relation in `touched` (model versions excepted). */
export async function refreshAllSupport(tx: Tx, touched: Touched): Promise<void> {
  for (const table of Object.keys(SUPPORTED) as SupportedTable[]) {
    await refreshSupport(tx, table, touched[table]);
  }
}
