import { ENTITY_COLUMN, type EntityKind, kindOfTable } from '../../domain/entities.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { entityRow } from '../../store/curation/entities.ts';
import { keptEntityId } from '../../store/curation/merged.ts';
import { builder, type Context } from '../builder.ts';
import { connectionOf } from './connection-type.ts';
import { Curation } from './curation-types.ts';
import { badUserInput } from './errors.ts';
import { pageSize } from './pagination.ts';

// The curation log: `curations`, filterable by entity and time. An entity is found by the keys
// curations name it by (its own and the strong names documents use), so the log of an entity
// survives the re-seeds that give it another row id.

/** The keys an entity is known by in curations: its own, and the strong names documents use. */
async function keysOfEntity(ctx: Context, kind: EntityKind, id: number): Promise<string[]> {
  let entity = id;
  let row = await entityRow(ctx.writer, kind, entity);
  if (row === null) {
    const kept = await keptEntityId(ctx.writer, kind, id);
    if (kept === null) return [];
    entity = kept;
    row = await entityRow(ctx.writer, kind, entity);
    if (row === null) return [];
  }
  const names = await ctx.db.name.findMany({
    where: { [ENTITY_COLUMN[kind]]: entity, strong: true } as Prisma.NameWhereInput,
    select: { key: true },
    distinct: ['key'],
  });
  return [...new Set([row.key, ...names.map((n) => n.key)])];
}

async function curationWhere(
  ctx: Context,
  args: { entity?: { typename: string; id: string } | null; from?: Date | null; to?: Date | null },
): Promise<Prisma.CurationWhereInput> {
  const where: Prisma.CurationWhereInput = {
    createdAt: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) },
  };
  if (args.entity) {
    const kind = kindOfTable(args.entity.typename);
    if (!kind) throw badUserInput(`Not an entity: ${args.entity.typename}`);
    const keys = await keysOfEntity(ctx, kind, Number(args.entity.id));
    where.subjects = { some: { kind, key: { in: keys } } };
  }
  return where;
}

builder.queryFields((t) => ({
  curations: t.prismaConnection(
    {
      type: Curation,
      cursor: 'id',
      ...pageSize,
      description: 'The curation log, newest first: who corrected what, when and why.',
      args: {
        entity: t.arg.globalID({
          required: false,
          description: 'Only curations about this person, institution, model or challenge.',
        }),
        from: t.arg({ type: 'DateTime', required: false, description: 'Made at or after.' }),
        to: t.arg({ type: 'DateTime', required: false, description: 'Made at or before.' }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.db.curation.findMany({
          ...query,
          where: await curationWhere(ctx, args),
          orderBy: { id: 'desc' },
        }),
      totalCount: async (_parent, args, ctx) =>
        ctx.db.curation.count({ where: await curationWhere(ctx, args) }),
    },
    connectionOf(Curation, 'Curation', 'curations'),
  ),
}));
