import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { EDGE_TYPES, type Edge, type NodeRef, nodeKey } from '../../graph/edge.ts';
import { evidenceOf, evidenceWhere } from '../../graph/evidence.ts';
import { builder, type Context } from '../builder.ts';
import { Document } from './document.ts';
import { Entity, type EntityRow } from './entity.ts';
import { fanOutTooLarge } from './errors.ts';
import { loadEntities, type SelectionPaths } from './load-entities.ts';
import { Mention } from './mention.ts';
import { selects } from './selection.ts';

// The edges neighbors, path and connections return, and the loading they share: the entities at
// both ends, the evidence and the documents of every edge of a result, each in one query
// whatever the number of edges.

export const EVIDENCE_PER_EDGE = 5;
/** The most evidence rows one request reads. */
export const EVIDENCE_ROW_LIMIT = 5000;

export const EdgeTypeEnum = builder.enumType('EdgeType', {
  description: 'The kinds of edge between two entities.',
  values: {
    AFFILIATION: { description: 'A person holds a role at an institution.' },
    DEVELOPER: { description: 'An institution develops a model.' },
    RAISED: { description: 'A person raised a challenge.' },
    CO_MENTIONED: { description: 'A document names both (weaker: no stated relation).' },
  },
});

type MentionRow = typeof Mention.$inferType;
type DocumentRow = typeof Document.$inferType;

export interface GraphEdgeShape {
  edge: Edge;
  source: EntityRow;
  target: EntityRow;
  weight: number;
  documents: DocumentRow[];
  evidence: MentionRow[];
}

export const GraphEdge = builder.objectRef<GraphEdgeShape>('GraphEdge').implement({
  description: 'A typed edge between two entities, with the evidence for it.',
  fields: (t) => ({
    id: t.id({
      description: 'Stable across requests: AFFILIATION:12, CO_MENTIONED:INSTITUTION:3|PERSON:7.',
      resolve: ({ edge }) => edge.key,
    }),
    type: t.field({
      type: EdgeTypeEnum,
      description: 'What kind of edge.',
      resolve: ({ edge }) => edge.type,
    }),
    source: t.field({
      type: Entity,
      description: 'The person of an affiliation or raised challenge, the developer of a model.',
      resolve: ({ source }) => source,
    }),
    target: t.field({
      type: Entity,
      description: 'The institution of an affiliation or development, the challenge raised.',
      resolve: ({ target }) => target,
    }),
    role: t.string({
      nullable: true,
      description: 'The role of an affiliation: 副行长, 首席信息官…',
      resolve: ({ edge }) => edge.role,
    }),
    weight: t.int({
      description: 'Mentions stating a relation; documents naming both for a co-mention.',
      resolve: ({ weight }) => weight,
    }),
    documents: t.field({
      type: [Document],
      description: 'The documents the evidence comes from, in the order they were seeded.',
      resolve: ({ documents }) => documents,
    }),
    evidence: t.field({
      type: [Mention],
      description: `Up to ${EVIDENCE_PER_EDGE} mentions that show it, in reading order: for a co-mention, the sentences naming both.`,
      resolve: ({ evidence }) => evidence,
    }),
  }),
});

export function edgeTypesOf(types: readonly (typeof EDGE_TYPES)[number][] | null | undefined) {
  return new Set(types && types.length > 0 ? types : EDGE_TYPES);
}

/** Where in a result entities, edges and documents appear, as field-name paths. */
export interface ResultPaths {
  entities: SelectionPaths;
  edges: string[][];
  documents?: string[][];
}

/**
 * Loads what a graph result needs: the entities `refs` and the ends of `edges` (one query per
 * kind), the evidence of the edges (one query, if selected) and their documents plus
 * `documentIds` (one query, if selected). Returns the rows by key and the edges as GraphEdges.
 */
export async function materialize(
  ctx: Context,
  info: GraphQLResolveInfo,
  refs: readonly NodeRef[],
  edges: readonly Edge[],
  paths: ResultPaths,
  documentIds: readonly number[] = [],
) {
  const entities = await loadEntities(
    ctx,
    info,
    [...refs, ...edges.flatMap((edge) => [edge.source, edge.target])],
    paths.entities,
  );
  const under = (field: string) => paths.edges.map((path) => [...path, field]);
  const wantsEvidence = ['evidence', 'weight', 'documents'].some((field) =>
    under(field).some((path) => selects(info, path)),
  );
  const rows: MentionRow[] =
    wantsEvidence && edges.length > 0
      ? await ctx.db.mention.findMany({
          ...queryFromInfo({ context: ctx, info, typeName: 'Mention', paths: under('evidence') }),
          where: evidenceWhere(edges),
          orderBy: [{ documentId: 'asc' }, { start: 'asc' }, { id: 'asc' }],
          take: EVIDENCE_ROW_LIMIT + 1,
        })
      : [];
  if (rows.length > EVIDENCE_ROW_LIMIT) throw fanOutTooLarge('the evidence', EVIDENCE_ROW_LIMIT);
  const evidence = new Map(
    edges.map((edge) => [edge.key, evidenceOf(edge, rows, EVIDENCE_PER_EDGE)]),
  );

  const documentPaths = [...under('documents'), ...(paths.documents ?? [])];
  const wantedDocuments = new Set([
    ...documentIds,
    ...[...evidence.values()].flatMap((e) => e.documentIds),
  ]);
  const documents = new Map<number, DocumentRow>();
  if (wantedDocuments.size > 0 && documentPaths.some((path) => selects(info, path))) {
    const loaded = await ctx.db.document.findMany({
      ...queryFromInfo({ context: ctx, info, typeName: 'Document', paths: documentPaths }),
      where: { id: { in: [...wantedDocuments] } },
    });
    for (const row of loaded) documents.set(row.id, row);
  }
  const documentsOf = (ids: readonly number[]) =>
    [...ids].sort((a, b) => a - b).flatMap((id) => documents.get(id) ?? []);

  const graphEdges = new Map<string, GraphEdgeShape>();
  for (const edge of edges) {
    const source = entities.get(nodeKey(edge.source));
    const target = entities.get(nodeKey(edge.target));
    const shown = evidence.get(edge.key)!;
    if (!source || !target) continue;
    graphEdges.set(edge.key, {
      edge,
      source,
      target,
      weight: shown.weight,
      documents: documentsOf(shown.documentIds),
      evidence: shown.mentions,
    });
  }
  return {
    entity: (ref: NodeRef) => entities.get(nodeKey(ref)),
    edge: (edge: Edge) => graphEdges.get(edge.key),
    documents: documentsOf,
  };
}
