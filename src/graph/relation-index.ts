import type { Db } from '../db/client.ts';
import { dialectOfClient } from '../db/client.ts';
import type { EntityKind } from '../extract/types.ts';
import { type DataVersion, dataVersion } from '../response-cache.ts';
import { type Edge, type EdgeType, type NodeRef, nodeKey, TraversalLimitError } from './edges.ts';

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
  /** Every relation edge touching an entity, by nodeKey, each list in row-id order. */
  adjacency: Map<string, Edge[]>;
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

function relationEdge(
  type: EdgeType,
  id: number,
  source: NodeRef,
  target: NodeRef,
  role: string | null = null,
): Edge {
  // Shared by every walk until the next rebuild: frozen, so no caller can change another's.
  return Object.freeze({
    key: `${type}:${id}`,
    type,
    source: Object.freeze(source),
    target: Object.freeze(target),
    role,
    relationId: id,
    documentIds: Object.freeze([]) as unknown as number[],
  });
}

async function load(db: Db, version: number): Promise<Snapshot> {
  const [affiliations, developments, raised] = await Promise.all([
    db.affiliation.findMany({
      select: { id: true, personId: true, institutionId: true, role: true },
      orderBy: { id: 'asc' },
    }),
    db.development.findMany({
      select: { id: true, institutionId: true, modelId: true },
      orderBy: { id: 'asc' },
    }),
    db.raised.findMany({
      select: { id: true, personId: true, challengeId: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const adjacency = new Map<string, Edge[]>();
  const add = (edge: Edge) => {
    for (const end of [edge.source, edge.target]) {
      const key = nodeKey(end);
      const list = adjacency.get(key);
      if (list) list.push(edge);
      else adjacency.set(key, [edge]);
    }
  };
  const ref = (kind: EntityKind, id: number): NodeRef => ({ kind, id });
  for (const a of affiliations) {
    add(
      relationEdge(
        'AFFILIATION',
        a.id,
        ref('PERSON', a.personId),
        ref('INSTITUTION', a.institutionId),
        a.role,
      ),
    );
  }
  for (const d of developments) {
    add(
      relationEdge('DEVELOPER', d.id, ref('INSTITUTION', d.institutionId), ref('MODEL', d.modelId)),
    );
  }
  for (const r of raised) {
    add(relationEdge('RAISED', r.id, ref('PERSON', r.personId), ref('CHALLENGE', r.challengeId)));
  }
  return { version, adjacency };
}

/**
 * The index of the relations in `db`'s SQLite file; null on PostgreSQL, and when
 * RELATION_INDEX=off (walks then query every level, to compare).
 */
export function createRelationIndex(db: Db): RelationIndex | null {
  if (dialectOfClient(db) !== 'sqlite' || process.env.RELATION_INDEX === 'off') return null;
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
    const loading = load(db, now);
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
        for (const edge of adjacency.get(nodeKey(node)) ?? []) {
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
