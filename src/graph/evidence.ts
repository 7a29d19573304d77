import { ENTITY_COLUMN, ENTITY_KINDS, perKind } from '../domain/entities.ts';
import type { Edge, NodeRef } from './edge.ts';

// The mentions that show an edge: for a relation, the mentions stating it; for a co-mention,
// the sentences of each shared document that name both ends, or else where each end is first
// named there. All edges' candidates are read by one query (evidenceWhere), then shared out.

/** The columns evidence is picked by; the rows may carry more. */
export interface EvidenceRow {
  id: number;
  documentId: number;
  snippetStart: number;
  affiliationId: number | null;
  developmentId: number | null;
  raisedId: number | null;
  personId: number | null;
  institutionId: number | null;
  modelId: number | null;
  challengeId: number | null;
}

/** The Prisma `where` of every mention that may serve as evidence for one of `edges`. */
export function evidenceWhere(edges: readonly Edge[]) {
  const relation = (type: Edge['type']) =>
    edges.filter((e) => e.type === type).map((e) => e.relationId!);
  const affiliations = relation('AFFILIATION');
  const developments = relation('DEVELOPER');
  const raised = relation('RAISED');
  const coMentions = edges.filter((e) => e.type === 'CO_MENTIONED');
  const documents = [...new Set(coMentions.flatMap((e) => e.documentIds))];
  const ends = perKind(() => new Set<number>());
  for (const edge of coMentions) {
    ends[edge.source.kind].add(edge.source.id);
    ends[edge.target.kind].add(edge.target.id);
  }
  const entityConditions = ENTITY_KINDS.filter((kind) => ends[kind].size > 0).map((kind) => ({
    [ENTITY_COLUMN[kind]]: { in: [...ends[kind]] },
  }));
  return {
    OR: [
      ...(affiliations.length > 0 ? [{ affiliationId: { in: affiliations } }] : []),
      ...(developments.length > 0 ? [{ developmentId: { in: developments } }] : []),
      ...(raised.length > 0 ? [{ raisedId: { in: raised } }] : []),
      ...(documents.length > 0 ? [{ documentId: { in: documents }, OR: entityConditions }] : []),
    ],
  };
}

function names(row: EvidenceRow, node: NodeRef): boolean {
  return row[ENTITY_COLUMN[node.kind]] === node.id;
}

export interface EdgeEvidence<R> {
  /** At most `max` mentions, in reading order. */
  mentions: R[];
  /** The documents the evidence comes from, in id order. */
  documentIds: number[];
  /** How many mentions state a relation, or how many documents a co-mention is found in. */
  weight: number;
}

/** The evidence of one edge among rows read with evidenceWhere (in reading order). */
export function evidenceOf<R extends EvidenceRow>(
  edge: Edge,
  rows: readonly R[],
  max: number,
): EdgeEvidence<R> {
  if (edge.type !== 'CO_MENTIONED') {
    const column =
      edge.type === 'AFFILIATION'
        ? 'affiliationId'
        : edge.type === 'DEVELOPER'
          ? 'developmentId'
          : 'raisedId';
    const stating = rows.filter((row) => row[column] === edge.relationId);
    return {
      mentions: stating.slice(0, max),
      documentIds: [...new Set(stating.map((row) => row.documentId))].sort((a, b) => a - b),
      weight: stating.length,
    };
  }
  const picked: R[] = [];
  for (const documentId of edge.documentIds) {
    const inDocument = rows.filter((row) => row.documentId === documentId);
    const ofSource = inDocument.filter((row) => names(row, edge.source));
    const ofTarget = inDocument.filter((row) => names(row, edge.target));
    const targetSentences = new Set(ofTarget.map((row) => row.snippetStart));
    const together = ofSource.filter((row) => targetSentences.has(row.snippetStart));
    const sentences = new Set<number>();
    const chosen = together.filter(
      (row) => !sentences.has(row.snippetStart) && sentences.add(row.snippetStart),
    );
    picked.push(
      ...(chosen.length > 0 ? chosen : [ofSource[0], ofTarget[0]].filter((r) => r !== undefined)),
    );
    if (picked.length >= max) break;
  }
  return {
    mentions: picked.slice(0, max),
    documentIds: edge.documentIds,
    weight: edge.documentIds.length,
  };
}
