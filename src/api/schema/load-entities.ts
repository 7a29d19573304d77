import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { ENTITY_KINDS, ENTITY_TABLE, type EntityKind, perKind } from '../../domain/entities.ts';
import type { Context } from '../builder.ts';
import { asEntity, type EntityRow } from './entity.ts';

// Fields that return entities found by something other than a relation (a search hit, a node
// of a neighbourhood) load them here: one findMany per kind present, each carrying everything
// the operation selects on that type wherever it appears in the result (`paths`), so nested
// relations come with the rows instead of costing a query per entity.

/** An entity by kind and row id; `PERSON:3`. */
export interface EntityRef {
  kind: EntityKind;
  id: number;
}

/** Where in the result entities appear: field names from the resolved field down. */
export type SelectionPaths = NonNullable<Parameters<typeof queryFromInfo>[0]['paths']>;

export const refKey = ({ kind, id }: EntityRef) => `${kind}:${id}`;

/**
 * The rows of `refs`, keyed by refKey and branded with their GraphQL type. Entities that no
 * longer exist are absent from the map.
 */
export async function loadEntities(
  ctx: Context,
  info: GraphQLResolveInfo,
  refs: Iterable<EntityRef>,
  paths: SelectionPaths,
): Promise<Map<string, EntityRow>> {
  const ids = perKind(() => new Set<number>());
  for (const ref of refs) ids[ref.kind].add(ref.id);
  const queryOf = (kind: EntityKind) =>
    queryFromInfo({ context: ctx, info, typeName: ENTITY_TABLE[kind], paths });
  const where = (kind: EntityKind) => ({ id: { in: [...ids[kind]] } });
  const load = async (kind: EntityKind, rows: () => Promise<EntityRow[]>) =>
    ids[kind].size === 0 ? [] : (await rows()).map((row) => asEntity(kind, row));
  const loaded = await Promise.all([
    load('PERSON', () => ctx.db.person.findMany({ ...queryOf('PERSON'), where: where('PERSON') })),
    load('INSTITUTION', () =>
      ctx.db.institution.findMany({ ...queryOf('INSTITUTION'), where: where('INSTITUTION') }),
    ),
    load('MODEL', () => ctx.db.model.findMany({ ...queryOf('MODEL'), where: where('MODEL') })),
    load('CHALLENGE', () =>
      ctx.db.challenge.findMany({ ...queryOf('CHALLENGE'), where: where('CHALLENGE') }),
    ),
  ]);
  const byKey = new Map<string, EntityRow>();
  loaded.forEach((rows, i) => {
    for (const row of rows) byKey.set(refKey({ kind: ENTITY_KINDS[i]!, id: row.id }), row);
  });
  return byKey;
}
