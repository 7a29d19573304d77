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

// The entities a document mentions all come from its `mentions` relation, read with one
// shared query (same order, no filter) so that asking for people and models together still
// loads the mentions once; a join row can repeat an entity, hence uniqueById.
const inReadingOrder = { orderBy: [{ start: 'asc' as const }, { id: 'asc' as const }] };

builder.prismaObjectFields(Document, (t) => ({
  people: t.field({
    type: [Person],
    description: 'The people this document mentions, in reading order.',
    select: (_args, _ctx, nested) => ({
      mentions: { ...inReadingOrder, select: { person: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.mentions.map((mention) => mention.person)),
  }),
  institutions: t.field({
    type: [Institution],
    description: 'The institutions this document mentions, in reading order.',
    select: (_args, _ctx, nested) => ({
      mentions: { ...inReadingOrder, select: { institution: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.mentions.map((mention) => mention.institution)),
  }),
  models: t.field({
    type: [Model],
    description: 'The models this document mentions, in reading order.',
    select: (_args, _ctx, nested) => ({
      mentions: { ...inReadingOrder, select: { model: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.mentions.map((mention) => mention.model)),
  }),
  challenges: t.field({
    type: [Challenge],
    description: 'The challenges this document raises, in reading order.',
    select: (_args, _ctx, nested) => ({
      mentions: { ...inReadingOrder, select: { challenge: nested(true) } },
    }),
    resolve: (document) => uniqueById(document.mentions.map((mention) => mention.challenge)),
  }),
}));

// The other way round: the documents an entity is mentioned in, one mention per document.
const oneMentionPerDocument = {
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
      mentions: { ...oneMentionPerDocument, select: { document: nested(true) } },
    }),
    resolve: (person) => person.mentions.map((mention) => mention.document),
  }),
);
builder.prismaObjectField(Institution, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      mentions: { ...oneMentionPerDocument, select: { document: nested(true) } },
    }),
    resolve: (institution) => institution.mentions.map((mention) => mention.document),
  }),
);
builder.prismaObjectField(Model, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      mentions: { ...oneMentionPerDocument, select: { document: nested(true) } },
    }),
    resolve: (model) => model.mentions.map((mention) => mention.document),
  }),
);
builder.prismaObjectField(Challenge, 'documents', (t) =>
  t.field({
    type: [Document],
    description: documentsDescription,
    select: (_args, _ctx, nested) => ({
      mentions: { ...oneMentionPerDocument, select: { document: nested(true) } },
    }),
    resolve: (challenge) => challenge.mentions.map((mention) => mention.document),
  }),
);

builder.queryFields((t) => ({
  documents: t.prismaConnection({
    type: Document,
    cursor: 'id',
    ...pageSize,
    description: 'Every seeded document, in the order they were seeded.',
    resolve: (query, _root, _args, ctx) =>
      ctx.db.document.findMany({ ...query, orderBy: { id: 'asc' } }),
    totalCount: (_parent, _args, ctx) => ctx.db.document.count(),
  }),
}));
