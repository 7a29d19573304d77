import { perKind } from '../domain/entities.ts';
import {
  type Edge,
  type EdgeType,
  type GraphDb,
  type NodeRef,
  nodeKey,
  TraversalLimitError,
} from './edge.ts';
import { relationIndexOf } from './relation-index.ts';

// The edges of the graph, loaded for a whole set of entities at once: one query per kind of
// edge, whatever the number of entities, so a traversal costs a few queries per level.
//
//   AFFILIATION   person → institution (with the role)      from Affiliation rows
//   DEVELOPER     institution → model                        from Development rows
//   RAISED        person → challenge                         from Raised rows
//   CO_MENTIONED  any two entities named by the same document, from Name rows (one edge per
//                 pair, carrying every document they share)

// Relations first, then co-mentions shared by more documents: when a neighbourhood is cut at
// its node budget, what is kept is what the documents state most directly.
const TYPE_RANK: Record<EdgeType, number> = {
  AFFILIATION: 0,
  DEVELOPER: 1,
  RAISED: 2,
  CO_MENTIONED: 3,
};

/** Edges in the order a traversal should follow them. */
export function byRelevance(a: Edge, b: Edge): number {
  return (
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    b.documentIds.length - a.documentIds.length ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

function idsOf(nodes: readonly NodeRef[]) {
  const ids = perKind((): number[] => []);
  for (const node of nodes) ids[node.kind].push(node.id);
  return ids;
}

/** Throws when a query asked for `limit + 1` rows got them all. */
function within<T>(rows: T[], limit: number, what: string): T[] {
  if (rows.length > limit) throw new TraversalLimitError(limit, what);
  return rows;
}

/**
 * Every edge of the given types that touches one of `nodes`. Each query reads at most `limit`
 * rows (it asks for one more to notice), and the co-mention pairs are held to the same limit:
 * beyond it a TraversalLimitError says which step was too large.
 */
export async function loadEdges(
  db: GraphDb,
  nodes: readonly NodeRef[],
  types: ReadonlySet<EdgeType>,
  limit: number,
): Promise<Edge[]> {
  const ids = idsOf(nodes);
  const people = ids.PERSON;
  const institutions = ids.INSTITUTION;
  const models = ids.MODEL;
  const challenges = ids.CHALLENGE;
  const take = limit + 1;
  const either = <A extends string, B extends string>(a: A, as: number[], b: B, bs: number[]) => [
    ...(as.length > 0 ? [{ [a]: { in: as } } as Record<A, { in: number[] }>] : []),
    ...(bs.length > 0 ? [{ [b]: { in: bs } } as Record<B, { in: number[] }>] : []),
  ];

  // The stated relations come from the in-memory index when the client has one (SQLite).
  const index = relationIndexOf(db);
  const indexed = index ? index.edges(nodes, types, limit) : null;
  const queried = (type: EdgeType) => !index?.holds(type) && types.has(type);

  const affiliations =
    queried('AFFILIATION') && people.length + institutions.length > 0
      ? db.affiliation
          .findMany({
            where: { OR: either('personId', people, 'institutionId', institutions) },
            select: { id: true, personId: true, institutionId: true, role: true },
            orderBy: { id: 'asc' },
            take,
          })
          .then((rows) => within(rows, limit, 'affiliations'))
      : [];
  const developments =
    queried('DEVELOPER') && institutions.length + models.length > 0
      ? db.development
          .findMany({
            where: { OR: either('institutionId', institutions, 'modelId', models) },
            select: { id: true, institutionId: true, modelId: true },
            orderBy: { id: 'asc' },
            take,
          })
          .then((rows) => within(rows, limit, 'developments'))
      : [];
  const raised =
    queried('RAISED') && people.length + challenges.length > 0
      ? db.raised
          .findMany({
            where: { OR: either('personId', people, 'challengeId', challenges) },
            select: { id: true, personId: true, challengeId: true },
            orderBy: { id: 'asc' },
            take,
          })
          .then((rows) => within(rows, limit, 'raised challenges'))
      : [];
  // Every name in every document that names one of the nodes: one query with a subquery.
  const names = types.has('CO_MENTIONED')
    ? db.name
        .findMany({
          where: {
            document: {
              names: {
                some: {
                  OR: [
                    ...either('personId', people, 'institutionId', institutions),
                    ...either('modelId', models, 'challengeId', challenges),
                  ],
                },
              },
            },
          },
          select: {
            documentId: true,
            personId: true,
            institutionId: true,
            modelId: true,
            challengeId: true,
          },
          orderBy: { id: 'asc' },
          take,
        })
        .then((rows) => within(rows, limit, 'names in shared documents'))
    : [];

  // Awaited together: awaited one by one, a second query failing while the first one's error is
  // being thrown would be an unhandled rejection, which ends the process.
  const [indexedEdges, affiliationRows, developmentRows, raisedRows, nameRows] = await Promise.all([
    indexed ?? [],
    affiliations,
    developments,
    raised,
    names,
  ]);
  const edges: Edge[] = [...indexedEdges];
  for (const a of affiliationRows) {
    edges.push({
      key: `AFFILIATION:${a.id}`,
      type: 'AFFILIATION',
      source: { kind: 'PERSON', id: a.personId },
      target: { kind: 'INSTITUTION', id: a.institutionId },
      role: a.role,
      relationId: a.id,
      documentIds: [],
    });
  }
  for (const d of developmentRows) {
    edges.push({
      key: `DEVELOPER:${d.id}`,
      type: 'DEVELOPER',
      source: { kind: 'INSTITUTION', id: d.institutionId },
      target: { kind: 'MODEL', id: d.modelId },
      role: null,
      relationId: d.id,
      documentIds: [],
    });
  }
  for (const r of raisedRows) {
    edges.push({
      key: `RAISED:${r.id}`,
      type: 'RAISED',
      source: { kind: 'PERSON', id: r.personId },
      target: { kind: 'CHALLENGE', id: r.challengeId },
      role: null,
      relationId: r.id,
      documentIds: [],
    });
  }
  edges.push(...coMentions(nameRows, nodes, limit));
  return edges;
}

type NameRow = {
  documentId: number;
  personId: number | null;
  institutionId: number | null;
  modelId: number | null;
  challengeId: number | null;
};

function refOf(row: NameRow): NodeRef | null {
  if (row.personId !== null) return { kind: 'PERSON', id: row.personId };
  if (row.institutionId !== null) return { kind: 'INSTITUTION', id: row.institutionId };
  if (row.modelId !== null) return { kind: 'MODEL', id: row.modelId };
  if (row.challengeId !== null) return { kind: 'CHALLENGE', id: row.challengeId };
  return null;
}

/** The co-mention edges from `nodes`: one per pair of entities, with every shared document. */
function coMentions(rows: NameRow[], nodes: readonly NodeRef[], limit: number): Edge[] {
  const from = new Set(nodes.map(nodeKey));
  const byDocument = new Map<number, Map<string, NodeRef>>();
  for (const row of rows) {
    const ref = refOf(row);
    if (!ref) continue;
    const entities = byDocument.get(row.documentId) ?? new Map<string, NodeRef>();
    entities.set(nodeKey(ref), ref);
    byDocument.set(row.documentId, entities);
  }
  const edges = new Map<string, Edge>();
  for (const [documentId, entities] of byDocument) {
    for (const [aKey, a] of entities) {
      if (!from.has(aKey)) continue;
      for (const [bKey, b] of entities) {
        if (aKey === bKey) continue;
        const [source, target] = aKey < bKey ? [a, b] : [b, a];
        const key = `CO_MENTIONED:${nodeKey(source)}|${nodeKey(target)}`;
        const edge = edges.get(key);
        if (edge) {
          if (edge.documentIds.at(-1) !== documentId) edge.documentIds.push(documentId);
          continue;
        }
        if (edges.size >= limit) throw new TraversalLimitError(limit, 'co-mentions');
        edges.set(key, {
          key,
          type: 'CO_MENTIONED',
          source,
          target,
          role: null,
          relationId: null,
          documentIds: [documentId],
        });
      }
    }
  }
  for (const edge of edges.values()) edge.documentIds.sort((x, y) => x - y);
  return [...edges.values()];
}
