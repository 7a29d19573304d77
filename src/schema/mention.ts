import { builder } from '../builder.ts';
import { Affiliation } from './affiliation.ts';
import { Challenge } from './challenge.ts';
import { Development } from './development.ts';
import { Document } from './document.ts';
import { Institution } from './institution.ts';
import { Model, ModelVersion } from './model.ts';
import { pageSize } from './pagination.ts';
import { Person } from './person.ts';
import { Raised } from './raised.ts';

export const Mention = builder.prismaNode('Mention', {
  id: { field: 'id' },
  nullable: true,
  description: 'One piece of evidence: where in which document an entity or a relation is stated.',
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description:
        'What it is evidence of: PERSON, INSTITUTION, MODEL, CHALLENGE, AFFILIATION, DEVELOPMENT, RAISED or VERSION.',
    }),
    surface: t.exposeString('surface', { description: 'The text found at start…end.' }),
    start: t.exposeInt('start', { description: 'Character offset in Document.text.' }),
    end: t.exposeInt('end', { description: 'Character offset just past the mention.' }),
    snippet: t.exposeString('snippet', { description: 'The sentence that states it.' }),
    snippetStart: t.exposeInt('snippetStart', { description: 'Where the sentence starts.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    document: t.relation('document'),
    person: t.relation('person', { nullable: true }),
    institution: t.relation('institution', { nullable: true }),
    model: t.relation('model', { nullable: true }),
    challenge: t.relation('challenge', { nullable: true }),
    affiliation: t.relation('affiliation', { nullable: true }),
    development: t.relation('development', { nullable: true }),
    raised: t.relation('raised', { nullable: true }),
    modelVersion: t.relation('modelVersion', { nullable: true }),
  }),
});

// One connection type for every `mentions` field: they all page through the same rows.
const MentionConnection = builder.connectionObject({
  type: Mention,
  name: 'MentionConnection',
  fields: (t) => ({
    totalCount: t.int({
      description: 'How many mentions there are in all pages.',
      resolve: (connection) => {
        const { totalCount } = connection as {
          totalCount?: number | (() => number | Promise<number>);
        };
        return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
      },
    }),
  }),
});

// Evidence reads best in the order of the texts: document by document, then by position.
const inReadingOrder = {
  orderBy: [{ documentId: 'asc' as const }, { start: 'asc' as const }, { id: 'asc' as const }],
};
const mentionsOptions = {
  cursor: 'id' as const,
  ...pageSize,
  totalCount: true as const,
  description: 'The mentions that state it, document by document, in reading order.',
  query: inReadingOrder,
};

builder.prismaObjectField(Person, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Institution, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Model, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(ModelVersion, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Challenge, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Affiliation, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Development, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Raised, 'mentions', (t) =>
  t.relatedConnection('mentions', mentionsOptions, MentionConnection),
);
builder.prismaObjectField(Document, 'mentions', (t) =>
  t.relatedConnection(
    'mentions',
    { ...mentionsOptions, description: 'Every mention in this document, in reading order.' },
    MentionConnection,
  ),
);
