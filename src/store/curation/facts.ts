import type { Prisma } from '../../generated/prisma/client.ts';
import type { FactRef } from './change.ts';

// The relation rows a curation reads, writes and removes: one affiliation, development or
// raised-challenge row per fact, found by its two ends.

type Tx = Prisma.TransactionClient;

/** The relation row a fact names, once its ends are found. */
export async function findFact(
  tx: Tx,
  fact: FactRef,
  [a, b]: [number, number],
): Promise<number | null> {
  switch (fact.type) {
    case 'AFFILIATION':
      return (
        (
          await tx.affiliation.findUnique({
            where: {
              personId_institutionId_role: { personId: a, institutionId: b, role: fact.role },
            },
            select: { id: true },
          })
        )?.id ?? null
      );
    case 'DEVELOPMENT':
      return (
        (
          await tx.development.findUnique({
            where: { modelId_institutionId: { modelId: a, institutionId: b } },
            select: { id: true },
          })
        )?.id ?? null
      );
    case 'RAISED':
      return (
        (
          await tx.raised.findUnique({
            where: { personId_challengeId: { personId: a, challengeId: b } },
            select: { id: true },
          })
        )?.id ?? null
      );
  }
}

export async function createFact(tx: Tx, fact: FactRef, [a, b]: [number, number]): Promise<number> {
  switch (fact.type) {
    case 'AFFILIATION':
      return (
        await tx.affiliation.create({ data: { personId: a, institutionId: b, role: fact.role } })
      ).id;
    case 'DEVELOPMENT':
      return (await tx.development.create({ data: { modelId: a, institutionId: b } })).id;
    case 'RAISED':
      return (await tx.raised.create({ data: { personId: a, challengeId: b } })).id;
  }
}

export async function deleteFact(tx: Tx, type: FactRef['type'], id: number) {
  // Its mentions go with it (cascade): a rejected fact leaves no evidence behind in the graph;
  // undoing the rejection extracts its documents again (src/store/curation/store.ts).
  if (type === 'AFFILIATION') await tx.affiliation.delete({ where: { id } });
  else if (type === 'DEVELOPMENT') await tx.development.delete({ where: { id } });
  else await tx.raised.delete({ where: { id } });
}

/** The Mention kind and column of each type of fact. */
export const FACT_MENTION = {
  AFFILIATION: 'affiliationId',
  DEVELOPMENT: 'developmentId',
  RAISED: 'raisedId',
} as const;
