import type { EntityKind } from '../../domain/entities.ts';

import type { Prisma } from '../../generated/prisma/client.ts';
import type { Change } from './change.ts';
import { findEntity } from './entities.ts';

type Reader = Pick<Prisma.TransactionClient, 'mergedEntity' | '$queryRaw'>;

/**
 * The entity that an entity id removed by a merge answers as now: the entity the merge kept,
 * found by its key (through later merges too). Null when the id was never merged away, or when
 * the entity kept is gone as well.
 */
export async function keptEntityId(
  db: Reader,
  kind: EntityKind,
  id: number,
): Promise<number | null> {
  const merged = await db.mergedEntity.findUnique({
    where: { kind_entityId: { kind, entityId: id } },
    select: { curation: { select: { change: true, undoneAt: true } } },
  });
  if (!merged || merged.curation.undoneAt !== null) return null;
  const change = JSON.parse(merged.curation.change) as Change;
  if (change.action !== 'MERGE_ENTITIES') return null;
  return findEntity(db as Prisma.TransactionClient, change.keep);
}
