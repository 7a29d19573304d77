import { type Edge, type EdgeType, type GraphDb, type NodeRef, nodeKey } from './edge.ts';
import { byRelevance, loadEdges } from './edges.ts';

// Breadth-first walks over the graph. Each level loads the edges of its whole frontier at once
// (loadEdges: a query per edge type), never one node at a time, and every walk is bounded: by
// depth, by the number of nodes it keeps, and by the rows one level may read.

export interface Limits {
  /** Edge types to follow. */
  types: ReadonlySet<EdgeType>;
  /** The most rows one level may read (see loadEdges). */
  rowLimit: number;
}

export interface Neighbourhood {
  /** The centre (depth 0) and the nodes around it, nearest first. */
  nodes: { ref: NodeRef; depth: number }[];
  /** The edges followed between kept nodes. */
  edges: Edge[];
  /** True when more nodes were within reach than `maxNodes`. */
  truncated: boolean;
}

/**
 * The nodes within `depth` steps of `center` and the edges that reach them. Nodes are taken
 * level by level, most relevant edge first (relations before co-mentions), until `maxNodes`
 * besides the centre are kept; only kept nodes are expanded further.
 */
export async function neighbourhood(
  db: GraphDb,
  center: NodeRef,
  { depth, maxNodes, ...limits }: Limits & { depth: number; maxNodes: number },
): Promise<Neighbourhood> {
  const kept = new Map<string, { ref: NodeRef; depth: number }>([
    [nodeKey(center), { ref: center, depth: 0 }],
  ]);
  const edges = new Map<string, Edge>();
  let frontier: NodeRef[] = [center];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const loaded = (await loadEdges(db, frontier, limits.types, limits.rowLimit)).sort(byRelevance);
    const next: NodeRef[] = [];
    for (const edge of loaded) {
      for (const end of [edge.source, edge.target]) {
        const key = nodeKey(end);
        if (kept.has(key)) continue;
        if (kept.size > maxNodes) {
          truncated = true;
          continue;
        }
        kept.set(key, { ref: end, depth: level });
        next.push(end);
      }
      if (kept.has(nodeKey(edge.source)) && kept.has(nodeKey(edge.target))) {
        edges.set(edge.key, edge);
      }
    }
    frontier = next;
  }
  return { nodes: [...kept.values()], edges: [...edges.values()], truncated };
}

export interface PathSearch {
  /** Steps on the shortest connection; null when there is none within maxDepth. */
  length: number | null;
  /** Shortest node sequences from `from` to `to`, most relevant first. */
  paths: NodeRef[][];
  /** Every edge loaded between two consecutive nodes of a path, by pairKey. */
  edgesBetween: Map<string, Edge[]>;
}

/** The key of an unordered pair of nodes. */
export function pairKey(a: NodeRef, b: NodeRef): string {
  const [x, y] = [nodeKey(a), nodeKey(b)].sort();
  return `${x}|${y}`;
}

interface Side {
  /** Each node reached, with its distance and the nodes one step closer to this side's start. */
  reached: Map<string, { ref: NodeRef; depth: number; parents: Set<string> }>;
  frontier: NodeRef[];
  depth: number;
}

function startAt(ref: NodeRef): Side {
  return {
    reached: new Map([[nodeKey(ref), { ref, depth: 0, parents: new Set<string>() }]]),
    frontier: [ref],
    depth: 0,
  };
}

// More candidate paths than this are not enumerated before ranking (their number can grow
// exponentially with the length in a dense graph).
const MAX_CANDIDATES = 500;

/**
 * The shortest connections between two entities, by a breadth-first search from both ends at
 * once (the smaller frontier is expanded each time), so each side only walks about half the
 * distance. Stops at the first level where the two searches meet: every meeting node then lies
 * on a shortest path. Up to `maxPaths` paths are returned, those with fewer co-mention-only
 * steps first.
 */
export async function shortestPaths(
  db: GraphDb,
  from: NodeRef,
  to: NodeRef,
  { maxDepth, maxPaths, ...limits }: Limits & { maxDepth: number; maxPaths: number },
): Promise<PathSearch> {
  const edgesBetween = new Map<string, Edge[]>();
  if (nodeKey(from) === nodeKey(to)) return { length: 0, paths: [[from]], edgesBetween };
  const sides: [Side, Side] = [startAt(from), startAt(to)];
  while (sides[0].depth + sides[1].depth < maxDepth) {
    const [side, other] =
      sides[1].frontier.length < sides[0].frontier.length ? [sides[1], sides[0]] : sides;
    if (side.frontier.length === 0) break;
    const frontier = new Set(side.frontier.map(nodeKey));
    const loaded = await loadEdges(db, side.frontier, limits.types, limits.rowLimit);
    const reachedNow = new Map<string, { ref: NodeRef; depth: number; parents: Set<string> }>();
    for (const edge of loaded) {
      for (const [near, far] of [
        [edge.source, edge.target],
        [edge.target, edge.source],
      ] as const) {
        const nearKey = nodeKey(near);
        const farKey = nodeKey(far);
        if (!frontier.has(nearKey)) continue;
        const pair = pairKey(near, far);
        const between = edgesBetween.get(pair) ?? [];
        if (!between.some((e) => e.key === edge.key)) edgesBetween.set(pair, [...between, edge]);
        if (side.reached.has(farKey)) continue;
        const entry = reachedNow.get(farKey) ?? {
          ref: far,
          depth: side.depth + 1,
          parents: new Set<string>(),
        };
        entry.parents.add(nearKey);
        reachedNow.set(farKey, entry);
      }
    }
    side.depth += 1;
    for (const [key, entry] of reachedNow) side.reached.set(key, entry);
    side.frontier = [...reachedNow.values()].map((entry) => entry.ref);
    const meetings = [...reachedNow.keys()].filter((key) => other.reached.has(key)).sort();
    if (meetings.length > 0) {
      const length = sides[0].depth + sides[1].depth;
      const candidates = enumeratePaths(sides, meetings);
      const score = (path: NodeRef[]) => coMentionOnlySteps(path, edgesBetween);
      const ranked = candidates
        .map((path) => ({ path, score: score(path) }))
        .sort((a, b) => a.score - b.score);
      return { length, paths: ranked.slice(0, maxPaths).map((r) => r.path), edgesBetween };
    }
  }
  return { length: null, paths: [], edgesBetween };
}

/** Every path through the meeting nodes, from the first side's start to the second's. */
function enumeratePaths([forward, backward]: [Side, Side], meetings: string[]): NodeRef[][] {
  const chains = (side: Side, key: string, limit: number): NodeRef[][] => {
    const entry = side.reached.get(key)!;
    if (entry.parents.size === 0) return [[entry.ref]];
    const result: NodeRef[][] = [];
    for (const parent of [...entry.parents].sort()) {
      for (const chain of chains(side, parent, limit - result.length)) {
        result.push([...chain, entry.ref]);
        if (result.length >= limit) return result;
      }
    }
    return result;
  };
  const paths: NodeRef[][] = [];
  for (const meeting of meetings) {
    const heads = chains(forward, meeting, MAX_CANDIDATES);
    const tails = chains(backward, meeting, MAX_CANDIDATES);
    for (const head of heads) {
      for (const tail of tails) {
        // A tail runs from the other end to the meeting node, which the head already ends with.
        paths.push([...head, ...[...tail].reverse().slice(1)]);
        if (paths.length >= MAX_CANDIDATES) return paths;
      }
    }
  }
  return paths;
}

function coMentionOnlySteps(path: NodeRef[], edgesBetween: Map<string, Edge[]>): number {
  let steps = 0;
  for (let i = 1; i < path.length; i++) {
    const edges = edgesBetween.get(pairKey(path[i - 1]!, path[i]!)) ?? [];
    if (edges.every((edge) => edge.type === 'CO_MENTIONED')) steps++;
  }
  return steps;
}

export interface SharedNeighbours {
  /** Relations between the two entities themselves. */
  direct: Edge[];
  /** Entities both are related to, with the edges that link each of the two to them. */
  shared: { ref: NodeRef; edges: Edge[] }[];
}

/**
 * What two entities have in common: the edges between them (of `limits.types`), and the entities
 * both are related to through edges of the `via` types.
 */
export async function sharedNeighbours(
  db: GraphDb,
  a: NodeRef,
  b: NodeRef,
  { via, ...limits }: Limits & { via: ReadonlySet<EdgeType> },
): Promise<SharedNeighbours> {
  const edges = (await loadEdges(db, [a, b], limits.types, limits.rowLimit)).sort(byRelevance);
  const aKey = nodeKey(a);
  const bKey = nodeKey(b);
  const direct: Edge[] = [];
  const around = new Map<string, { ref: NodeRef; fromA: Edge[]; fromB: Edge[] }>();
  for (const edge of edges) {
    const ends = [nodeKey(edge.source), nodeKey(edge.target)];
    if (ends.includes(aKey) && ends.includes(bKey)) {
      direct.push(edge);
      continue;
    }
    if (!via.has(edge.type)) continue;
    for (const [own, side] of [
      [aKey, 'fromA'],
      [bKey, 'fromB'],
    ] as const) {
      const at = ends.indexOf(own);
      if (at < 0) continue;
      const far = at === 0 ? edge.target : edge.source;
      const entry = around.get(nodeKey(far)) ?? { ref: far, fromA: [], fromB: [] };
      entry[side].push(edge);
      around.set(nodeKey(far), entry);
    }
  }
  const shared = [...around.values()]
    .filter((entry) => entry.fromA.length > 0 && entry.fromB.length > 0)
    .map((entry) => ({ ref: entry.ref, edges: [...entry.fromA, ...entry.fromB] }));
  return { direct, shared };
}
