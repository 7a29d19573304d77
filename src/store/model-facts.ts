import type { Prisma } from '../generated/prisma/client.ts';

// A model's (and a version's) parameters and release date are derived from what documents
// state, one ModelFact row per statement and document: the largest parameter count (its text as
// written), the earliest date. Derived from the rows, never merged into the entity once and for
// all, they follow the documents: when the only document stating 700亿 is replaced or pruned,
// its fact goes with it (cascade) and the value is computed again from what remains.

type Tx = Prisma.TransactionClient;

export type Facts = {
  parameters: string | null;
  parameterCount: number | null;
  releasedAt: string | null;
};

/** What one statement may hold (extraction leaves absent values undefined). */
export type Stated = {
  parameters?: string | null;
  parameterCount?: number | null;
  releasedAt?: string | null;
};

const present = <T>(value: T | null | undefined): value is T =>
  value !== null && value !== undefined && value !== '';

/**
 * The facts of a model or version from every statement about it, the same whatever their
 * order: the largest count (ties: the smallest text), else the smallest text; the earliest date.
 */
export function summarizeFacts(stated: readonly Stated[]): Facts {
  let largest: Stated | undefined;
  for (const s of stated) {
    if (!present(s.parameterCount)) continue;
    if (
      largest === undefined ||
      s.parameterCount > largest.parameterCount! ||
      (s.parameterCount === largest.parameterCount &&
        (s.parameters ?? '\uffff') < (largest.parameters ?? '\uffff'))
    ) {
      largest = s;
    }
  }
  const texts = stated
    .map((s) => s.parameters)
    .filter(present)
    .sort();
  const dates = stated
    .map((s) => s.releasedAt)
    .filter(present)
    .sort();
  return {
    parameters: (present(largest?.parameters) ? largest.parameters : undefined) ?? texts[0] ?? null,
    parameterCount: largest?.parameterCount ?? null,
    releasedAt: dates[0] ?? null,
  };
}

/** True when a statement holds anything worth a ModelFact row. */
export function statesFacts(s: Stated): boolean {
  return present(s.parameters) || present(s.parameterCount) || present(s.releasedAt);
}

const FACT_SELECT = {
  modelId: true,
  modelVersionId: true,
  parameters: true,
  parameterCount: true,
  releasedAt: true,
} as const;

function groupBy<T, K>(list: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const same = (a: Facts, b: Facts) =>
  a.parameters === b.parameters &&
  a.parameterCount === b.parameterCount &&
  a.releasedAt === b.releasedAt;

/** A table whose rows carry facts derived from ModelFact rows: Model or ModelVersion. */
interface FactsOwner {
  /** The ModelFact column that points at the table's rows. */
  column: 'modelId' | 'modelVersionId';
  read(ids: number[]): Promise<(Facts & { id: number })[]>;
  write(id: number, data: Facts): Promise<unknown>;
}

/** Recomputes the facts of the rows `ids` of one table and writes those that changed. */
async function refreshOwner(tx: Tx, owner: FactsOwner, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const facts = await tx.modelFact.findMany({
    where: { [owner.column]: { in: ids } },
    select: FACT_SELECT,
  });
  const byOwner = groupBy(facts, (f) => f[owner.column]);
  for (const row of await owner.read(ids)) {
    const now = summarizeFacts(byOwner.get(row.id) ?? []);
    if (!same(now, row)) await owner.write(row.id, now);
  }
}

const FACTS_OF_ROW = {
  id: true,
  parameters: true,
  parameterCount: true,
  releasedAt: true,
} as const;

/**
 * Computes again, from their ModelFact rows, the facts of the models and versions given (those
 * a batch stated something about or whose documents went), and writes those that changed.
 */
export async function refreshModelFacts(
  tx: Tx,
  modelIds: Iterable<number>,
  versionIds: Iterable<number>,
): Promise<void> {
  await refreshOwner(
    tx,
    {
      column: 'modelId',
      read: (ids) => tx.model.findMany({ where: { id: { in: ids } }, select: FACTS_OF_ROW }),
      write: (id, data) => tx.model.update({ where: { id }, data }),
    },
    [...new Set(modelIds)],
  );
  await refreshOwner(
    tx,
    {
      column: 'modelVersionId',
      read: (ids) => tx.modelVersion.findMany({ where: { id: { in: ids } }, select: FACTS_OF_ROW }),
      write: (id, data) => tx.modelVersion.update({ where: { id }, data }),
    },
    [...new Set(versionIds)],
  );
}
