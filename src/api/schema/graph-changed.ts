import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import type { GraphChange, GraphCounts } from '../graph-changes.ts';

// Subscription.graphChanged: what each seed changed, pushed to the client as it commits (over
// server-sent events: POST or GET /graphql with Accept: text/event-stream).

const GraphCountsType = builder.objectRef<GraphCounts>('GraphCounts').implement({
  description: 'How many of each kind the graph holds.',
  fields: (t) => ({
    documents: t.exposeInt('documents', { description: 'Documents seeded.' }),
    people: t.exposeInt('people', { description: 'People.' }),
    institutions: t.exposeInt('institutions', { description: 'Institutions.' }),
    models: t.exposeInt('models', { description: 'Models.' }),
    challenges: t.exposeInt('challenges', { description: 'Challenges raised.' }),
  }),
});

const GraphChangeType = builder.objectRef<GraphChange>('GraphChange').implement({
  description: 'What a seed (or one committed batch of it) changed in the graph.',
  fields: (t) => ({
    at: t.field({
      type: 'DateTime',
      description: 'When the server saw the change.',
      resolve: (change) => change.at,
    }),
    added: t.idList({
      description: 'The global IDs of the documents seeded for the first time.',
      resolve: (change) => change.added.map((id) => encode(id)),
    }),
    changed: t.idList({
      description: 'The global IDs of the documents replaced by new content.',
      resolve: (change) => change.changed.map((id) => encode(id)),
    }),
    removed: t.idList({
      description: 'The global IDs the removed documents had (node() now answers null).',
      resolve: (change) => change.removed.map((id) => encode(id)),
    }),
    counts: t.field({
      type: GraphCountsType,
      description: 'How many of each kind the graph holds now.',
      resolve: (change) => change.counts,
    }),
  }),
});

const encode = (id: number) => encodeGlobalID('Document', id);

builder.subscriptionFields((t) => ({
  graphChanged: t.field({
    type: GraphChangeType,
    description:
      'Announces every change of the graph (a seed run, a removal) with the documents it added, changed and removed and the new counts. Refetch what you show when one arrives.',
    subscribe: (_root, _args, ctx) => ctx.changes.subscribe(),
    resolve: (change) => change,
  }),
}));
