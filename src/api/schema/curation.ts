import type { EntityKind, InstitutionKind } from '../../domain/entities.ts';

import type { Prisma } from '../../generated/prisma/client.ts';
import {
  type Change,
  CURATION_ACTIONS,
  describeChange,
  type EntityRef,
  type FactRef,
  INSTITUTION_CATEGORIES,
} from '../../store/curation/change.ts';
import { entityRow } from '../../store/curation/entities.ts';
import { keptEntityId } from '../../store/curation/merged.ts';
import {
  CurationRefused,
  type CurationRow,
  makeCuration,
  type NewCuration,
  undoCuration,
} from '../../store/curation/store.ts';
import { keysOf } from '../../store/identify.ts';
import { builder, type Context } from '../builder.ts';
import { requireCurator } from '../curators.ts';
import { EntityKindEnum, KIND_OF_TYPE } from './entity.ts';
import { badUserInput } from './errors.ts';
import { pageSize } from './pagination.ts';

// Curation: the mutations that correct the graph, and the log of them (src/curation). Every
// mutation checks the curator's token before it reads anything (src/api/curators.ts), records
// the correction with who made it and why, and applies it at once; seeds apply it again.

const CurationActionEnum = builder.enumType('CurationAction', {
  description: 'What a curation does.',
  values: CURATION_ACTIONS,
});

const CurationStatusEnum = builder.enumType('CurationStatus', {
  description: 'Whether a curation is in force.',
  values: {
    APPLIED: { description: 'In force and applied to the graph.' },
    NOT_APPLYING: {
      description:
        'In force, but an entity or fact it names is no longer in the graph (see problem).',
    },
    UNDONE: { description: 'Undone: the graph is as the documents state it.' },
  },
});

const FactTypeEnum = builder.enumType('FactType', {
  description: 'A kind of stated relation a curator may reject or add.',
  values: {
    AFFILIATION: { description: 'A person (subject) holding a role at an institution (object).' },
    DEVELOPMENT: { description: 'A model (subject) developed by an institution (object).' },
    RAISED: { description: 'A person (subject) raising a challenge (object).' },
  },
});

const CurationSubject = builder.prismaObject('CurationSubject', {
  description: 'An entity a curation is about, by kind and key (its normalised name).',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (s) => s.kind as EntityKind }),
    key: t.exposeString('key'),
  }),
});

const parseChange = (row: { change: string }) => JSON.parse(row.change) as Change;

export const Curation = builder.prismaNode('Curation', {
  id: { field: 'id' },
  nullable: true,
  description:
    'A correction a curator made: kept apart from what was extracted and applied again after every seed.',
  fields: (t) => ({
    action: t.field({ type: CurationActionEnum, resolve: (c) => c.action as Change['action'] }),
    summary: t.string({
      description: 'What it does, in words: merge 张行长 into 张伟.',
      resolve: (c) => describeChange(parseChange(c)),
    }),
    change: t.exposeString('change', {
      description: 'What it does, as JSON: entities by kind and key, which survive re-seeding.',
    }),
    curator: t.exposeString('curator', { description: 'The name of the token that made it.' }),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    status: t.field({
      type: CurationStatusEnum,
      resolve: (c) => (c.undoneAt !== null ? 'UNDONE' : c.applies ? 'APPLIED' : 'NOT_APPLYING'),
    }),
    applies: t.exposeBoolean('applies', {
      description: 'False when an entity or fact it names is no longer in the graph.',
    }),
    problem: t.exposeString('problem', {
      nullable: true,
      description: 'Why it does not apply.',
    }),
    undoneAt: t.expose('undoneAt', { type: 'DateTime', nullable: true }),
    undoneBy: t.exposeString('undoneBy', { nullable: true }),
    subjects: t.relation('subjects', { description: 'The entities it is about.' }),
  }),
});

void CurationSubject;

// ---- the log ---------------------------------------------------------------------------------

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
  const fk = {
    PERSON: 'personId',
    INSTITUTION: 'institutionId',
    MODEL: 'modelId',
    CHALLENGE: 'challengeId',
  }[kind];
  const names = await ctx.db.name.findMany({
    where: { [fk]: entity, strong: true } as Prisma.NameWhereInput,
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
    const kind = KIND_OF_TYPE[args.entity.typename];
    if (!kind) throw badUserInput(`Not an entity: ${args.entity.typename}`);
    const keys = await keysOfEntity(ctx, kind, Number(args.entity.id));
    where.subjects = { some: { kind, key: { in: keys } } };
  }
  return where;
}

builder.queryFields((t) => ({
  curations: t.prismaConnection({
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
    resolve: async (query, _root, args, ctx) => {
      const where: Prisma.CurationWhereInput = {
        createdAt: {
          ...(args.from ? { gte: args.from } : {}),
          ...(args.to ? { lte: args.to } : {}),
        },
      };
      if (args.entity) {
        const kind = KIND_OF_TYPE[args.entity.typename];
        if (!kind) throw badUserInput(`Not an entity: ${args.entity.typename}`);
        const keys = await keysOfEntity(ctx, kind, Number(args.entity.id));
        where.subjects = { some: { kind, key: { in: keys } } };
      }
      return ctx.db.curation.findMany({ ...query, where, orderBy: { id: 'desc' } });
    },
    totalCount: async (_parent, args, ctx) =>
      ctx.db.curation.count({ where: await curationWhere(ctx, args) }),
  }),
}));

// ---- arguments -------------------------------------------------------------------------------

const MAX_TEXT = 200;
// The budget refuses longer string arguments anyway (MAX_STRING_ARGUMENT, src/api/security.ts).
const MAX_NOTE = 1000;

function text(value: string, what: string, max = MAX_TEXT): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(`${what} must not be empty.`);
  if ([...trimmed].length > max) throw badUserInput(`${what} is longer than ${max} characters.`);
  return trimmed;
}

/** The entity a global ID names now, as a curation names it: kind and key. */
async function entityRef(
  ctx: Context,
  id: { typename: string; id: string },
  only?: EntityKind,
): Promise<EntityRef & { id: number; aliases: string[] }> {
  const kind = KIND_OF_TYPE[id.typename];
  if (!kind || (only && kind !== only)) {
    throw badUserInput(
      `Expected ${only ? `a ${only.toLowerCase()}` : 'an entity'}, got ${id.typename}.`,
    );
  }
  const row = await entityRow(ctx.writer, kind, Number(id.id));
  if (row === null) throw badUserInput(`No ${id.typename} ${id.id} in the graph.`);
  let aliases: string[] = [];
  try {
    aliases = JSON.parse(row.aliases) as string[];
  } catch {}
  return { kind, key: row.key, name: row.name, id: Number(id.id), aliases };
}

const plain = ({ kind, key, name }: EntityRef): EntityRef => ({ kind, key, name });

/** A stated relation named by its global ID, with its ends. */
async function factRef(ctx: Context, id: { typename: string; id: string }): Promise<FactRef> {
  const rowId = Number(id.id);
  const ends = { select: { key: true, name: true } } as const;
  const missing = () => badUserInput(`No ${id.typename} ${id.id} in the graph.`);
  const ref = (kind: EntityKind, row: { key: string; name: string }): EntityRef => ({
    kind,
    ...row,
  });
  switch (id.typename) {
    case 'Affiliation': {
      const row = await ctx.writer.affiliation.findUnique({
        where: { id: rowId },
        select: { role: true, person: ends, institution: ends },
      });
      if (!row) throw missing();
      return {
        type: 'AFFILIATION',
        person: ref('PERSON', row.person),
        institution: ref('INSTITUTION', row.institution),
        role: row.role,
      };
    }
    case 'Development': {
      const row = await ctx.writer.development.findUnique({
        where: { id: rowId },
        select: { model: ends, institution: ends },
      });
      if (!row) throw missing();
      return {
        type: 'DEVELOPMENT',
        model: ref('MODEL', row.model),
        institution: ref('INSTITUTION', row.institution),
      };
    }
    case 'Raised': {
      const row = await ctx.writer.raised.findUnique({
        where: { id: rowId },
        select: { person: ends, challenge: ends },
      });
      if (!row) throw missing();
      return {
        type: 'RAISED',
        person: ref('PERSON', row.person),
        challenge: ref('CHALLENGE', row.challenge),
      };
    }
    default:
      throw badUserInput(`Expected an Affiliation, Development or Raised, got ${id.typename}.`);
  }
}

/** Checks the token, builds the curation from the graph as it is, records and applies it. */
async function curate(
  query: { include?: Prisma.CurationInclude; select?: Prisma.CurationSelect },
  ctx: Context,
  build: () => Promise<Omit<NewCuration, 'curator'>>,
): Promise<CurationRow> {
  const curator = requireCurator(ctx.request, ctx.curators);
  const input = await build();
  let row: CurationRow;
  try {
    row = await makeCuration(ctx.writer, { ...input, curator: curator.name });
  } catch (error) {
    if (error instanceof CurationRefused) throw badUserInput(error.message);
    throw error;
  }
  return ctx.db.curation.findUniqueOrThrow({ ...query, where: { id: row.id } });
}

async function undo(
  query: { include?: Prisma.CurationInclude; select?: Prisma.CurationSelect },
  ctx: Context,
  find: () => Promise<number>,
): Promise<CurationRow> {
  const curator = requireCurator(ctx.request, ctx.curators);
  const id = await find();
  try {
    await undoCuration(ctx.writer, id, curator.name);
  } catch (error) {
    if (error instanceof CurationRefused) throw badUserInput(error.message);
    throw error;
  }
  return ctx.db.curation.findUniqueOrThrow({ ...query, where: { id } });
}

// ---- mutations -------------------------------------------------------------------------------

builder.mutationFields((t) => {
  const reason = t.arg.string({ required: false, description: 'Why: kept in the log.' });
  return {
    mergeEntities: t.prismaField({
      type: Curation,
      description:
        'Merges `remove` into `keep` (same kind): its names, mentions and relations move; its id answers as `keep` through `node`.',
      args: {
        keep: t.arg.globalID({ required: true }),
        remove: t.arg.globalID({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const keep = await entityRef(ctx, args.keep);
          const remove = await entityRef(ctx, args.remove, keep.kind);
          if (keep.id === remove.id) throw badUserInput('An entity cannot be merged into itself.');
          return {
            change: { action: 'MERGE_ENTITIES', keep: plain(keep), remove: plain(remove) },
            reason: args.reason,
          };
        }),
    }),
    splitAlias: t.prismaField({
      type: Curation,
      description:
        'Makes an alias of `entity` an entity of its own: where documents name it only by the alias, everything they state moves; elsewhere the alias and its mentions.',
      args: {
        entity: t.arg.globalID({ required: true }),
        alias: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const entity = await entityRef(ctx, args.entity);
          const alias = text(args.alias, 'alias');
          if (entity.kind === 'CHALLENGE')
            throw badUserInput('Challenges come from the taxonomy: they cannot be split.');
          if (!entity.aliases.includes(alias))
            throw badUserInput(`${alias} is not an alias of ${entity.name}.`);
          if (keysOf(entity.kind, alias)[0] === entity.key) {
            throw badUserInput(
              `${alias} is the name ${entity.name} is resolved by: rename it instead.`,
            );
          }
          return {
            change: { action: 'SPLIT_ALIAS', entity: plain(entity), alias },
            reason: args.reason,
          };
        }),
    }),
    renameEntity: t.prismaField({
      type: Curation,
      description: 'Gives an entity another canonical name; the old one becomes an alias.',
      args: {
        entity: t.arg.globalID({ required: true }),
        name: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const entity = await entityRef(ctx, args.entity);
          const name = text(args.name, 'name');
          if (name === entity.name) throw badUserInput(`${entity.name} is already its name.`);
          return {
            change: { action: 'RENAME_ENTITY', entity: plain(entity), name },
            reason: args.reason,
          };
        }),
    }),
    addAlias: t.prismaField({
      type: Curation,
      description: 'Adds another name for an entity.',
      args: {
        entity: t.arg.globalID({ required: true }),
        alias: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const entity = await entityRef(ctx, args.entity);
          const alias = text(args.alias, 'alias');
          if (alias === entity.name || entity.aliases.includes(alias)) {
            throw badUserInput(`${entity.name} is already called ${alias}.`);
          }
          return {
            change: { action: 'ADD_ALIAS', entity: plain(entity), alias },
            reason: args.reason,
          };
        }),
    }),
    removeAlias: t.prismaField({
      type: Curation,
      description: 'Removes a name from the aliases an entity shows (it is still matched by it).',
      args: {
        entity: t.arg.globalID({ required: true }),
        alias: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const entity = await entityRef(ctx, args.entity);
          const alias = text(args.alias, 'alias');
          if (!entity.aliases.includes(alias))
            throw badUserInput(`${alias} is not an alias of ${entity.name}.`);
          return {
            change: { action: 'REMOVE_ALIAS', entity: plain(entity), alias },
            reason: args.reason,
          };
        }),
    }),
    setInstitutionCategory: t.prismaField({
      type: Curation,
      description: `Sets an institution's category: ${INSTITUTION_CATEGORIES.join(', ')}.`,
      args: {
        institution: t.arg.globalID({ required: true }),
        category: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const institution = await entityRef(ctx, args.institution, 'INSTITUTION');
          const category = args.category.trim() as InstitutionKind;
          if (!INSTITUTION_CATEGORIES.includes(category)) {
            throw badUserInput(
              `Unknown category ${args.category}: one of ${INSTITUTION_CATEGORIES.join(', ')}.`,
            );
          }
          return {
            change: {
              action: 'SET_INSTITUTION_CATEGORY',
              institution: plain(institution),
              category,
            },
            reason: args.reason,
          };
        }),
    }),
    rejectFact: t.prismaField({
      type: Curation,
      description:
        'Marks an affiliation, a developer link or a raised challenge wrong: it leaves the graph and the exports, and stays out after re-seeding.',
      args: { id: t.arg.globalID({ required: true }), reason: t.arg.string({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => ({
          change: {
            action: 'REJECT_FACT',
            fact: await factRef(ctx, args.id),
            factId: Number(args.id.id),
          },
          reason: text(args.reason, 'reason', MAX_NOTE),
        })),
    }),
    restoreFact: t.prismaField({
      type: Curation,
      description:
        'Undoes the rejection of a fact (by the id it had): the rejection, marked undone.',
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        undo(query, ctx, async () => {
          const type = { Affiliation: 'AFFILIATION', Development: 'DEVELOPMENT', Raised: 'RAISED' }[
            args.id.typename
          ];
          const rejections = await ctx.db.curation.findMany({
            where: { action: 'REJECT_FACT', undoneAt: null },
            select: { id: true, change: true },
            orderBy: { id: 'desc' },
          });
          const found = rejections.find((r) => {
            const change = parseChange(r) as Extract<Change, { action: 'REJECT_FACT' }>;
            return change.fact.type === type && change.factId === Number(args.id.id);
          });
          if (!found)
            throw badUserInput(`No rejection of ${args.id.typename} ${args.id.id} is in force.`);
          return found.id;
        }),
    }),
    correctRole: t.prismaField({
      type: Curation,
      description: 'Corrects the role of an affiliation.',
      args: {
        affiliation: t.arg.globalID({ required: true }),
        role: t.arg.string({ required: true }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          if (args.affiliation.typename !== 'Affiliation') {
            throw badUserInput(`Expected an Affiliation, got ${args.affiliation.typename}.`);
          }
          const fact = (await factRef(ctx, args.affiliation)) as FactRef & { type: 'AFFILIATION' };
          const role = text(args.role, 'role');
          if (role === fact.role) throw badUserInput(`The role is ${role} already.`);
          return { change: { action: 'CORRECT_ROLE', fact, role }, reason: args.reason };
        }),
    }),
    addFact: t.prismaField({
      type: Curation,
      description:
        'States a relation the documents miss, with a note as its evidence (a document of its own): AFFILIATION person → institution with a role, DEVELOPMENT model → institution, RAISED person → challenge.',
      args: {
        type: t.arg({ type: FactTypeEnum, required: true }),
        subject: t.arg.globalID({ required: true }),
        object: t.arg.globalID({ required: true }),
        role: t.arg.string({ required: false, description: 'The role of an affiliation.' }),
        note: t.arg.string({ required: true, description: 'The evidence: where this is stated.' }),
        reason,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const note = text(args.note, 'note', MAX_NOTE);
          let fact: FactRef;
          if (args.type === 'AFFILIATION') {
            const role = text(args.role ?? '', 'role');
            fact = {
              type: 'AFFILIATION',
              person: plain(await entityRef(ctx, args.subject, 'PERSON')),
              institution: plain(await entityRef(ctx, args.object, 'INSTITUTION')),
              role,
            };
          } else if (args.type === 'DEVELOPMENT') {
            fact = {
              type: 'DEVELOPMENT',
              model: plain(await entityRef(ctx, args.subject, 'MODEL')),
              institution: plain(await entityRef(ctx, args.object, 'INSTITUTION')),
            };
          } else {
            fact = {
              type: 'RAISED',
              person: plain(await entityRef(ctx, args.subject, 'PERSON')),
              challenge: plain(await entityRef(ctx, args.object, 'CHALLENGE')),
            };
          }
          return {
            change: { action: 'ADD_FACT', fact, note, document: '' },
            note,
            reason: args.reason,
          };
        }),
    }),
    undoCuration: t.prismaField({
      type: Curation,
      description:
        'Undoes a curation: the graph goes back to what the documents state (its documents are extracted again), other curations staying in force.',
      args: { id: t.arg.globalID({ required: true, for: [Curation] }) },
      resolve: (query, _root, args, ctx) => undo(query, ctx, async () => Number(args.id.id)),
    }),
  };
});
