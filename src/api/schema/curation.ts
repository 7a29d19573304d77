import type { InstitutionKind } from '../../domain/entities.ts';
import type { Change, FactRef } from '../../store/curation/change.ts';
import { keysOf } from '../../store/identify.ts';
import { builder } from '../builder.ts';
import { curate, entityRef, factRef, MAX_NOTE, plain, text, undo } from './curation-refs.ts';
import { Curation, FactTypeEnum, parseChange } from './curation-types.ts';
import { badUserInput } from './errors.ts';
import { InstitutionCategory } from './value-sets.ts';

// Curation: the mutations that correct the graph (src/store/curation). Every mutation checks the
// curator's token before it reads anything (src/api/curators.ts), records the correction with
// who made it and why, and applies it at once; seeds apply it again.

/** Why a curator made a correction: kept in the log. */
const reasonArg = builder.args((t) => ({
  reason: t.string({ required: false, description: 'Why: kept in the log.' }),
}));

builder.mutationFields((t) => {
  return {
    mergeEntities: t.prismaField({
      type: Curation,
      description:
        'Merges `remove` into `keep` (same kind): its names, mentions and relations move; its id answers as `keep` through `node`.',
      args: {
        keep: t.arg.globalID({ required: true, description: 'The entity that stays.' }),
        remove: t.arg.globalID({
          required: true,
          description: 'The entity merged into `keep` (of the same kind).',
        }),
        ...reasonArg,
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
    renameEntity: t.prismaField({
      type: Curation,
      description: 'Gives an entity another canonical name; the old one becomes an alias.',
      args: {
        entity: t.arg.globalID({ required: true, description: 'The entity.' }),
        name: t.arg.string({ required: true, description: 'Its new canonical name.' }),
        ...reasonArg,
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
    setInstitutionCategory: t.prismaField({
      type: Curation,
      description: "Sets an institution's category.",
      args: {
        institution: t.arg.globalID({ required: true, description: 'The institution.' }),
        category: t.arg({
          type: InstitutionCategory,
          required: true,
          description: 'Its category.',
        }),
        ...reasonArg,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const institution = await entityRef(ctx, args.institution, 'INSTITUTION');
          const category: InstitutionKind = args.category;
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
      args: {
        id: t.arg.globalID({
          required: true,
          description: 'The Affiliation, Development or Raised to reject.',
        }),
        reason: t.arg.string({ required: true, description: 'Why it is wrong: kept in the log.' }),
      },
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
      args: {
        id: t.arg.globalID({ required: true, description: 'The id the rejected fact had.' }),
      },
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
        affiliation: t.arg.globalID({ required: true, description: 'The Affiliation.' }),
        role: t.arg.string({ required: true, description: 'The right role, as a title: 副行长.' }),
        ...reasonArg,
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
        type: t.arg({ type: FactTypeEnum, required: true, description: 'What kind of fact.' }),
        subject: t.arg.globalID({
          required: true,
          description: 'The person (affiliation, raised) or model (development).',
        }),
        object: t.arg.globalID({
          required: true,
          description: 'The institution (affiliation, development) or challenge (raised).',
        }),
        role: t.arg.string({ required: false, description: 'The role of an affiliation.' }),
        note: t.arg.string({ required: true, description: 'The evidence: where this is stated.' }),
        ...reasonArg,
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
      args: {
        id: t.arg.globalID({ required: true, for: [Curation], description: 'The curation.' }),
      },
      resolve: (query, _root, args, ctx) => undo(query, ctx, async () => Number(args.id.id)),
    }),
  };
});

// ---- aliases: three mutations of one shape ---------------------------------------------------

type EntityDetails = Awaited<ReturnType<typeof entityRef>>;

/** A mutation that names an entity and one of its names, refused when `check` throws. */
function aliasMutation(
  name: string,
  action: 'SPLIT_ALIAS' | 'ADD_ALIAS' | 'REMOVE_ALIAS',
  description: string,
  check: (entity: EntityDetails, alias: string) => void,
) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: Curation,
      description,
      args: {
        entity: t.arg.globalID({ required: true, description: 'The entity.' }),
        alias: t.arg.string({ required: true, description: 'The alias.' }),
        ...reasonArg,
      },
      resolve: (query, _root, args, ctx) =>
        curate(query, ctx, async () => {
          const entity = await entityRef(ctx, args.entity);
          const alias = text(args.alias, 'alias');
          check(entity, alias);
          return { change: { action, entity: plain(entity), alias }, reason: args.reason };
        }),
    }),
  );
}

aliasMutation(
  'splitAlias',
  'SPLIT_ALIAS',
  'Makes an alias of `entity` an entity of its own: where documents name it only by the alias, everything they state moves; elsewhere the alias and its mentions.',
  (entity, alias) => {
    if (entity.kind === 'CHALLENGE')
      throw badUserInput('Challenges come from the taxonomy: they cannot be split.');
    if (!entity.aliases.includes(alias))
      throw badUserInput(`${alias} is not an alias of ${entity.name}.`);
    if (keysOf(entity.kind, alias)[0] === entity.key) {
      throw badUserInput(`${alias} is the name ${entity.name} is resolved by: rename it instead.`);
    }
  },
);

aliasMutation('addAlias', 'ADD_ALIAS', 'Adds another name for an entity.', (entity, alias) => {
  if (alias === entity.name || entity.aliases.includes(alias)) {
    throw badUserInput(`${entity.name} is already called ${alias}.`);
  }
});

aliasMutation(
  'removeAlias',
  'REMOVE_ALIAS',
  'Removes a name from the aliases an entity shows (it is still matched by it).',
  (entity, alias) => {
    if (!entity.aliases.includes(alias))
      throw badUserInput(`${alias} is not an alias of ${entity.name}.`);
  },
);
