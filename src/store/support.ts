import type { Prisma } from '../generated/prisma/client.ts';
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
type MentionColumn = (typeof SUPPORTED)[SupportedTable];

type Row = Finding & { id: number };

/** Reads the current confidence and basis of rows of one table. */
function readRows(tx: Tx, table: SupportedTable, ids: number[]): Promise<Row[]> {
  const args = { where: { id: { in: ids } }, select: { id: true, confidence: true, basis: true } };
  switch (table) {
    case 'person':
      return tx.person.findMany(args);
    case 'institution':
      return tx.institution.findMany(args);
    case 'model':
      return tx.model.findMany(args);
    case 'challenge':
      return tx.challenge.findMany(args);
    case 'affiliation':
      return tx.affiliation.findMany(args);
    case 'development':
      return tx.development.findMany(args);
    case 'raised':
      return tx.raised.findMany(args);
  }
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
 * The distinct findings of the rows' mentions, read from the covering index (Mention's
 * [column, confidence, basis]): a row mentioned in ten thousand documents still gives a few
 * groups, one per evidence name.
 */
async function findingsOf(tx: Tx, column: MentionColumn, ids: number[]) {
  const groups = [];
  // In slices: a batch of documents touches more rows than one statement may bind.
  for (const slice of slices(ids)) {
    groups.push(
      ...(await tx.mention.groupBy({
        by: [column, 'basis'],
        where: { [column]: { in: slice } },
        _max: { confidence: true },
      })),
    );
  }
  const byRow = new Map<number, Finding[]>();
  for (const g of groups) {
    const id = g[column] as number | null;
    const confidence = g._max.confidence;
    if (id === null || confidence === null) continue;
    const list = byRow.get(id);
    const finding = { confidence, basis: g.basis };
    if (list) list.push(finding);
    else byRow.set(id, [finding]);
  }
  return byRow;
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
  if (list.length === 0) return 0;
  const findings = await findingsOf(tx, SUPPORTED[table], list);
  let written = 0;
  const rows = [];
  for (const slice of slices(list)) rows.push(...(await readRows(tx, table, slice)));
  for (const row of rows) {
    const now = strongest(findings.get(row.id) ?? []);
    if (!now || (now.confidence === row.confidence && now.basis === row.basis)) continue;
    await writeRow(tx, table, row.id, now);
    written++;
  }
  return written;
}

/** Recomputes the support of every entity and relation in `touched` (model versions excepted). */
export async function refreshAllSupport(tx: Tx, touched: Touched): Promise<void> {
  for (const table of Object.keys(SUPPORTED) as SupportedTable[]) {
    await refreshSupport(tx, table, touched[table]);
  }
}
