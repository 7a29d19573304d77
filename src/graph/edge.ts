import type { ObservedDb } from '../db/observe.ts';
import type { EntityKind } from '../domain/entities.ts';

// What an edge of the graph is, shared by the loader (edges.ts), the in-memory relation index
// (relation-index.ts), the walks and the API:
//
//   AFFILIATION   person → institution (with the role)      from Affiliation rows
//   DEVELOPER     institution → model                        from Development rows
//   RAISED        person → challenge                         from Raised rows
//   CO_MENTIONED  any two entities named by the same document, from Name rows (one edge per
//                 pair, carrying every document they share)

export type EdgeType = 'AFFILIATION' | 'DEVELOPER' | 'RAISED' | 'CO_MENTIONED';

export const EDGE_TYPES: readonly EdgeType[] = [
  'AFFILIATION',
  'DEVELOPER',
  'RAISED',
  'CO_MENTIONED',
];

/** The edge types that are stated relations (everything but co-mentions). */
export const RELATION_TYPES: readonly EdgeType[] = ['AFFILIATION', 'DEVELOPER', 'RAISED'];

/** An entity by kind and row id. */
export interface NodeRef {
  kind: EntityKind;
  id: number;
}

export const nodeKey = ({ kind, id }: NodeRef) => `${kind}:${id}`;

export interface Edge {
  /** Stable across requests: AFFILIATION:12, CO_MENTIONED:INSTITUTION:3|PERSON:7. */
  key: string;
  type: EdgeType;
  source: NodeRef;
  target: NodeRef;
  /** The role of an affiliation. */
  role: string | null;
  /** The Affiliation, Development or Raised row; null for a co-mention. */
  relationId: number | null;
  /** The documents that name both ends of a co-mention, in id order; empty for relations. */
  documentIds: number[];
}

/** The tables the traversal reads, on the API's client (src/db/observe.ts). */
export type GraphDb = Pick<ObservedDb, 'affiliation' | 'development' | 'raised' | 'name'>;

/** A traversal step that would read more rows than allowed. */
export class TraversalLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly what: string,
  ) {
    super(`${what} would read more than ${limit} rows`);
  }
}
