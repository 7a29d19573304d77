import { RELATION_TYPES } from '../../graph/edge.ts';
import { sharedNeighbours } from '../../graph/traverse.ts';
import { builder } from '../builder.ts';
import { Document } from './document.ts';
import { Entity, EntityKindEnum, type EntityRow } from './entity.ts';
import { entityRef, rowLimit, walk } from './graph-args.ts';
import { edgeTypesOf, GraphEdge, type GraphEdgeShape, materialize } from './graph-edge.ts';

// connections(a, b): what two entities have in common.

const SharedEntity = builder
  .objectRef<{ entity: EntityRow; kind: string; edges: GraphEdgeShape[] }>('SharedEntity')
  .implement({
    description: 'An entity both are related to, and the edges that relate each of them to it.',
    fields: (t) => ({
      entity: t.field({
        type: Entity,
        description: 'The entity both are related to.',
        resolve: (shared) => shared.entity,
      }),
      edges: t.field({
        type: [GraphEdge],
        description: 'The edges that relate each of the two to it.',
        resolve: (shared) => shared.edges,
      }),
    }),
  });

type DocumentRow = typeof Document.$inferType;

const Connections = builder
  .objectRef<{
    a: EntityRow;
    b: EntityRow;
    direct: GraphEdgeShape[];
    documents: DocumentRow[];
    shared: { entity: EntityRow; kind: string; edges: GraphEdgeShape[] }[];
  }>('Connections')
  .implement({
    description: 'What two entities have in common.',
    fields: (t) => ({
      a: t.field({ type: Entity, description: 'The entity `a` names.', resolve: (c) => c.a }),
      b: t.field({ type: Entity, description: 'The entity `b` names.', resolve: (c) => c.b }),
      direct: t.field({
        type: [GraphEdge],
        description: 'The edges between the two themselves, the co-mention included.',
        resolve: (c) => c.direct,
      }),
      documents: t.field({
        type: [Document],
        description: 'The documents that name both.',
        resolve: (c) => c.documents,
      }),
      shared: t.field({
        type: [SharedEntity],
        description:
          'The people, institutions, models and challenges both are related to (affiliation, developer, raised).',
        args: {
          kinds: t.arg({
            type: [EntityKindEnum],
            required: false,
            description: 'Only these kinds.',
          }),
        },
        resolve: (c, args) =>
          c.shared.filter((s) => !args.kinds?.length || args.kinds.includes(s.kind as never)),
      }),
    }),
  });

builder.queryFields((t) => ({
  connections: t.field({
    type: Connections,
    nullable: true,
    description:
      'What two entities share: the documents that name both, the entities both are related to, and the edges between them. Null when either does not exist.',
    args: {
      a: t.arg.globalID({ required: true, description: 'The ID of one entity.' }),
      b: t.arg.globalID({ required: true, description: 'The ID of the other entity.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const a = entityRef(args.a, 'a');
      const b = entityRef(args.b, 'b');
      // Co-mentions only count between the two themselves: through them, everyone a document
      // names would be "shared".
      const found = await walk(() =>
        sharedNeighbours(ctx.db, a, b, {
          types: edgeTypesOf(null),
          via: new Set(RELATION_TYPES),
          rowLimit: rowLimit(),
        }),
      );
      const shared = found.shared;
      const documentIds = found.direct.find((e) => e.type === 'CO_MENTIONED')?.documentIds ?? [];
      const rows = await materialize(
        ctx,
        info,
        [a, b, ...shared.map((s) => s.ref)],
        [...found.direct, ...shared.flatMap((s) => s.edges)],
        {
          entities: [
            ['a'],
            ['b'],
            ['shared', 'entity'],
            ['direct', 'source'],
            ['direct', 'target'],
            ['shared', 'edges', 'source'],
            ['shared', 'edges', 'target'],
          ],
          edges: [['direct'], ['shared', 'edges']],
          documents: [['documents']],
        },
        documentIds,
      );
      const aRow = rows.entity(a);
      const bRow = rows.entity(b);
      if (!aRow || !bRow) return null;
      return {
        a: aRow,
        b: bRow,
        direct: found.direct.flatMap((edge) => rows.edge(edge) ?? []),
        documents: rows.documents(documentIds),
        shared: shared.flatMap((s) => {
          const entity = rows.entity(s.ref);
          if (!entity) return [];
          return [{ entity, kind: s.ref.kind, edges: s.edges.flatMap((e) => rows.edge(e) ?? []) }];
        }),
      };
    },
  }),
}));
