import Database from 'better-sqlite3';
import { type Db, dialectOfClient, sqlitePath, urlOf } from '../db/client.ts';
import { type DataVersion, dataVersion } from '../db/data-version.ts';
import type { EntityKind } from '../domain/entities.ts';
import { type Edge, type EdgeType, type NodeRef, TraversalLimitError } from './edge.ts';

// The stated relations of the graph (affiliations, developments, raised challenges) held in
// memory as adjacency lists, so neighbours, paths and connections walk them without a query per
// level and edge type. Those queries were most of what a walk cost: each Prisma call spends
// ~0.3-0.5 ms of CPU building, running and reading a statement, while a lookup here is a few
// microseconds. Co-mentions (one per pair of entities in a document) stay in the database.
//
// The index is valid for one data version (src/response-cache.ts: `PRAGMA data_version` on
// SQLite, read on every walk, so a walk after any commit from any process sees it) and is
// rebuilt, once, by the first walk after a change. Only on SQLite: PostgreSQL's version moves
// when a notification arrives, a moment after the commit, and its walks keep their queries.

/** The relation edge types the index holds, with the label of their row-limit error. */
const INDEXED: Partial<Record<EdgeType, string>> = {
  AFFILIATION: 'affiliations',
  DEVELOPER: 'developments',
  RAISED: 'raised challenges',
};

interface Snapshot {
  version: number;
  /** Every relation edge touching an entity, by kind and row id, each list in row-id order. */
  adjacency: Record<EntityKind, Map<number, Edge[]>>;
}

export interface RelationIndex {
  /** Whether it answers for edges of `type`. */
  holds(type: EdgeType): boolean;
  /**
   * The edges of the indexed `types` touching `nodes`, as loadEdges returns them (each type in
   * row-id order, the types in EDGE_TYPES order); a type with more than `limit` edges throws the
   * TraversalLimitError its query would have.
   */
  edges(nodes: readonly NodeRef[], types: ReadonlySet<EdgeType>, limit: number): Promise<Edge[]>;
  close(): Promise<void>;
}

/** Relation edges carry no co-mention documents: one frozen empty list for all of them. */
const NO_DOCUMENTS = Object.freeze([]) as unknown as number[];

function relationEdge(
  type: EdgeType,
  id: number,
  source: NodeRef,
  target: NodeRef,
  role: string | null = null,
): Edge {
  // Shared by every walk until the next rebuild; nothing changes an edge once made (not frozen:
  // freezing 70,000 of them doubled the build).
  return {
    key: `${type}:${id}`,
    type,
    source,
    target,
    role,
    relationId: id,
    documentIds: NO_DOCUMENTS,
  };
}

type Row = [number, number, number, string?];

/**
 * Reads the three tables on a connection of its own, with better-sqlite3 directly: through
 * Prisma the ~40,000 rows of the 10,000-document bench graph took several hundred ms of CPU,
 * paid by the first walk after every commit; this takes a few tens.
 */
function load(path: string, version: number): Snapshot {
  const connection = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = (sql: string) => connection.prepare(sql).raw().all() as Row[];
    // One read transaction: the three tables as of one commit.
    const [affiliations, developments, raised] = connection.transaction(() => [
      rows('SELECT id, personId, institutionId, role FROM "Affiliation" ORDER BY id'),
      rows('SELECT id, institutionId, modelId FROM "Development" ORDER BY id'),
      rows('SELECT id, personId, challengeId FROM "Raised" ORDER BY id'),
    ])();
    const adjacency: Snapshot['adjacency'] = {
      PERSON: new Map(),
      INSTITUTION: new Map(),
      MODEL: new Map(),
      CHALLENGE: new Map(),
    };
    const at = (ref: NodeRef, edge: Edge) => {
      const byId = adjacency[ref.kind];
      const list = byId.get(ref.id);
      if (list) list.push(edge);
      else byId.set(ref.id, [edge]);
    };
    const add = (edge: Edge) => {
      at(edge.source, edge);
      at(edge.target, edge);
    };
    const ref = (kind: EntityKind, id: number): NodeRef => ({ kind, id });
    for (const [id, person, institution, role] of affiliations!) {
      add(
        relationEdge(
          'AFFILIATION',
          id,
          ref('PERSON', person),
          ref('INSTITUTION', institution),
          role ?? null,
        ),
      );
    }
    for (const [id, institution, model] of developments!) {
      add(relationEdge('DEVELOPER', id, ref('INSTITUTION', institution), ref('MODEL', model)));
    }
    for (const [id, person, challenge] of raised!) {
      add(relationEdge('RAISED', id, ref('PERSON', person), ref('CHALLENGE', challenge)));
    }
    return { version, adjacency };
  } finally {
    connection.close();
  }
}

/**
 * The index of the relations in `db`'s SQLite file; null on PostgreSQL, and when
 * RELATION_INDEX=off (walks then query every level, to compare).
 */
export function createRelationIndex(db: Db): RelationIndex | null {
  if (dialectOfClient(db) !== 'sqlite' || process.env.RELATION_INDEX === 'off') return null;
  const url = urlOf(db);
  const path = url === undefined ? null : sqlitePath(url);
  if (path === null || path === ':memory:') return null;
  let version: DataVersion | null = null;
  let current: Promise<Snapshot> | null = null;

  const snapshot = (): Promise<Snapshot> => {
    version ??= dataVersion(db);
    const now = version.current();
    if (current) {
      const held = current;
      return held.then((snap) => (snap.version === now ? snap : rebuild(now, held)));
    }
    return rebuild(now, null);
  };
  const rebuild = (now: number, replacing: Promise<Snapshot> | null): Promise<Snapshot> => {
    // Walks arriving while it loads share the one rebuild.
    if (current !== replacing) return snapshot();
    // Synchronous (better-sqlite3), so nothing else runs while it loads; a promise so that a
    // failure reaches the walk as a rejection.
    const loading = new Promise<Snapshot>((resolve) => resolve(load(path, now)));
    current = loading;
    // A failed load is not kept: the next walk tries again.
    loading.catch(() => {
      if (current === loading) current = null;
    });
    return loading;
  };

  return {
    holds: (type) => INDEXED[type] !== undefined,
    async edges(nodes, types, limit) {
      const { adjacency } = await snapshot();
      const byType = new Map<EdgeType, Map<number, Edge>>();
      for (const node of nodes) {
        for (const edge of adjacency[node.kind].get(node.id) ?? []) {
          if (!types.has(edge.type)) continue;
          const found = byType.get(edge.type) ?? new Map<number, Edge>();
          found.set(edge.relationId!, edge);
          byType.set(edge.type, found);
        }
      }
      const edges: Edge[] = [];
      for (const type of Object.keys(INDEXED) as EdgeType[]) {
        const found = byType.get(type);
        if (!found) continue;
        if (found.size > limit) throw new TraversalLimitError(limit, INDEXED[type]!);
        edges.push(...[...found.values()].sort((a, b) => a.relationId! - b.relationId!));
      }
      return edges;
    },
    close: async () => {
      await version?.close();
    },
  };
}

/** The index each API client walks with (see src/yoga.ts), by the client object. */
const indexes = new WeakMap<object, RelationIndex>();

/** Lets walks on `client` (the API's wrapped client) use `index`. */
export function useRelationIndex(client: object, index: RelationIndex | null) {
  if (index) indexes.set(client, index);
}

export function relationIndexOf(client: object): RelationIndex | undefined {
  return indexes.get(client);
}
