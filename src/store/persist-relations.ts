import type { Evidence } from '../extract/types.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { ResolvedEntity, ResolvedExtraction } from './identify.ts';
import { type Facts, summarizeFacts } from './model-facts.ts';
import { insertReturning, type Row } from './persist-rows.ts';
import { type Finding, strongest } from './support.ts';

// Relations for the persist step: a relation row is found by its natural key (the ids of its
// ends, and the role or version) or created, in one read and at most one write per table for a
// whole batch. Each statement of a relation in a text becomes a mention pointing at its row.

type Tx = Prisma.TransactionClient;

export type RelationTable = 'affiliation' | 'development' | 'raised' | 'modelVersion';
export const RELATION_TABLES: RelationTable[] = [
  'affiliation',
  'development',
  'raised',
  'modelVersion',
];

/** The mention kind and mention column of each relation table. */
export const RELATION_MENTION = {
  affiliation: { kind: 'AFFILIATION', column: 'affiliationId' },
  development: { kind: 'DEVELOPMENT', column: 'developmentId' },
  raised: { kind: 'RAISED', column: 'raisedId' },
  modelVersion: { kind: 'VERSION', column: 'modelVersionId' },
} as const;

// A new row's confidence and basis: the strongest finding of the batch's statements of it (an
// existing row's are recomputed from its mentions at the end of the batch, src/store/support.ts).
type AffiliationRow = { personId: number; institutionId: number; role: string } & Finding;
type DevelopmentRow = { modelId: number; institutionId: number } & Finding;
type RaisedRow = { personId: number; challengeId: number } & Finding;
type VersionRow = { modelId: number; version: string } & Facts;

/** One statement of a relation in one document. */
export interface RelationFact {
  table: RelationTable;
  key: string;
  evidence: Evidence;
  /** The document's finding of the relation (a version: its model's finding). */
  finding: Finding;
}

/** The distinct relation rows a batch needs, by natural key. */
export interface WantedRelations {
  affiliation: Map<string, AffiliationRow>;
  development: Map<string, DevelopmentRow>;
  raised: Map<string, RaisedRow>;
  modelVersion: Map<string, VersionRow>;
}

const keys = {
  affiliation: (r: Omit<AffiliationRow, keyof Finding>) =>
    `${r.personId}|${r.institutionId}|${r.role}`,
  development: (r: Omit<DevelopmentRow, keyof Finding>) => `${r.modelId}|${r.institutionId}`,
  raised: (r: Omit<RaisedRow, keyof Finding>) => `${r.personId}|${r.challengeId}`,
  modelVersion: (r: { modelId: number; version: string }) => `${r.modelId}|${r.version}`,
};

/** The natural key of a model's version, as relationIds.modelVersion is keyed. */
export const versionKey = keys.modelVersion;

export function emptyWanted(): WantedRelations {
  return {
    affiliation: new Map(),
    development: new Map(),
    raised: new Map(),
    modelVersion: new Map(),
  };
}

/** Adds a row to `wanted`, or strengthens the one held with the row's finding. */
function want<R extends Finding>(wanted: Map<string, R>, key: string, row: R) {
  const held = wanted.get(key);
  wanted.set(key, held ? { ...held, ...strongest([held, row]) } : row);
}

/**
 * The relation statements of one document, with graph ids for their ends; adds the rows they
 * need to `wanted` (a version stated twice keeps the largest parameters, the earliest date).
 */
export function relationFacts(
  r: ResolvedExtraction,
  idOf: (entity: ResolvedEntity) => number,
  wanted: WantedRelations,
): RelationFact[] {
  const facts: RelationFact[] = [];
  for (const a of r.affiliations) {
    const row = {
      personId: idOf(r.people[a.person]!),
      institutionId: idOf(r.institutions[a.institution]!),
      role: a.role,
      ...a.finding,
    };
    want(wanted.affiliation, keys.affiliation(row), row);
    facts.push({
      table: 'affiliation',
      key: keys.affiliation(row),
      evidence: a.evidence,
      finding: a.finding,
    });
  }
  for (const d of r.developments) {
    const row = {
      modelId: idOf(r.models[d.model]!),
      institutionId: idOf(r.institutions[d.institution]!),
      ...d.finding,
    };
    want(wanted.development, keys.development(row), row);
    facts.push({
      table: 'development',
      key: keys.development(row),
      evidence: d.evidence,
      finding: d.finding,
    });
  }
  for (const x of r.raised) {
    const row = {
      personId: idOf(r.people[x.person]!),
      challengeId: idOf(r.challenges[x.challenge]!),
      ...x.finding,
    };
    want(wanted.raised, keys.raised(row), row);
    facts.push({
      table: 'raised',
      key: keys.raised(row),
      evidence: x.evidence,
      finding: x.finding,
    });
  }
  for (const model of r.models) {
    for (const v of model.versions) {
      const row: VersionRow = {
        modelId: idOf(model),
        version: v.version,
        parameters: v.parameters ?? null,
        parameterCount: v.parameterCount ?? null,
        releasedAt: v.releasedAt ?? null,
      };
      const key = keys.modelVersion(row);
      const held = wanted.modelVersion.get(key);
      wanted.modelVersion.set(key, held ? { ...held, ...summarizeFacts([held, row]) } : row);
      facts.push({ table: 'modelVersion', key, evidence: v.evidence, finding: model.finding });
    }
  }
  return facts;
}

/** Finds or creates rows by natural key: one read and at most one write. */
async function ensure<T extends { id: number }, R>(
  wanted: Map<string, R>,
  keyOf: (row: R | T) => string,
  read: () => Promise<T[]>,
  create: (rows: R[]) => Promise<T[]>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  for (const row of await read()) ids.set(keyOf(row), row.id);
  const missing = [...wanted].filter(([key]) => !ids.has(key)).map(([, row]) => row);
  if (missing.length > 0) for (const row of await create(missing)) ids.set(keyOf(row), row.id);
  return ids;
}

/**
 * New relation rows in one INSERT … RETURNING (persist-rows.ts), with the columns their natural
 * key is made of; ids as numbers.
 */
async function create<R extends object, T extends { id: number }>(
  tx: Tx,
  table: string,
  rows: R[],
  returning: string[],
): Promise<T[]> {
  const inserted = await insertReturning(
    tx,
    table,
    Object.keys(rows[0]!),
    rows as unknown as Row[],
    returning,
  );
  return inserted.map((row) => ({ ...row, id: Number(row.id) }) as unknown as T);
}

const idsOf = <R>(wanted: Map<string, R>, pick: (row: R) => number) => ({
  in: [...new Set([...wanted.values()].map(pick))],
});

/** The row id of every wanted relation, per table and natural key. */
export async function ensureRelations(
  tx: Tx,
  wanted: WantedRelations,
): Promise<Record<RelationTable, Map<string, number>>> {
  const affiliationSelect = { id: true, personId: true, institutionId: true, role: true } as const;
  const developmentSelect = { id: true, modelId: true, institutionId: true } as const;
  const raisedSelect = { id: true, personId: true, challengeId: true } as const;
  return {
    affiliation: await ensure(
      wanted.affiliation,
      keys.affiliation,
      () =>
        tx.affiliation.findMany({
          where: { personId: idsOf(wanted.affiliation, (r) => r.personId) },
          select: affiliationSelect,
        }),
      (data) => create(tx, 'Affiliation', data, ['id', 'personId', 'institutionId', 'role']),
    ),
    development: await ensure(
      wanted.development,
      keys.development,
      () =>
        tx.development.findMany({
          where: { modelId: idsOf(wanted.development, (r) => r.modelId) },
          select: developmentSelect,
        }),
      (data) => create(tx, 'Development', data, ['id', 'modelId', 'institutionId']),
    ),
    raised: await ensure(
      wanted.raised,
      keys.raised,
      () =>
        tx.raised.findMany({
          where: { personId: idsOf(wanted.raised, (r) => r.personId) },
          select: raisedSelect,
        }),
      (data) => create(tx, 'Raised', data, ['id', 'personId', 'challengeId']),
    ),
    modelVersion: await ensureVersions(tx, wanted.modelVersion),
  };
}

/**
 * Versions, found or created (a new one with the facts the batch states; stored ones are brought
 * up to date by refreshModelFacts at the end of the batch, src/store/model-facts.ts).
 */
async function ensureVersions(tx: Tx, wanted: Map<string, VersionRow>) {
  return ensure(
    wanted,
    keys.modelVersion,
    () =>
      tx.modelVersion.findMany({
        where: { modelId: idsOf(wanted, (r) => r.modelId) },
        select: { id: true, modelId: true, version: true },
      }),
    (data) => create(tx, 'ModelVersion', data, ['id', 'modelId', 'version']),
  );
}
