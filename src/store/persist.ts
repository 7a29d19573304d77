import type { Db } from '../db/client.ts';
import { graphWriteTransaction } from '../db/write-transaction.ts';
import type { CleanDocument, Validators } from '../domain/document.ts';
import { ENTITY_COLUMN, ENTITY_KINDS, type EntityKind } from '../domain/entities.ts';
import type { Evidence } from '../extract/types.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { replayCurations } from './curation/apply.ts';
import { refreshNames } from './entity-names.ts';
import { collectGarbage, collectTouched, type Touched } from './gc.ts';
import type { PreparedDocument, ResolvedEntity, ResolvedExtraction } from './identify.ts';
import { refreshModelFacts, type Stated, statesFacts } from './model-facts.ts';
import { entitiesOf, resolveEntities } from './persist-entities.ts';
import {
  emptyWanted,
  ensureRelations,
  RELATION_MENTION,
  type RelationFact,
  relationFacts,
  versionKey,
} from './persist-relations.ts';
import {
  insertReturning,
  insertRows,
  MENTION_COLUMNS,
  type MentionRow,
  NAME_COLUMNS,
  type NameRow,
  place,
} from './persist-rows.ts';
import { type Finding, refreshAllSupport } from './support.ts';

// The persist step is the only one that touches the database. It writes a batch of documents in
// one transaction with a number of queries that does not grow with the batch (one lookup per
// kind, one bulk insert per table), so that seeding cost grows with the number of batches far
// more than with the number of rows. Graph writes take turns (src/db/write-transaction.ts), so
// seeds in several processes resolve entities as one seed would:
//   1. replace: an earlier version's names and mentions go, what they pointed at is noted;
//   2. resolve across documents (persist-entities.ts): each entity becomes a graph entity;
//   3. names, relations (persist-relations.ts), then the mentions pointing at both;
//   4. gc what the replaced versions alone supported, recompute the names of what was touched.

type Tx = Prisma.TransactionClient;

export interface DocumentCounts {
  people: number;
  institutions: number;
  models: number;
  challenges: number;
  /** Distinct affiliations, developments, raised challenges and model versions. */
  relations: number;
}

export interface PersistedDocument {
  source: string;
  documentId: number;
  /** True when an earlier version of the document was replaced. */
  replaced: boolean;
  counts: DocumentCounts;
  /** Names that matched more than one existing entity, evidence that could not be placed. */
  warnings: string[];
}

export interface PersistOptions {
  /** How long one batch's transaction may run (ms). */
  timeoutMs?: number;
  /**
   * Runs first in the batch's transaction: undoing a curation marks it undone there, so the
   * documents it re-extracts are written without it, all or nothing.
   */
  before?: (tx: Tx) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function dateOf(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function documentFields(doc: CleanDocument, validators?: Validators) {
  return {
    etag: validators?.etag ?? null,
    lastModified: validators?.lastModified ?? null,
    title: doc.title,
    publishedAt: dateOf(doc.publishedAt),
    publisher: doc.publisher,
    editor: doc.editor,
    format: doc.format,
    encoding: doc.encoding,
    contentHash: doc.contentHash,
    text: doc.text,
  };
}

/**
 * Writes the Document rows: an existing source is updated in place (its id stays) after its
 * names and mentions are deleted; returns the ids by source, the replaced ids, and what the
 * deleted rows pointed at.
 */
async function writeDocuments(tx: Tx, docs: PreparedDocument[]) {
  const sources = docs.map((d) => d.doc.source);
  if (new Set(sources).size !== sources.length) throw new Error('a batch names a document twice');
  const previous = await tx.document.findMany({
    where: { source: { in: sources } },
    select: { id: true, source: true },
  });
  const replaced = new Set(previous.map((p) => p.id));
  const touched: Touched = await collectTouched(tx, [...replaced]);
  if (replaced.size > 0) {
    await tx.mention.deleteMany({ where: { documentId: { in: [...replaced] } } });
    await tx.name.deleteMany({ where: { documentId: { in: [...replaced] } } });
    await tx.modelFact.deleteMany({ where: { documentId: { in: [...replaced] } } });
  }
  const ids = new Map(previous.map((p) => [p.source, p.id]));
  for (const { doc, validators } of docs) {
    const id = ids.get(doc.source);
    if (id === undefined) continue;
    await tx.document.update({
      where: { id },
      data: { ...documentFields(doc, validators), ingestedAt: new Date() },
    });
  }
  const fresh = docs.filter(({ doc }) => !ids.has(doc.source));
  if (fresh.length > 0) {
    const ingestedAt = new Date();
    const data = fresh.map(({ doc, validators }) => ({
      source: doc.source,
      ...documentFields(doc, validators),
      ingestedAt,
    }));
    const rows = await insertReturning(tx, 'Document', Object.keys(data[0]!), data, [
      'id',
      'source',
    ]);
    for (const row of rows) ids.set(String(row.source), Number(row.id));
  }
  return { ids, replaced, touched };
}

/** The Name rows of one document: one per entity and key, pointing at its graph entity. */
function nameRows(
  documentId: number,
  resolved: ResolvedExtraction,
  idOf: (e: ResolvedEntity) => number,
) {
  const rows: NameRow[] = [];
  for (const kind of ENTITY_KINDS) {
    for (const entity of entitiesOf(resolved, kind)) {
      for (const { name, key, strong } of entity.names) {
        rows.push({ documentId, kind, name, key, strong, [ENTITY_COLUMN[kind]]: idOf(entity) });
      }
    }
  }
  return rows;
}

const MODEL_FACT_COLUMNS = [
  'documentId',
  'modelId',
  'modelVersionId',
  'parameters',
  'parameterCount',
  'releasedAt',
] as const;
type ModelFactRow = Record<(typeof MODEL_FACT_COLUMNS)[number], string | number | null> & {
  modelId: number;
  modelVersionId: number | null;
};

/** What one document states about its models and their versions, one row per statement. */
function modelFactRows(
  documentId: number,
  resolved: ResolvedExtraction,
  idOf: (e: ResolvedEntity) => number,
  versionIds: Map<string, number>,
): ModelFactRow[] {
  const rows: ModelFactRow[] = [];
  const row = (modelId: number, modelVersionId: number | null, s: Stated): ModelFactRow => ({
    documentId,
    modelId,
    modelVersionId,
    parameters: s.parameters ?? null,
    parameterCount: s.parameterCount ?? null,
    releasedAt: s.releasedAt ?? null,
  });
  for (const model of resolved.models) {
    const modelId = idOf(model);
    if (statesFacts(model)) rows.push(row(modelId, null, model));
    for (const v of model.versions) {
      const id = versionIds.get(versionKey({ modelId, version: v.version }));
      if (statesFacts(v) && id !== undefined) rows.push(row(modelId, id, v));
    }
  }
  return rows;
}

/** The touched entity ids of `touched`, by kind (the same sets). */
const touchedEntities = (touched: Touched): Record<EntityKind, Set<number>> => ({
  PERSON: touched.person,
  INSTITUTION: touched.institution,
  MODEL: touched.model,
  CHALLENGE: touched.challenge,
});

/**
 * Recomputes what is derived from the documents for every surviving entity and relation a change
 * touched: names and aliases (src/store/entity-names.ts), model and version facts
 * (src/store/model-facts.ts), confidence and basis (src/store/support.ts).
 */
async function refreshTouched(tx: Tx, touched: Touched): Promise<void> {
  const entities = touchedEntities(touched);
  for (const kind of ENTITY_KINDS) await refreshNames(tx, kind, entities[kind]);
  await refreshModelFacts(tx, touched.model, touched.modelVersion);
  await refreshAllSupport(tx, touched);
}

async function writeBatch(tx: Tx, docs: PreparedDocument[]): Promise<PersistedDocument[]> {
  const { ids: documentIds, replaced, touched } = await writeDocuments(tx, docs);
  const { idOf, existing, warnings } = await resolveEntities(tx, docs);

  await insertRows(
    tx,
    'Name',
    NAME_COLUMNS,
    docs.flatMap(({ doc, resolved }) => nameRows(documentIds.get(doc.source)!, resolved, idOf)),
  );

  const wanted = emptyWanted();
  const facts = docs.map(({ resolved }) => relationFacts(resolved, idOf, wanted));
  const relationIds = await ensureRelations(tx, wanted);
  const factRows = docs.flatMap(({ doc, resolved }) =>
    modelFactRows(documentIds.get(doc.source)!, resolved, idOf, relationIds.modelVersion),
  );
  await insertRows(tx, 'ModelFact', MODEL_FACT_COLUMNS, factRows);

  const mentionRows: MentionRow[] = [];
  const results = docs.map((prepared, d): PersistedDocument => {
    const { doc, resolved } = prepared;
    const documentId = documentIds.get(doc.source)!;
    const publishedAt = dateOf(doc.publishedAt);
    const mention = (
      kind: string,
      evidence: Evidence,
      finding: Finding,
      target: Partial<MentionRow>,
    ) => {
      const placed = place(prepared, evidence);
      if (placed)
        mentionRows.push({ documentId, kind, publishedAt, ...finding, ...placed, ...target });
      else
        warnings[d]!.push(`${kind} evidence ${evidence.start}-${evidence.end} is outside the text`);
    };
    for (const kind of ENTITY_KINDS) {
      for (const entity of entitiesOf(resolved, kind)) {
        const target = { [ENTITY_COLUMN[kind]]: idOf(entity) };
        for (const evidence of entity.mentions) mention(kind, evidence, entity.finding, target);
      }
    }
    for (const fact of facts[d]!) {
      const { kind, column } = RELATION_MENTION[fact.table];
      mention(kind, fact.evidence, fact.finding, {
        [column]: relationIds[fact.table].get(fact.key)!,
      });
    }
    return {
      source: doc.source,
      documentId,
      replaced: replaced.has(documentId),
      counts: countsOf(resolved, idOf, facts[d]!),
      warnings: warnings[d]!,
    };
  });
  await insertRows(tx, 'Mention', MENTION_COLUMNS, mentionRows);

  await collectGarbage(tx, touched);
  // What the batch named or stated facts about is recomputed too, not only what it took from.
  const entities = touchedEntities(touched);
  for (const { kind, id } of existing) entities[kind].add(id);
  // Its relations (new ones read back unchanged: they were written with the batch's findings).
  for (const table of ['affiliation', 'development', 'raised'] as const) {
    for (const id of relationIds[table].values()) touched[table].add(id);
  }
  for (const fact of factRows) {
    touched.model.add(fact.modelId);
    if (fact.modelVersionId !== null) touched.modelVersion.add(fact.modelVersionId);
  }
  await refreshTouched(tx, touched);
  // Curations are applied again: whatever the batch brought back (a merged entity, a rejected
  // fact, an old role) is corrected before the batch commits (src/store/curation/apply.ts).
  await replayCurations(tx);
  return results;
}

function countsOf(
  resolved: ResolvedExtraction,
  idOf: (e: ResolvedEntity) => number,
  facts: RelationFact[],
): DocumentCounts {
  const distinct = (list: ResolvedEntity[]) => new Set(list.map(idOf)).size;
  return {
    people: distinct(resolved.people),
    institutions: distinct(resolved.institutions),
    models: distinct(resolved.models),
    challenges: distinct(resolved.challenges),
    relations: new Set(facts.map((f) => `${f.table}:${f.key}`)).size,
  };
}

/**
 * Stores a batch of prepared documents in one transaction: each replaces its earlier version
 * (same source) if any, its entities resolve against the graph and against the documents before
 * it in the batch, and whatever the replaced versions alone supported is removed.
 */
export async function persistBatch(
  db: Db,
  docs: PreparedDocument[],
  options: PersistOptions = {},
): Promise<PersistedDocument[]> {
  if (docs.length === 0) return [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return graphWriteTransaction(
    db,
    async (tx) => {
      await options.before?.(tx);
      return writeBatch(tx, docs);
    },
    { timeoutMs },
  );
}

/** Stores one prepared document (a batch of one). */
export async function persistDocument(
  db: Db,
  doc: PreparedDocument,
  options: PersistOptions = {},
): Promise<PersistedDocument> {
  const [result] = await persistBatch(db, [doc], options);
  return result!;
}

/**
 * Deletes documents with all their names and mentions, and whatever only they supported, and
 * recomputes the names of the entities they shared. Returns how many documents were deleted.
 */
export async function removeDocuments(
  db: Db,
  documentIds: number[],
  options: PersistOptions = {},
): Promise<number> {
  if (documentIds.length === 0) return 0;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return graphWriteTransaction(db, (tx) => removeDocumentsIn(tx, documentIds), { timeoutMs });
}

/** removeDocuments inside a graph write transaction that is already open. */
export async function removeDocumentsIn(tx: Tx, documentIds: number[]): Promise<number> {
  const touched = await collectTouched(tx, documentIds);
  const { count } = await tx.document.deleteMany({ where: { id: { in: documentIds } } });
  await collectGarbage(tx, touched);
  await refreshTouched(tx, touched);
  await replayCurations(tx);
  return count;
}
