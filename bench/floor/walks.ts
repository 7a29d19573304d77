import type { Kind, Store } from './store.ts';

// neighbors and path for the cost floor: the same breadth-first walks as src/graph/traverse.ts
// (relations before co-mentions, a node budget, a bidirectional search for paths), with each
// level's edges read by four prepared statements.

export interface Ref {
  kind: Kind;
  id: number;
}
export type EdgeType = 'AFFILIATION' | 'DEVELOPER' | 'RAISED' | 'CO_MENTIONED';
export interface Edge {
  key: string;
  type: EdgeType;
  source: Ref;
  target: Ref;
  role: string | null;
  documents: number;
}

const keyOf = ({ kind, id }: Ref) => `${kind}:${id}`;
const RANK: Record<EdgeType, number> = { AFFILIATION: 0, DEVELOPER: 1, RAISED: 2, CO_MENTIONED: 3 };
const byRelevance = (a: Edge, b: Edge) =>
  RANK[a.type] - RANK[b.type] ||
  b.documents - a.documents ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

type NameRow = {
  documentId: number;
  personId: number | null;
  institutionId: number | null;
  modelId: number | null;
  challengeId: number | null;
};

function refOf(row: NameRow): Ref | null {
  if (row.personId !== null) return { kind: 'PERSON', id: row.personId };
  if (row.institutionId !== null) return { kind: 'INSTITUTION', id: row.institutionId };
  if (row.modelId !== null) return { kind: 'MODEL', id: row.modelId };
  if (row.challengeId !== null) return { kind: 'CHALLENGE', id: row.challengeId };
  return null;
}

export const ALL_TYPES: ReadonlySet<EdgeType> = new Set([
  'AFFILIATION',
  'DEVELOPER',
  'RAISED',
  'CO_MENTIONED',
]);

/** Every edge of the given types touching one of `nodes`. */
export function loadEdges(
  store: Store,
  nodes: readonly Ref[],
  types: ReadonlySet<EdgeType>,
): Edge[] {
  const ids: Record<Kind, number[]> = { PERSON: [], INSTITUTION: [], MODEL: [], CHALLENGE: [] };
  for (const node of nodes) ids[node.kind].push(node.id);
  const json = (kind: Kind) => JSON.stringify(ids[kind]);
  const s = store.statements;
  const edges: Edge[] = [];
  const rows = <T>(type: EdgeType, read: () => unknown[]) =>
    types.has(type) ? (read() as T[]) : [];
  for (const a of rows<{
    id: number;
    personId: number;
    institutionId: number;
    role: string;
  }>('AFFILIATION', () => s.affiliationEdges.all({ a: json('PERSON'), b: json('INSTITUTION') }))) {
    edges.push({
      key: `AFFILIATION:${a.id}`,
      type: 'AFFILIATION',
      source: { kind: 'PERSON', id: a.personId },
      target: { kind: 'INSTITUTION', id: a.institutionId },
      role: a.role,
      documents: 0,
    });
  }
  for (const d of rows<{ id: number; institutionId: number; modelId: number }>('DEVELOPER', () =>
    s.developmentEdges.all({ a: json('INSTITUTION'), b: json('MODEL') }),
  )) {
    edges.push({
      key: `DEVELOPER:${d.id}`,
      type: 'DEVELOPER',
      source: { kind: 'INSTITUTION', id: d.institutionId },
      target: { kind: 'MODEL', id: d.modelId },
      role: null,
      documents: 0,
    });
  }
  for (const r of rows<{ id: number; personId: number; challengeId: number }>('RAISED', () =>
    s.raisedEdges.all({ a: json('PERSON'), b: json('CHALLENGE') }),
  )) {
    edges.push({
      key: `RAISED:${r.id}`,
      type: 'RAISED',
      source: { kind: 'PERSON', id: r.personId },
      target: { kind: 'CHALLENGE', id: r.challengeId },
      role: null,
      documents: 0,
    });
  }
  const names = rows<NameRow>('CO_MENTIONED', () =>
    s.coMentionNames.all({
      a: json('PERSON'),
      b: json('INSTITUTION'),
      c: json('MODEL'),
      d: json('CHALLENGE'),
    }),
  );
  const from = new Set(nodes.map(keyOf));
  const byDocument = new Map<number, Map<string, Ref>>();
  for (const row of names) {
    const ref = refOf(row);
    if (!ref) continue;
    const entities = byDocument.get(row.documentId) ?? new Map<string, Ref>();
    entities.set(keyOf(ref), ref);
    byDocument.set(row.documentId, entities);
  }
  const co = new Map<string, Edge & { last: number }>();
  for (const [documentId, entities] of byDocument) {
    for (const [aKey, a] of entities) {
      if (!from.has(aKey)) continue;
      for (const [bKey, b] of entities) {
        if (aKey === bKey) continue;
        const [source, target] = aKey < bKey ? [a, b] : [b, a];
        const key = `CO_MENTIONED:${keyOf(source)}|${keyOf(target)}`;
        const edge = co.get(key);
        if (edge) {
          if (edge.last !== documentId) {
            edge.documents++;
            edge.last = documentId;
          }
          continue;
        }
        co.set(key, {
          key,
          type: 'CO_MENTIONED',
          source,
          target,
          role: null,
          documents: 1,
          last: documentId,
        });
      }
    }
  }
  return [...edges, ...co.values()];
}

/** The nodes within `depth` steps of `center`, nearest and most relevant first. */
export function neighbourhood(
  store: Store,
  center: Ref,
  { depth, maxNodes, types }: { depth: number; maxNodes: number; types: ReadonlySet<EdgeType> },
) {
  const kept = new Map<string, { ref: Ref; depth: number }>([
    [keyOf(center), { ref: center, depth: 0 }],
  ]);
  const edges = new Map<string, Edge>();
  let frontier: Ref[] = [center];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const loaded = loadEdges(store, frontier, types).sort(byRelevance);
    const next: Ref[] = [];
    for (const edge of loaded) {
      for (const end of [edge.source, edge.target]) {
        const key = keyOf(end);
        if (kept.has(key)) continue;
        if (kept.size > maxNodes) {
          truncated = true;
          continue;
        }
        kept.set(key, { ref: end, depth: level });
        next.push(end);
      }
      if (kept.has(keyOf(edge.source)) && kept.has(keyOf(edge.target))) edges.set(edge.key, edge);
    }
    frontier = next;
  }
  return { nodes: [...kept.values()], edges: [...edges.values()], truncated };
}

interface Side {
  reached: Map<string, { ref: Ref; parents: string[] }>;
  frontier: Ref[];
  depth: number;
}

const MAX_CANDIDATES = 500;

/** Shortest paths by a bidirectional breadth-first search, fewest co-mention-only steps first. */
export function shortestPaths(
  store: Store,
  from: Ref,
  to: Ref,
  { maxDepth, first, types }: { maxDepth: number; first: number; types: ReadonlySet<EdgeType> },
) {
  if (keyOf(from) === keyOf(to)) return { length: 0, paths: [[from]] };
  const start = (ref: Ref): Side => ({
    reached: new Map([[keyOf(ref), { ref, parents: [] }]]),
    frontier: [ref],
    depth: 0,
  });
  const sides: [Side, Side] = [start(from), start(to)];
  const relation = new Set<string>();
  while (sides[0].depth + sides[1].depth < maxDepth) {
    const [side, other] =
      sides[1].frontier.length < sides[0].frontier.length ? [sides[1], sides[0]] : sides;
    if (side.frontier.length === 0) break;
    const frontier = new Set(side.frontier.map(keyOf));
    const now = new Map<string, { ref: Ref; parents: string[] }>();
    for (const edge of loadEdges(store, side.frontier, types)) {
      for (const [near, far] of [
        [edge.source, edge.target],
        [edge.target, edge.source],
      ] as const) {
        const nearKey = keyOf(near);
        const farKey = keyOf(far);
        if (!frontier.has(nearKey)) continue;
        if (edge.type !== 'CO_MENTIONED') relation.add(`${nearKey}|${farKey}`);
        if (side.reached.has(farKey)) continue;
        const entry = now.get(farKey) ?? { ref: far, parents: [] };
        if (!entry.parents.includes(nearKey)) entry.parents.push(nearKey);
        now.set(farKey, entry);
      }
    }
    side.depth++;
    for (const [key, entry] of now) side.reached.set(key, entry);
    side.frontier = [...now.values()].map((e) => e.ref);
    const meetings = [...now.keys()].filter((key) => other.reached.has(key)).sort();
    if (meetings.length === 0) continue;
    const chains = (s: Side, key: string): Ref[][] => {
      const entry = s.reached.get(key)!;
      if (entry.parents.length === 0) return [[entry.ref]];
      return [...entry.parents]
        .sort()
        .flatMap((parent) => chains(s, parent).map((chain) => [...chain, entry.ref]))
        .slice(0, MAX_CANDIDATES);
    };
    const paths: Ref[][] = [];
    for (const meeting of meetings) {
      for (const head of chains(sides[0], meeting)) {
        for (const tail of chains(sides[1], meeting)) {
          if (paths.length < MAX_CANDIDATES) paths.push([...head, ...[...tail].reverse().slice(1)]);
        }
      }
    }
    const coOnly = (path: Ref[]) =>
      path
        .slice(1)
        .filter(
          (node, i) =>
            !relation.has(`${keyOf(path[i]!)}|${keyOf(node)}`) &&
            !relation.has(`${keyOf(node)}|${keyOf(path[i]!)}`),
        ).length;
    const ranked = paths
      .map((path) => ({ path, score: coOnly(path) }))
      .sort((a, b) => a.score - b.score);
    return {
      length: sides[0].depth + sides[1].depth,
      paths: ranked.slice(0, first).map((r) => r.path),
    };
  }
  return { length: null, paths: [] };
}
