import { pairKey, shortestPaths } from '../../graph/traverse.ts';
import { builder } from '../builder.ts';
import { Entity, type EntityRow } from './entity.ts';
import { depthTooLarge, pageSizeTooLarge } from './errors.ts';
import {
  bounded,
  edgeTypesArg,
  entityRef,
  MAX_PATH_DEPTH,
  MAX_PATHS,
  rowLimit,
  walk,
} from './graph-args.ts';
import { edgeTypesOf, GraphEdge, type GraphEdgeShape, materialize } from './graph-edge.ts';

// path(from, to, maxDepth, types, first): how two entities are connected.

interface PathShape {
  nodes: EntityRow[];
  steps: { from: EntityRow; to: EntityRow; edges: GraphEdgeShape[] }[];
}

const PathStep = builder.objectRef<PathShape['steps'][number]>('PathStep').implement({
  description: 'One step of a path: two entities and every edge between them.',
  fields: (t) => ({
    from: t.field({
      type: Entity,
      description: 'Where the step starts.',
      resolve: (step) => step.from,
    }),
    to: t.field({ type: Entity, description: 'Where the step ends.', resolve: (step) => step.to }),
    edges: t.field({
      type: [GraphEdge],
      description: 'Every edge between the two.',
      resolve: (step) => step.edges,
    }),
  }),
});

const Path = builder.objectRef<PathShape>('Path').implement({
  description: 'One way from one entity to another, step by step.',
  fields: (t) => ({
    length: t.int({ description: 'How many steps.', resolve: (path) => path.steps.length }),
    nodes: t.field({
      type: [Entity],
      description: 'The entities on the way, both ends included.',
      resolve: (path) => path.nodes,
    }),
    steps: t.field({
      type: [PathStep],
      description: 'The steps, in order.',
      resolve: (path) => path.steps,
    }),
  }),
});

const PathResult = builder
  .objectRef<{ from: EntityRow; to: EntityRow; length: number | null; paths: PathShape[] }>(
    'PathResult',
  )
  .implement({
    description: 'The shortest connections between two entities.',
    fields: (t) => ({
      from: t.field({
        type: Entity,
        description: 'Where the paths start.',
        resolve: (result) => result.from,
      }),
      to: t.field({
        type: Entity,
        description: 'Where the paths end.',
        resolve: (result) => result.to,
      }),
      length: t.int({
        nullable: true,
        description: 'Steps on a shortest path; null when none is within maxDepth.',
        resolve: (result) => result.length,
      }),
      paths: t.field({
        type: [Path],
        description: 'Shortest paths, those with more stated relations first.',
        resolve: (result) => result.paths,
      }),
    }),
  });

builder.queryFields((t) => ({
  path: t.field({
    type: PathResult,
    nullable: true,
    description: `How two entities are connected: the shortest paths between them (at most \`maxDepth\` ≤ ${MAX_PATH_DEPTH} steps), each step with its edges and evidence. Null when either entity does not exist.`,
    args: {
      from: t.arg.globalID({ required: true, description: 'The ID of the entity to start from.' }),
      to: t.arg.globalID({ required: true, description: 'The ID of the entity to reach.' }),
      maxDepth: t.arg.int({
        required: false,
        defaultValue: MAX_PATH_DEPTH,
        description: `The most steps a path may take (at most ${MAX_PATH_DEPTH}).`,
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 5,
        description: `The most paths (at most ${MAX_PATHS}).`,
      }),
      ...edgeTypesArg,
    },
    resolve: async (_root, args, ctx, info) => {
      const from = entityRef(args.from, 'from');
      const to = entityRef(args.to, 'to');
      const maxDepth = bounded(
        'maxDepth',
        args.maxDepth ?? MAX_PATH_DEPTH,
        MAX_PATH_DEPTH,
        depthTooLarge,
      );
      const first = bounded('first', args.first ?? 5, MAX_PATHS, pageSizeTooLarge);
      const found = await walk(() =>
        shortestPaths(ctx.db, from, to, {
          maxDepth,
          maxPaths: first,
          types: edgeTypesOf(args.types),
          rowLimit: rowLimit(),
        }),
      );
      const steps = found.paths.flatMap((path) =>
        path.slice(1).map((node, i) => found.edgesBetween.get(pairKey(path[i]!, node)) ?? []),
      );
      const stepPaths = ['paths', 'steps'];
      const rows = await materialize(ctx, info, [from, to, ...found.paths.flat()], steps.flat(), {
        entities: [
          ['from'],
          ['to'],
          ['paths', 'nodes'],
          [...stepPaths, 'from'],
          [...stepPaths, 'to'],
          [...stepPaths, 'edges', 'source'],
          [...stepPaths, 'edges', 'target'],
        ],
        edges: [[...stepPaths, 'edges']],
      });
      const fromRow = rows.entity(from);
      const toRow = rows.entity(to);
      if (!fromRow || !toRow) return null;
      const paths = found.paths.flatMap((path): PathShape[] => {
        const nodes = path.map((ref) => rows.entity(ref));
        if (nodes.some((node) => !node)) return [];
        const present = nodes as EntityRow[];
        return [
          {
            nodes: present,
            steps: present.slice(1).map((node, i) => ({
              from: present[i]!,
              to: node,
              edges: (found.edgesBetween.get(pairKey(path[i]!, path[i + 1]!)) ?? []).flatMap(
                (edge) => rows.edge(edge) ?? [],
              ),
            })),
          },
        ];
      });
      return { from: fromRow, to: toRow, length: found.length, paths };
    },
  }),
}));
