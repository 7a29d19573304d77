import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder, type Context } from '../builder.ts';
import { Challenge } from './challenge.ts';
import { connectionOf } from './connection-type.ts';
import { asEntity, Entity, type EntityRow } from './entity.ts';
import { badUserInput } from './errors.ts';
import { type Period, periodArgs, publishedIn } from './filters.ts';
import { Institution } from './institution.ts';
import { Model } from './model.ts';
import { DocumentOrderBy, documentOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { Person } from './person.ts';
import { requestLoader, tally } from './request-loaders.ts';
import { uniqueById } from './unique.ts';
import { DocumentFormat } from './value-sets.ts';
import { allOf, documentWhere } from './where.ts';
import { DocumentWhere } from './where-inputs.ts';
import type { DocumentWhereShape } from './where-shapes.ts';

// Select mode: a document row holds the whole article text, which a mention's
// `document { title }` must not drag along. Each field selects the column it reads.
export const Document = builder.prismaNode('Document', {
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  description: 'A seeded article: every fact in the graph points to a sentence of one of these.',
  fields: (t) => ({
    source: t.exposeString('source', {
      description: 'Where it came from: a path relative to the seeded folder, or a URL.',
    }),
    title: t.exposeString('title', { description: 'The headline, as the document gives it.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was published; null when the document does not say.',
    }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'The media that published it, when the page says.',
    }),
    editor: t.exposeString('editor', {
      nullable: true,
      description: 'The editor the page header names, kept as metadata.',
    }),
    format: t.field({
      type: DocumentFormat,
      select: { format: true },
      description: 'How it was written: TXT, HTML or MD (the same values as `extract(format:)`).',
      resolve: (document) => document.format as 'txt' | 'html' | 'md',
    }),
    encoding: t.exposeString('encoding', { description: 'The encoding the bytes were read in.' }),
    text: t.exposeString('text', {
      description: 'The cleaned article text; mention offsets point into it.',
    }),
    ingestedAt: t.expose('ingestedAt', {
      type: 'DateTime',
      description: 'When it was seeded (last replaced).',
    }),
  }),
});

export const DocumentConnection = connectionOf(Document, 'Document', 'documents');

// Which entities a document mentions, and the other way round, is read from its Name rows
// (one per name a document uses for an entity) rather than from its mentions: the `mentions`
// relation is already paged by the mentions connection, and a relation read twice with
// different arguments costs a query per row. All four lists share one query shape so asking
// for people and models together loads the names once; an entity with two names in a document
// has two rows, hence uniqueById.
const inNamingOrder = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Document, (t) => ({
  people: t.field({
    type: [Person],
    description: 'The people this document mentions, in the order it names them.',
    select: (_args, _ctx, nested) => ({
      names: { ...inNamingOrder, select: { person: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.names.map((name) => name.person)),
  }),
  institutions: t.field({
    type: [Institution],
    description: 'The institutions this document mentions, in the order it names them.',
    select: (_args, _ctx, nested) => ({
      names: { ...inNamingOrder, select: { institution: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.names.map((name) => name.institution)),
  }),
  models: t.field({
    type: [Model],
    description: 'The models this document mentions, in the order it names them.',
    select: (_args, _ctx, nested) => ({
      names: { ...inNamingOrder, select: { model: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.names.map((name) => name.model)),
  }),
  challenges: t.field({
    type: [Challenge],
    description: 'The challenges this document raises, in the order it names them.',
    select: (_args, _ctx, nested) => ({
      names: { ...inNamingOrder, select: { challenge: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.names.map((name) => name.challenge)),
  }),
  // The same Name rows, each entity selected as the type its fragments ask for.
  entities: t.field({
    type: [Entity],
    description: 'Every entity this document names, of any kind, in the order it names them.',
    select: (_args, _ctx, nested) => ({
      names: {
        ...inNamingOrder,
        select: {
          person: nested(true, [], 'Person'),
          institution: nested(true, [], 'Institution'),
          model: nested(true, [], 'Model'),
          challenge: nested(true, [], 'Challenge'),
        },
      },
    }),
    resolve: (document) => {
      const seen = new Set<string>();
      const entities: EntityRow[] = [];
      for (const name of document.names) {
        const [kind, row] = name.person
          ? (['PERSON', name.person] as const)
          : name.institution
            ? (['INSTITUTION', name.institution] as const)
            : name.model
              ? (['MODEL', name.model] as const)
              : name.challenge
                ? (['CHALLENGE', name.challenge] as const)
                : [null, null];
        if (!kind || seen.has(`${kind}:${row.id}`)) continue;
        seen.add(`${kind}:${row.id}`);
        entities.push(asEntity(kind, row));
      }
      return entities;
    },
  }),
}));

// The documents an entity is named in, a page of them per entity, loaded with the entity: its
// Name rows ordered by document and distinct on it (an entity can have two names in one
// document). Prisma pages the distinct rows, so a document never shows on two pages
// (test/api/nested-connections.test.ts); the count of distinct documents is a groupBy per level.
const documentsHelper = prismaConnectionHelpers(builder, 'Name', {
  cursor: 'id',
  ...pageSize,
  select: (nodeSelection) => ({
    documentId: true,
    document: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (name) => name.document,
});

const ENTITY_COLUMN = {
  Person: 'personId',
  Institution: 'institutionId',
  Model: 'modelId',
  Challenge: 'challengeId',
} as const;

type EntityType = keyof typeof ENTITY_COLUMN;

/** Each entity's count of distinct documents, for the entities of one level: one query. */
function documentCounts(ctx: Context, type: EntityType) {
  const column = ENTITY_COLUMN[type];
  return requestLoader<number, number>(
    ctx,
    `documents of ${type}`,
    async (ids) => {
      const rows = (await ctx.db.name.groupBy({
        by: [column, 'documentId'],
        where: { [column]: { in: [...ids] } },
      })) as Record<string, number | null>[];
      return tally(rows, (row) => row[column] ?? null);
    },
    0,
  );
}

function documentsField(type: EntityType) {
  return builder.prismaObjectField(type, 'documents', (t) =>
    t.connection(
      {
        type: Document,
        description: 'The documents that mention this entity, in the order they were seeded.',
        ...pageSize,
        select: (args, ctx, nested) => ({
          names: { ...documentsHelper.getQuery(args, ctx, nested), distinct: ['documentId'] },
        }),
        resolve: (entity, args, ctx) => ({
          ...documentsHelper.resolve((entity as unknown as { names: never[] }).names, args, ctx),
          totalCount: () => documentCounts(ctx, type).load((entity as { id: number }).id),
        }),
      },
      DocumentConnection,
    ),
  );
}

interface DocumentFilterArgs extends Period {
  title?: string | null;
  mentioning?: { typename: string; id: string } | null;
  where?: DocumentWhereShape | null;
}

function documentsWhere(args: DocumentFilterArgs) {
  return allOf(shortcutWhere(args), args.where ? documentWhere(args.where) : undefined);
}

/** The conditions of the shortcut arguments (title, mentioning, from, to). */
function shortcutWhere({ title, mentioning, from, to }: DocumentFilterArgs) {
  const text = title?.trim();
  const published = publishedIn({ from, to });
  let names = {};
  if (mentioning) {
    const column = ENTITY_COLUMN[mentioning.typename as keyof typeof ENTITY_COLUMN];
    if (!column) throw badUserInput(`Expected the ID of an entity, got a ${mentioning.typename}.`);
    names = { names: { some: { [column]: Number(mentioning.id) } } };
  }
  return {
    ...(text ? { title: { contains: text } } : {}),
    ...(published ? { publishedAt: published } : {}),
    ...names,
  };
}

builder.queryFields((t) => ({
  documents: t.prismaConnection(
    {
      nullable: true,
      type: Document,
      cursor: 'id',
      ...pageSize,
      description:
        'Every seeded document, filtered and ordered as asked (seeding order by default).',
      args: {
        title: t.arg.string({ required: false, description: 'Part of the title.' }),
        mentioning: t.arg.globalID({
          required: false,
          description: 'Only documents that name this person, institution, model or challenge.',
        }),
        ...periodArgs,
        where: t.arg({
          type: DocumentWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
        orderBy: t.arg({
          type: [DocumentOrderBy],
          required: false,
          description: 'The order: keys in turn, ties broken by the id (seeding order by default).',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.document.findMany({
          ...query,
          where: documentsWhere(args),
          orderBy: documentOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) => ctx.db.document.count({ where: documentsWhere(args) }),
    },
    DocumentConnection,
  ),
}));

for (const type of Object.keys(ENTITY_COLUMN) as EntityType[]) documentsField(type);
