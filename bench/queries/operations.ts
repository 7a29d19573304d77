import type { Arguments, EntityRef } from './arguments.ts';

// The five operations of the query benchmark, each as one GraphQL document and the list of
// request bodies it rotates through. Ours and the cost floor take the same documents (the floor
// implements the same schema subset); PostGraphile has its own schema, so it gets documents that
// ask for the same data in its shape.

export type OperationKey = 'page' | 'depth4' | 'search' | 'neighbors' | 'path';

export interface Operation {
  key: OperationKey;
  label: string;
  /** Request bodies for our API (and the floor); null when the operation is not available. */
  ours: (args: Arguments) => string[];
  /** Request bodies for PostGraphile, or null when it has no equivalent. */
  postgraphile: ((args: Arguments) => string[]) | null;
}

const TYPE = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const entityId = (ref: EntityRef) => globalId(TYPE[ref.kind], ref.id);
/** Pothos' cursor for a connection ordered by a numeric id. */
export const oursCursor = (id: number) => Buffer.from(`GPC:N:${id}`).toString('base64');
/** PostGraphile 4's cursor for a connection in primary-key order. */
export const postgraphileCursor = (id: number) =>
  Buffer.from(JSON.stringify(['primary_key_asc', [id]])).toString('base64');

const body = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

const PAGE = `query Page($after: String) {
  people(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name aliases } }
  }
}`;

const PAGE_PG = `query Page($after: Cursor) {
  allPeople(first: 20, after: $after, orderBy: PRIMARY_KEY_ASC) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name aliases } }
  }
}`;

const DEPTH4 = `query Depth4($id: ID!) {
  node(id: $id) {
    ... on Person {
      id
      name
      affiliations { role institution { id name models(first: 100) { edges { node { id name } } } } }
    }
  }
}`;

const DEPTH4_PG = `query Depth4($id: Int!) {
  personById(id: $id) {
    id
    name
    affiliationsByPersonId(orderBy: PRIMARY_KEY_ASC) {
      nodes {
        role
        institutionByInstitutionId {
          id
          name
          developmentsByInstitutionId(orderBy: PRIMARY_KEY_ASC) { nodes { modelByModelId { id name } } }
        }
      }
    }
  }
}`;

const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 10) {
    totalCount
    edges { match node { __typename id name } }
  }
}`;

const SEARCH_PG = `query Search($q: String!) {
  searchEntities(q: $q, first: 10) {
    totalCount
    nodes { rank kind entityId name }
  }
}`;

/**
 * The edge types neighbors and path follow. With co-mentions and raised challenges, two steps
 * from almost anything reach most of a 10,000-document graph (every article names a challenge),
 * and the API refuses such walks by design (FAN_OUT_TOO_LARGE); a graph view asks for the stated
 * relations between people, institutions and models.
 */
export const RELATION_TYPES = ['AFFILIATION', 'DEVELOPER'] as const;

const NEIGHBORS = `query Neighbors($id: ID!) {
  neighbors(id: $id, depth: 2, first: 50, types: [${RELATION_TYPES.join(', ')}]) {
    truncated
    nodes { depth entity { __typename id name } }
    edges { id type role source { id } target { id } }
  }
}`;

const NEIGHBORS_PG = `query Neighbors($kind: String!, $id: Int!) {
  neighbors(centerKind: $kind, centerId: $id, maxDepth: 2, maxNodes: 50) {
    nodes { step kind entityId name }
  }
}`;

const PATH = `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxDepth: 4, first: 3, types: [${RELATION_TYPES.join(', ')}]) {
    length
    paths { nodes { __typename id name } }
  }
}`;

const PATH_PG = `query Path($fromKind: String!, $fromId: Int!, $toKind: String!, $toId: Int!) {
  shortestPath(fromKind: $fromKind, fromId: $fromId, toKind: $toKind, toId: $toId, maxDepth: 4) {
    nodes { step kind entityId name }
  }
}`;

export const OPERATIONS: readonly Operation[] = [
  {
    key: 'page',
    label: '(a) page of people (20)',
    ours: (a) => a.pageAfter.map((id) => body(PAGE, { after: id > 0 ? oursCursor(id) : null })),
    postgraphile: (a) =>
      a.pageAfter.map((id) => body(PAGE_PG, { after: id > 0 ? postgraphileCursor(id) : null })),
  },
  {
    key: 'depth4',
    label: '(b) person→affiliations→institution→models',
    ours: (a) => a.affiliated.map((id) => body(DEPTH4, { id: globalId('Person', id) })),
    postgraphile: (a) => a.affiliated.map((id) => body(DEPTH4_PG, { id })),
  },
  {
    key: 'search',
    label: '(c) search',
    ours: (a) => a.searchTerms.map((q) => body(SEARCH, { q })),
    postgraphile: (a) => a.searchTerms.map((q) => body(SEARCH_PG, { q })),
  },
  {
    key: 'neighbors',
    label: '(d) neighbors, depth 2',
    ours: (a) => a.centers.map((ref) => body(NEIGHBORS, { id: entityId(ref) })),
    postgraphile: (a) => a.centers.map((ref) => body(NEIGHBORS_PG, { kind: ref.kind, id: ref.id })),
  },
  {
    key: 'path',
    label: '(e) path, ≤4 steps',
    ours: (a) =>
      a.pairs.map(([from, to]) => body(PATH, { from: entityId(from), to: entityId(to) })),
    postgraphile: (a) =>
      a.pairs.map(([from, to]) =>
        body(PATH_PG, { fromKind: from.kind, fromId: from.id, toKind: to.kind, toId: to.id }),
      ),
  },
];
