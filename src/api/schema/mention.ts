import { builder } from '../builder.ts';
import { Affiliation } from './affiliation.ts';
import { Challenge } from './challenge.ts';
import { connectionOf } from './connection-type.ts';
import { Development } from './development.ts';
import { Document } from './document.ts';
import { Entity } from './entity.ts';
import { badUserInput } from './errors.ts';
import { documentIdOf, type Period, periodArgs, publishedIn } from './filters.ts';
import { Institution } from './institution.ts';
import { Model, ModelVersion } from './model.ts';
import { MentionOrderBy, mentionOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { Person } from './person.ts';
import { Raised } from './raised.ts';
import { MentionKind } from './value-sets.ts';
import { allOf, mentionWhere as mentionCondition } from './where.ts';
import { MentionWhere } from './where-inputs.ts';
import type { MentionWhereShape } from './where-shapes.ts';

type MentionKindValue = (typeof MentionKind)['$inferType'];

export const Mention = builder.prismaNode('Mention', {
  id: { field: 'id' },
  nullable: true,
  description: 'One piece of evidence: where in which document an entity or a relation is stated.',
  fields: (t) => ({
    kind: t.field({
      type: MentionKind,
      description: 'What it is evidence of.',
      resolve: (mention) => mention.kind as MentionKindValue,
    }),
    surface: t.exposeString('surface', { description: 'The text found at start…end.' }),
    start: t.exposeInt('start', { description: 'Character offset in Document.text.' }),
    end: t.exposeInt('end', { description: 'Character offset just past the mention.' }),
    snippet: t.exposeString('snippet', { description: 'The sentence that states it.' }),
    snippetStart: t.exposeInt('snippetStart', { description: 'Where the sentence starts.' }),
    page: t.exposeInt('page', {
      nullable: true,
      description:
        'The page of a PDF it is on (1 for the first); null for documents without pages.',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Its document’s publication date; null when the document does not say.',
    }),
    confidence: t.exposeFloat('confidence', {
      description:
        'How far this document supports what the mention points at (0 to 1): the weight of the evidence it gave (see `basis`). Every mention of the same thing in the document has the same.',
    }),
    basis: t.exposeString('basis', {
      description: 'The name of the evidence this document gave for what the mention points at.',
    }),
    document: t.relation('document', { description: 'The document it is in.' }),
    person: t.relation('person', { nullable: true, description: 'The person it names.' }),
    institution: t.relation('institution', {
      nullable: true,
      description: 'The institution it names.',
    }),
    model: t.relation('model', { nullable: true, description: 'The model it names.' }),
    challenge: t.relation('challenge', {
      nullable: true,
      description: 'The challenge it raises.',
    }),
    affiliation: t.relation('affiliation', {
      nullable: true,
      description: 'The affiliation it states.',
    }),
    development: t.relation('development', {
      nullable: true,
      description: 'The development relation it states.',
    }),
    raised: t.relation('raised', {
      nullable: true,
      description: 'The raised challenge it states.',
    }),
    modelVersion: t.relation('modelVersion', {
      nullable: true,
      description: 'The model version it states.',
    }),
  }),
});

// One connection type for every `mentions` field: they all page through the same rows.
const MentionConnection = connectionOf(Mention, 'Mention', 'mentions');

// Evidence reads best in the order of the texts: document by document, then by position.
const inReadingOrder = [
  { documentId: 'asc' as const },
  { start: 'asc' as const },
  { id: 'asc' as const },
];

/** `from`, `to` and `document`: what was said when, and where. */
const mentionArgs = builder.args((t) => ({
  ...periodArgs,
  document: t.globalID({ required: false, description: 'Only the mentions in this document.' }),
}));

type MentionArgs = Period & { document?: { typename: string; id: string } | null };

/** The Prisma `where` of the mention filters; `publishedAt` is the document's date, copied. */
export function mentionWhere(args: MentionArgs) {
  const published = publishedIn(args);
  const documentId = documentIdOf(args.document);
  return {
    ...(published ? { publishedAt: published } : {}),
    ...(documentId !== undefined ? { documentId } : {}),
  };
}

const mentionsOptions = {
  cursor: 'id' as const,
  ...pageSize,
  totalCount: true as const,
  args: mentionArgs,
  description:
    'The mentions that state it, document by document, in reading order; `from`/`to` keep what was said in a period.',
  query: (args: MentionArgs) => ({ where: mentionWhere(args), orderBy: inReadingOrder }),
};

builder.interfaceField(Entity, 'mentions', (t) =>
  t.field({
    type: MentionConnection,
    description: mentionsOptions.description,
    args: { ...t.arg.connectionArgs(), ...mentionArgs },
    // Each entity type resolves its own mentions as a relation (below); this is never called.
    resolve: () => {
      throw new Error('Entity.mentions is resolved by each entity type');
    },
  }),
);

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
    {
      ...mentionsOptions,
      args: periodArgs,
      query: (args: Period) => ({ where: mentionWhere(args), orderBy: inReadingOrder }),
      description: 'Every mention in this document, in reading order.',
    },
    MentionConnection,
  ),
);

builder.queryFields((t) => ({
  mentions: t.prismaConnection(
    {
      nullable: true,
      type: Mention,
      cursor: 'id',
      ...pageSize,
      description:
        'What the documents say: every mention, filtered by entity, kind, document and period, in reading order (or newest first).',
      args: {
        ...mentionArgs,
        entity: t.arg.globalID({
          required: false,
          description: 'Only the mentions of this person, institution, model or challenge.',
        }),
        kinds: t.arg({ type: [MentionKind], required: false, description: 'Only these kinds.' }),
        where: t.arg({
          type: MentionWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
        orderBy: t.arg({
          type: [MentionOrderBy],
          required: false,
          description: 'The order: keys in turn, ties broken by the id (reading order by default).',
        }),
        newestFirst: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'Newest documents first instead of reading order.',
          deprecationReason:
            'Use orderBy: [{ field: PUBLISHED_AT, direction: DESC }, { field: READING }].',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.mention.findMany({
          ...query,
          where: topLevelMentionWhere(args),
          orderBy: args.newestFirst
            ? mentionOrder([{ field: 'PUBLISHED_AT', direction: 'desc' }, { field: 'READING' }])
            : mentionOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) =>
        ctx.db.mention.count({ where: topLevelMentionWhere(args) }),
    },
    MentionConnection,
  ),
}));

const ENTITY_COLUMN = {
  Person: 'personId',
  Institution: 'institutionId',
  Model: 'modelId',
  Challenge: 'challengeId',
} as const;

function topLevelMentionWhere(
  args: MentionArgs & {
    entity?: { typename: string; id: string } | null;
    kinds?: readonly string[] | null;
    where?: MentionWhereShape | null;
  },
) {
  let entity = {};
  if (args.entity) {
    const column = ENTITY_COLUMN[args.entity.typename as keyof typeof ENTITY_COLUMN];
    if (!column) throw badUserInput(`Expected the ID of an entity, got a ${args.entity.typename}.`);
    entity = { [column]: Number(args.entity.id) };
  }
  return allOf(
    {
      ...mentionWhere(args),
      ...entity,
      ...(args.kinds && args.kinds.length > 0 ? { kind: { in: [...args.kinds] } } : {}),
    },
    args.where ? mentionCondition(args.where) : undefined,
  );
}
