import type { Prisma } from '../generated/prisma/client.ts';

// Entities and relations exist only while some document supports them (see the schema). When a
// document's mentions and names are deleted, the rows they pointed at are collected first, and
// whatever among them no remaining document supports is removed here.

type Tx = Prisma.TransactionClient;

/** Ids of graph rows that lost support, per table. */
export interface Touched {
  person: Set<number>;
  institution: Set<number>;
  model: Set<number>;
  challenge: Set<number>;
  affiliation: Set<number>;
  development: Set<number>;
  raised: Set<number>;
  modelVersion: Set<number>;
}

export type GcReport = Record<keyof Touched, number>;

type EntityTable = 'person' | 'institution' | 'model' | 'challenge';
type RelationTable = 'affiliation' | 'development' | 'raised' | 'modelVersion';
const ENTITY_TABLES: EntityTable[] = ['person', 'institution', 'model', 'challenge'];
const RELATION_TABLES: RelationTable[] = ['affiliation', 'development', 'raised', 'modelVersion'];

export function emptyTouched(): Touched {
  return {
    person: new Set(),
    institution: new Set(),
    model: new Set(),
    challenge: new Set(),
    affiliation: new Set(),
    development: new Set(),
    raised: new Set(),
    modelVersion: new Set(),
  };
}

function add(into: Set<number>, id: number | null) {
  if (id !== null) into.add(id);
}

/**
 * The entities and relations that the mentions and names of these documents point at: call it
 * before deleting them, and hand the result to collectGarbage afterwards.
 */
export async function collectTouched(tx: Tx, documentIds: number[], into = emptyTouched()) {
  if (documentIds.length === 0) return into;
  const entityRefs = { personId: true, institutionId: true, modelId: true, challengeId: true };
  const [names, mentions] = await Promise.all([
    tx.name.findMany({ where: { documentId: { in: documentIds } }, select: entityRefs }),
    tx.mention.findMany({
      where: { documentId: { in: documentIds } },
      select: {
        ...entityRefs,
        affiliationId: true,
        developmentId: true,
        raisedId: true,
        modelVersionId: true,
      },
    }),
  ]);
  for (const row of [...names, ...mentions]) {
    add(into.person, row.personId);
    add(into.institution, row.institutionId);
    add(into.model, row.modelId);
    add(into.challenge, row.challengeId);
  }
  for (const row of mentions) {
    add(into.affiliation, row.affiliationId);
    add(into.development, row.developmentId);
    add(into.raised, row.raisedId);
    add(into.modelVersion, row.modelVersionId);
  }
  return into;
}

/**
 * Deletes the touched relations no mention supports any more, then the touched entities that
 * neither a mention nor a name supports (their remaining relations go with them by cascade).
 * Touched ids that survive stay in `touched` (their names may need recomputing); deleted ones
 * are removed from it.
 */
export async function collectGarbage(tx: Tx, touched: Touched): Promise<GcReport> {
  const unsupported = { mentions: { none: {} } };
  const orphan = { mentions: { none: {} }, names: { none: {} } };
  const report: GcReport = {
    affiliation: 0,
    development: 0,
    raised: 0,
    modelVersion: 0,
    person: 0,
    institution: 0,
    model: 0,
    challenge: 0,
  };
  const relations: Record<RelationTable, (ids: number[]) => Promise<{ count: number }>> = {
    affiliation: (ids) => tx.affiliation.deleteMany({ where: { id: { in: ids }, ...unsupported } }),
    development: (ids) => tx.development.deleteMany({ where: { id: { in: ids }, ...unsupported } }),
    raised: (ids) => tx.raised.deleteMany({ where: { id: { in: ids }, ...unsupported } }),
    modelVersion: (ids) =>
      tx.modelVersion.deleteMany({ where: { id: { in: ids }, ...unsupported } }),
  };
  for (const table of RELATION_TABLES) {
    if (touched[table].size > 0)
      report[table] = (await relations[table]([...touched[table]])).count;
  }

  // Entities: read the orphans first, so that the survivors can stay in `touched`.
  const select = { id: true } as const;
  const orphans: Record<EntityTable, (ids: number[]) => Promise<{ id: number }[]>> = {
    person: (ids) => tx.person.findMany({ where: { id: { in: ids }, ...orphan }, select }),
    institution: (ids) =>
      tx.institution.findMany({ where: { id: { in: ids }, ...orphan }, select }),
    model: (ids) => tx.model.findMany({ where: { id: { in: ids }, ...orphan }, select }),
    challenge: (ids) => tx.challenge.findMany({ where: { id: { in: ids }, ...orphan }, select }),
  };
  const remove: Record<EntityTable, (ids: number[]) => Promise<{ count: number }>> = {
    person: (ids) => tx.person.deleteMany({ where: { id: { in: ids } } }),
    institution: (ids) => tx.institution.deleteMany({ where: { id: { in: ids } } }),
    model: (ids) => tx.model.deleteMany({ where: { id: { in: ids } } }),
    challenge: (ids) => tx.challenge.deleteMany({ where: { id: { in: ids } } }),
  };
  for (const table of ENTITY_TABLES) {
    if (touched[table].size === 0) continue;
    const gone = (await orphans[table]([...touched[table]])).map((r) => r.id);
    if (gone.length === 0) continue;
    report[table] = (await remove[table](gone)).count;
    for (const id of gone) touched[table].delete(id);
  }
  return report;
}
