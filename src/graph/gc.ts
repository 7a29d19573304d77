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
  const ids = (set: Set<number>) => ({ in: [...set] });
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
  if (touched.affiliation.size > 0) {
    report.affiliation = (
      await tx.affiliation.deleteMany({ where: { id: ids(touched.affiliation), ...unsupported } })
    ).count;
  }
  if (touched.development.size > 0) {
    report.development = (
      await tx.development.deleteMany({ where: { id: ids(touched.development), ...unsupported } })
    ).count;
  }
  if (touched.raised.size > 0) {
    report.raised = (
      await tx.raised.deleteMany({ where: { id: ids(touched.raised), ...unsupported } })
    ).count;
  }
  if (touched.modelVersion.size > 0) {
    report.modelVersion = (
      await tx.modelVersion.deleteMany({ where: { id: ids(touched.modelVersion), ...unsupported } })
    ).count;
  }
  await forget(
    touched.person,
    report,
    'person',
    async (where) => {
      const gone = await tx.person.findMany({ where, select: { id: true } });
      await tx.person.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      return gone.map((r) => r.id);
    },
    orphan,
  );
  await forget(
    touched.institution,
    report,
    'institution',
    async (where) => {
      const gone = await tx.institution.findMany({ where, select: { id: true } });
      await tx.institution.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      return gone.map((r) => r.id);
    },
    orphan,
  );
  await forget(
    touched.model,
    report,
    'model',
    async (where) => {
      const gone = await tx.model.findMany({ where, select: { id: true } });
      await tx.model.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      return gone.map((r) => r.id);
    },
    orphan,
  );
  await forget(
    touched.challenge,
    report,
    'challenge',
    async (where) => {
      const gone = await tx.challenge.findMany({ where, select: { id: true } });
      await tx.challenge.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      return gone.map((r) => r.id);
    },
    orphan,
  );
  return report;
}

type OrphanWhere = { id: { in: number[] }; mentions: { none: object }; names: { none: object } };

async function forget(
  set: Set<number>,
  report: GcReport,
  table: 'person' | 'institution' | 'model' | 'challenge',
  remove: (where: OrphanWhere) => Promise<number[]>,
  orphan: Omit<OrphanWhere, 'id'>,
) {
  if (set.size === 0) return;
  const gone = await remove({ id: { in: [...set] }, ...orphan });
  for (const id of gone) set.delete(id);
  report[table] = gone.length;
}
