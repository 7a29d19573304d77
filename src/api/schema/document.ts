import { builder } from '../builder.ts';
import { Challenge } from './challenge.ts';
import { asEntity, Entity, type EntityRow } from './entity.ts';
import { badUserInput } from './errors.ts';
import { type Period, periodArgs, publishedIn } from './filters.ts';
import { Institution } from './institution.ts';
import { Model } from './model.ts';
import { pageSize } from './pagination.ts';
import { Person } from './person.ts';
import { uniqueById } from './unique.ts';

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
    title: t.exposeString('title'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    publisher: t.exposeString('publisher', { nullable: true }),
    editor: t.exposeString('editor', { nullable: true }),
    format: t.exposeString('format', { description: 'txt, html or md.' }),
    encoding: t.exposeString('encoding', { description: 'The encoding the bytes were read in.' }),
    text: t.exposeString('text', {
      description: 'The cleaned article text; mention offsets point into it.',
    }),
    ingestedAt: t.expose('ingestedAt', { type: 'DateTime' }),
  }),
});

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

// The documents an entity is named in: one Name row per document.
const onePerDocument = {
  distinct: ['documentId' as const],
  orderBy: { documentId: 'asc' as const },
};
const documentsDescription =
  'The documents that mention this entity, in the order they were seeded.';

builder.prismaObjectField(Person, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      names: { ...onePerDocument, select: { document: nested(true) } },
    }),
    resolve: (person) => person.names.map((name) => name.document),
  }),
);
builder.prismaObjectField(Institution, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      names: { ...onePerDocument, select: { document: nested(true) } },
    }),
    resolve: (institution) => institution.names.map((name) => name.document),
  }),
);
builder.prismaObjectField(Model, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      names: { ...onePerDocument, select: { document: nested(true) } },
    }),
    resolve: (model) => model.names.map((name) => name.document),
  }),
);
builder.prismaObjectField(Challenge, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      names: { ...onePerDocument, select: { document: nested(true) } },
    }),
    resolve: (challenge) => challenge.names.map((name) => name.document),
  }),
);

const DocumentOrder = builder.enumType('DocumentOrder', {
  description: 'The order of a list of documents.',
  values: {
    SEEDED: { description: 'In the order they were seeded (the default).' },
    NEWEST: { description: 'Newest publication date first; undated documents last.' },
    OLDEST: { description: 'Oldest publication date first; undated documents last.' },
  },
});

const ENTITY_COLUMN = {
  Person: 'personId',
  Institution: 'institutionId',
  Model: 'modelId',
  Challenge: 'challengeId',
} as const;

interface DocumentFilterArgs extends Period {
  title?: string | null;
  mentioning?: { typename: string; id: string } | null;
}

function documentWhere({ title, mentioning, from, to }: DocumentFilterArgs) {
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

function documentOrderBy(order: 'SEEDED' | 'NEWEST' | 'OLDEST' | null | undefined) {
  switch (order) {
    case 'NEWEST':
      return [
        { publishedAt: { sort: 'desc' as const, nulls: 'last' as const } },
        { id: 'asc' as const },
      ];
    case 'OLDEST':
      return [
        { publishedAt: { sort: 'asc' as const, nulls: 'last' as const } },
        { id: 'asc' as const },
      ];
    default:
      return [{ id: 'asc' as const }];
  }
}

builder.queryFields((t) => ({
  documents: t.prismaConnection({
    nullable: true,
    type: Document,
    cursor: 'id',
    ...pageSize,
    description: 'Every seeded document, filtered and ordered as asked (seeding order by default).',
    args: {
      title: t.arg.string({ required: false, description: 'Part of the title.' }),
      mentioning: t.arg.globalID({
        required: false,
        description: 'Only documents that name this person, institution, model or challenge.',
      }),
      ...periodArgs,
      orderBy: t.arg({ type: DocumentOrder, required: false, defaultValue: 'SEEDED' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.document.findMany({
        ...query,
        where: documentWhere(args),
        orderBy: documentOrderBy(args.orderBy),
      }),
    totalCount: (_parent, args, ctx) => ctx.db.document.count({ where: documentWhere(args) }),
  }),
}));
