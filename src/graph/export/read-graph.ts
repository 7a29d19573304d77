import type { Db } from '../../db/client.ts';
import type { EntityKind } from '../../domain/entities.ts';

import type { Prisma } from '../../generated/prisma/client.ts';

// The graph read for an export, page by page: every exporter walks the tables through an id
// cursor and writes each page before reading the next, so a graph of any size exports in the
// memory of one page. The graph read is the curated one: curations are applied to the rows
// themselves (src/curation), and a rejected fact has no row left to read.

/** Rows per query: bounded memory, few round trips. */
export const PAGE_SIZE = 500;

export const TYPE_OF_KIND: Record<EntityKind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};

export const KINDS: EntityKind[] = ['PERSON', 'INSTITUTION', 'MODEL', 'CHALLENGE'];

/** A node's id in every export: the API's global ID, decoded (Person:12). */
export const nodeId = (kind: EntityKind, id: number) => `${TYPE_OF_KIND[kind]}:${id}`;

export interface ExportEntity {
  kind: EntityKind;
  id: number;
  key: string;
  name: string;
  aliases: string[];
  /** How far the documents support it (0-1), and the name of that evidence, as the API shows. */
  confidence: number;
  basis: string;
  /** Institutions: bank, insurer… */
  category?: string;
  /** Models: the largest parameter count stated, the earliest release date, the versions. */
  parameters?: string | null;
  releasedAt?: string | null;
  versions?: string[];
  /** Challenges: the taxonomy's label and description. */
  label?: string;
  description?: string;
}

export type RelationType = 'AFFILIATION' | 'DEVELOPER' | 'RAISED';
export const RELATION_TYPES: RelationType[] = ['AFFILIATION', 'DEVELOPER', 'RAISED'];

export interface ExportRelation {
  type: RelationType;
  /** The row id (Affiliation:5). */
  id: string;
  /** The edge's ends, as the API's edges run: person → institution, institution → model, person → challenge. */
  source: string;
  target: string;
  role: string | null;
  /** How many statements in documents support it. */
  evidence: number;
  /** How far the documents support it (0-1), and the name of that evidence, as the API shows. */
  confidence: number;
  basis: string;
}

export interface Evidence {
  document: string;
  documentId: number;
  sentence: string;
  sentenceStart: number;
  start: number;
  end: number;
  text: string;
}

function aliasesOf(json: string, name: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return [];
    return [...new Set(list.filter((a): a is string => typeof a === 'string' && a !== name))];
  } catch {
    return [];
  }
}

/** Pages of a table by id: `read(after)` returns the next page after that id. */
async function* pages<T extends { id: number }>(
  read: (after: number) => Promise<T[]>,
  size: number,
) {
  let after = 0;
  for (;;) {
    const page = await read(after);
    if (page.length === 0) return;
    yield page;
    if (page.length < size) return;
    after = page[page.length - 1]!.id;
  }
}

const pageArgs = (after: number, size: number) => ({
  where: { id: { gt: after } },
  orderBy: { id: 'asc' as const },
  take: size,
});

/** The entities of one kind, a page at a time. */
export async function* entityPages(
  db: Db,
  kind: EntityKind,
  size = PAGE_SIZE,
): AsyncGenerator<ExportEntity[]> {
  const base = (row: {
    id: number;
    key: string;
    name: string;
    aliases: string;
    confidence: number;
    basis: string;
  }) => ({
    kind,
    id: row.id,
    key: row.key,
    name: row.name,
    aliases: aliasesOf(row.aliases, row.name),
    confidence: row.confidence,
    basis: row.basis,
  });
  switch (kind) {
    case 'PERSON':
      for await (const page of pages((after) => db.person.findMany(pageArgs(after, size)), size)) {
        yield page.map(base);
      }
      return;
    case 'INSTITUTION':
      for await (const page of pages(
        (after) => db.institution.findMany(pageArgs(after, size)),
        size,
      )) {
        yield page.map((row) => ({ ...base(row), category: row.kind }));
      }
      return;
    case 'MODEL':
      for await (const page of pages(
        (after) =>
          db.model.findMany({
            ...pageArgs(after, size),
            include: { versions: { select: { version: true }, orderBy: { id: 'asc' } } },
          }),
        size,
      )) {
        yield page.map((row) => ({
          ...base(row),
          parameters: row.parameters,
          releasedAt: row.releasedAt,
          versions: row.versions.map((v) => v.version),
        }));
      }
      return;
    case 'CHALLENGE':
      for await (const page of pages(
        (after) => db.challenge.findMany(pageArgs(after, size)),
        size,
      )) {
        yield page.map((row) => ({ ...base(row), label: row.label, description: row.description }));
      }
      return;
  }
}

/** Every entity, kind by kind, a page at a time. */
export async function* allEntityPages(db: Db, size = PAGE_SIZE): AsyncGenerator<ExportEntity[]> {
  for (const kind of KINDS) yield* entityPages(db, kind, size);
}

/** How many mentions state each of the given relation rows. */
async function evidenceCounts(
  db: Db,
  column: 'affiliationId' | 'developmentId' | 'raisedId',
  ids: number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const groups = await db.mention.groupBy({
    by: [column],
    where: { [column]: { in: ids } } as Prisma.MentionWhereInput,
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g[column] as number, g._count._all]));
}

/** The relations of one type, a page at a time, each with its count of evidence. */
export async function* relationPages(
  db: Db,
  type: RelationType,
  where: { personId?: { in: number[] }; modelId?: { in: number[] } } = {},
  size = PAGE_SIZE,
): AsyncGenerator<ExportRelation[]> {
  const args = (after: number) => ({
    where: { id: { gt: after }, ...where },
    orderBy: { id: 'asc' as const },
    take: size,
  });
  switch (type) {
    case 'AFFILIATION':
      for await (const page of pages((after) => db.affiliation.findMany(args(after)), size)) {
        const counts = await evidenceCounts(
          db,
          'affiliationId',
          page.map((r) => r.id),
        );
        yield page.map((r) => ({
          type,
          id: `Affiliation:${r.id}`,
          source: nodeId('PERSON', r.personId),
          target: nodeId('INSTITUTION', r.institutionId),
          role: r.role,
          evidence: counts.get(r.id) ?? 0,
          confidence: r.confidence,
          basis: r.basis,
        }));
      }
      return;
    case 'DEVELOPER':
      for await (const page of pages((after) => db.development.findMany(args(after)), size)) {
        const counts = await evidenceCounts(
          db,
          'developmentId',
          page.map((r) => r.id),
        );
        yield page.map((r) => ({
          type,
          id: `Development:${r.id}`,
          source: nodeId('INSTITUTION', r.institutionId),
          target: nodeId('MODEL', r.modelId),
          role: null,
          evidence: counts.get(r.id) ?? 0,
          confidence: r.confidence,
          basis: r.basis,
        }));
      }
      return;
    case 'RAISED':
      for await (const page of pages((after) => db.raised.findMany(args(after)), size)) {
        const counts = await evidenceCounts(
          db,
          'raisedId',
          page.map((r) => r.id),
        );
        yield page.map((r) => ({
          type,
          id: `Raised:${r.id}`,
          source: nodeId('PERSON', r.personId),
          target: nodeId('CHALLENGE', r.challengeId),
          role: null,
          evidence: counts.get(r.id) ?? 0,
          confidence: r.confidence,
          basis: r.basis,
        }));
      }
      return;
  }
}

/** Every relation, type by type, a page at a time. */
export async function* allRelationPages(
  db: Db,
  size = PAGE_SIZE,
): AsyncGenerator<ExportRelation[]> {
  for (const type of RELATION_TYPES) yield* relationPages(db, type, {}, size);
}

export type EvidenceColumn =
  | 'personId'
  | 'institutionId'
  | 'modelId'
  | 'challengeId'
  | 'affiliationId'
  | 'developmentId'
  | 'raisedId';

export const ENTITY_EVIDENCE: Record<EntityKind, EvidenceColumn> = {
  PERSON: 'personId',
  INSTITUTION: 'institutionId',
  MODEL: 'modelId',
  CHALLENGE: 'challengeId',
};

export const RELATION_EVIDENCE: Record<RelationType, EvidenceColumn> = {
  AFFILIATION: 'affiliationId',
  DEVELOPER: 'developmentId',
  RAISED: 'raisedId',
};

/** The statements (mentions) of the given rows, by row id, in reading order. */
export async function evidenceOf(
  db: Db,
  column: EvidenceColumn,
  ids: number[],
): Promise<Map<number, Evidence[]>> {
  const byRow = new Map<number, Evidence[]>();
  if (ids.length === 0) return byRow;
  const mentions = await db.mention.findMany({
    where: { [column]: { in: ids } } as Prisma.MentionWhereInput,
    orderBy: [{ documentId: 'asc' }, { start: 'asc' }, { id: 'asc' }],
    select: {
      [column]: true,
      documentId: true,
      start: true,
      end: true,
      surface: true,
      snippet: true,
      snippetStart: true,
      document: { select: { source: true } },
    } as Prisma.MentionSelect,
  });
  for (const m of mentions as unknown as (Record<string, number> & {
    documentId: number;
    start: number;
    end: number;
    surface: string;
    snippet: string;
    snippetStart: number;
    document: { source: string };
  })[]) {
    const rowId = m[column]!;
    const list = byRow.get(rowId) ?? [];
    list.push({
      document: m.document.source,
      documentId: m.documentId,
      sentence: m.snippet,
      sentenceStart: m.snippetStart,
      start: m.start,
      end: m.end,
      text: m.surface,
    });
    byRow.set(rowId, list);
  }
  return byRow;
}

/** The numeric row id of an export id (Affiliation:5 → 5). */
export const rowId = (id: string) => Number(id.slice(id.indexOf(':') + 1));
