import { neighbourhood } from '../../graph/traverse.ts';
import { builder } from '../builder.ts';
import { Entity, type EntityRow } from './entity.ts';
import { depthTooLarge, pageSizeTooLarge } from './errors.ts';
import {
  bounded,
  edgeTypesArg,
  entityRef,
  MAX_DEPTH,
  MAX_NODES,
  rowLimit,
  walk,
} from './graph-args.ts';
import { edgeTypesOf, GraphEdge, type GraphEdgeShape, materialize } from './graph-edge.ts';

// neighbors(id, depth, types, first): an entity's neighbourhood, for a graph view.

const NeighborNode = builder
  .objectRef<{ depth: number; entity: EntityRow }>('NeighborNode')
  .implement({
    description: 'An entity of a neighbourhood and how far it lies from the centre.',
    fields: (t) => ({
      depth: t.exposeInt('depth', { description: 'Steps from the centre (0 for the centre).' }),
      entity: t.field({ type: Entity, description: 'The entity.', resolve: (node) => node.entity }),
    }),
  });

const Neighborhood = builder
  .objectRef<{
    center: EntityRow;
    nodes: { depth: number; entity: EntityRow }[];
    edges: GraphEdgeShape[];
    truncated: boolean;
  }>('Neighborhood')
  .implement({
    description: 'An entity and what lies within a few steps of it.',
    fields: (t) => ({
      center: t.field({
        type: Entity,
        description: 'The entity asked about.',
        resolve: (n) => n.center,
      }),
      nodes: t.field({
        type: [NeighborNode],
        description: 'The centre first, then the others nearest first.',
        resolve: (n) => n.nodes,
      }),
      edges: t.field({
        type: [GraphEdge],
        description: 'The edges between the nodes, of the types asked for.',
        resolve: (n) => n.edges,
      }),
      truncated: t.exposeBoolean('truncated', {
        description: 'True when more nodes were within reach than `first`.',
      }),
    }),
  });

builder.queryFields((t) => ({
  neighbors: t.field({
    type: Neighborhood,
    nullable: true,
    description: `The entities within \`depth\` steps (at most ${MAX_DEPTH}) of an entity and the typed edges that reach them, each with its evidence. Null when the entity does not exist.`,
    args: {
      id: t.arg.globalID({
        required: true,
        description: 'A person, institution, model or challenge.',
      }),
      depth: t.arg.int({
        required: false,
        defaultValue: 1,
        description: 'How many steps from the centre to go (at most 3).',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 50,
        description: `The most nodes besides the centre (at most ${MAX_NODES}); relations are followed before co-mentions.`,
      }),
      ...edgeTypesArg,
    },
    resolve: async (_root, args, ctx, info) => {
      const center = entityRef(args.id, 'id');
      const depth = bounded('depth', args.depth ?? 1, MAX_DEPTH, depthTooLarge);
      const first = bounded('first', args.first ?? 50, MAX_NODES, pageSizeTooLarge);
      const found = await walk(() =>
        neighbourhood(ctx.db, center, {
          depth,
          maxNodes: first,
          types: edgeTypesOf(args.types),
          rowLimit: rowLimit(),
        }),
      );
      const rows = await materialize(
        ctx,
        info,
        found.nodes.map((node) => node.ref),
        found.edges,
        {
          entities: [['center'], ['nodes', 'entity'], ['edges', 'source'], ['edges', 'target']],
          edges: [['edges']],
        },
      );
      const centerRow = rows.entity(center);
      if (!centerRow) return null;
      return {
        center: centerRow,
        nodes: found.nodes.flatMap(({ ref, depth }) => {
          const entity = rows.entity(ref);
          return entity ? [{ depth, entity }] : [];
        }),
        edges: found.edges.flatMap((edge) => rows.edge(edge) ?? []),
        truncated: found.truncated,
      };
    },
  }),
}));
