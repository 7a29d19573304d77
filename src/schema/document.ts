import { builder } from '../builder.ts';
import { Challenge } from './challenge.ts';
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

builder.queryFields((t) => ({
  documents: t.prismaConnection({
    nullable: true,
    type: Document,
    cursor: 'id',
    ...pageSize,
    description: 'Every seeded document, in the order they were seeded.',
    resolve: (query, _root, _args, ctx) =>
      ctx.db.document.findMany({ ...query, orderBy: { id: 'asc' } }),
    totalCount: (_parent, _args, ctx) => ctx.db.document.count(),
  }),
}));
