import type { Db } from '../db/client.ts';
import type { EntityKind, Evidence } from '../extract/types.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { collectGarbage, collectTouched, emptyTouched, type Touched } from '../graph/gc.ts';
import { deriveNames, type NameUse, refreshNames } from '../graph/names.ts';
import type { ResolvedEntity, ResolvedExtraction, ResolvedModel } from './resolve.ts';
import { sentenceAt } from './segment.ts';
import type { CleanDocument, Sentence } from './types.ts';

// The persist step is the only one that touches the database. It writes a batch of documents in
// one transaction with a fixed number of queries per batch (one lookup per kind, createMany for
// names and mentions), so that seeding cost grows with the batch count, not the row count.

type Tx = Prisma.TransactionClient;

/** A document that went through the pipeline up to resolve, ready to be stored. */
export interface PreparedDocument {
  doc: CleanDocument;
  sentences: Sentence[];
  resolved: ResolvedExtraction;
}

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
}

const KINDS: EntityKind[] = ['PERSON', 'INSTITUTION', 'MODEL', 'CHALLENGE'];
const FOREIGN_KEY = {
  PERSON: 'personId',
  INSTITUTION: 'institutionId',
  MODEL: 'modelId',
  CHALLENGE: 'challengeId',
} as const;

/** A graph entity a batch refers to: an existing row, or one this batch creates. */
interface Slot {
  kind: EntityKind;
  id: number | null;
  key: string;
  /** The resolved entities of this batch that map to it (the first one creates it). */
  members: ResolvedEntity[];
}

type Index = Map<string, Slot[]>;

function entitiesOf(resolved: ResolvedExtraction, kind: EntityKind): ResolvedEntity[] {
  switch (kind) {
    case 'PERSON':
      return resolved.people;
    case 'INSTITUTION':
      return resolved.institutions;
    case 'MODEL':
      return resolved.models;
    case 'CHALLENGE':
      return resolved.challenges;
  }
}

/**
 * The keys an entity is looked up by. An entity known only by weak names (张行长) gets a key of
 * its own document, so it never meets another document's 张行长 but survives a re-seed.
 */
function lookupKeys(entity: ResolvedEntity, source: string): string[] {
  if (entity.lookupKeys.length > 0) return entity.lookupKeys;
  return [`${entity.names[0]!.key}@${source}`];
}

function addHit(index: Index, key: string, slot: Slot) {
  const hits = index.get(key);
  if (!hits) index.set(key, [slot]);
  else if (!hits.includes(slot)) hits.push(slot);
}

/** The hit a key resolves to: the entity whose own key it is, else the oldest one. */
function pick(hits: Slot[], key: string): Slot {
  const rank = (s: Slot) => [s.key === key ? 0 : 1, s.id ?? Number.MAX_SAFE_INTEGER] as const;
  return [...hits].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1];
  })[0]!;
}

/** Reads, in one query per table, every existing entity any key of the batch could resolve to. */
async function loadIndex(tx: Tx, docs: PreparedDocument[]) {
  const nameKeys = new Map<EntityKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
  const entityKeys = new Map<EntityKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
  for (const { doc, resolved } of docs) {
    for (const kind of KINDS) {
      for (const entity of entitiesOf(resolved, kind)) {
        for (const key of lookupKeys(entity, doc.source)) entityKeys.get(kind)!.add(key);
        // Challenges resolve by taxonomy key alone, never through the words a text uses.
        if (kind !== 'CHALLENGE') for (const key of entity.lookupKeys) nameKeys.get(kind)!.add(key);
      }
    }
  }
  const inKeys = (kind: EntityKind) => ({ in: [...entityKeys.get(kind)!] });
  const select = { id: true, key: true } as const;
  const [names, people, institutions, models, challenges] = await Promise.all([
    // Grouped: a common name has a row per document that uses it, one entity is all we need.
    tx.name.groupBy({
      by: ['kind', 'key', 'personId', 'institutionId', 'modelId'],
      where: {
        strong: true,
        OR: KINDS.filter((k) => nameKeys.get(k)!.size > 0).map((kind) => ({
          kind,
          key: { in: [...nameKeys.get(kind)!] },
        })),
      },
    }),
    tx.person.findMany({ where: { key: inKeys('PERSON') }, select }),
    tx.institution.findMany({ where: { key: inKeys('INSTITUTION') }, select }),
    tx.model.findMany({ where: { key: inKeys('MODEL') }, select }),
    tx.challenge.findMany({ where: { key: inKeys('CHALLENGE') }, select }),
  ]);

  const slots = new Map<string, Slot>();
  const slotOf = (kind: EntityKind, id: number, key?: string) => {
    const held = slots.get(`${kind}:${id}`);
    if (held) {
      if (key !== undefined) held.key = key;
      return held;
    }
    const slot: Slot = { kind, id, key: key ?? '', members: [] };
    slots.set(`${kind}:${id}`, slot);
    return slot;
  };
  const indexes = new Map<EntityKind, Index>(KINDS.map((k) => [k, new Map()]));
  const rows: [EntityKind, { id: number; key: string }[]][] = [
    ['PERSON', people],
    ['INSTITUTION', institutions],
    ['MODEL', models],
    ['CHALLENGE', challenges],
  ];
  for (const [kind, list] of rows) {
    for (const row of list) addHit(indexes.get(kind)!, row.key, slotOf(kind, row.id, row.key));
  }
  for (const name of names) {
    if (name.kind === 'CHALLENGE') continue;
    const kind = name.kind as Exclude<EntityKind, 'CHALLENGE'>;
    const id = name[FOREIGN_KEY[kind]];
    if (id !== null) addHit(indexes.get(kind)!, name.key, slotOf(kind, id));
  }
  return indexes;
}

/**
 * Maps every resolved entity of the batch to a slot, document by document, as if each document
 * had been stored on its own: later documents see the names earlier ones added.
 */
function assignSlots(docs: PreparedDocument[], indexes: Map<EntityKind, Index>) {
  const assigned = new Map<ResolvedEntity, Slot>();
  const created = new Map<EntityKind, Slot[]>(KINDS.map((k) => [k, []]));
  const warnings = docs.map(() => [] as string[]);
  docs.forEach(({ doc, resolved }, d) => {
    for (const kind of KINDS) {
      const index = indexes.get(kind)!;
      for (const entity of entitiesOf(resolved, kind)) {
        const keys = lookupKeys(entity, doc.source);
        const firstHit = keys.find((key) => (index.get(key)?.length ?? 0) > 0);
        let slot = firstHit === undefined ? undefined : pick(index.get(firstHit)!, firstHit);
        if (slot) {
          const others = new Set(
            keys.flatMap((key) => index.get(key) ?? []).filter((s) => s !== slot),
          );
          for (const other of others) {
            warnings[d]!.push(
              `${kind} ${entity.name}: also matches ${describe(other)}; kept ${describe(slot)}`,
            );
          }
        } else {
          slot = { kind, id: null, key: keys[0]!, members: [] };
          created.get(kind)!.push(slot);
        }
        slot.members.push(entity);
        assigned.set(entity, slot);
        // Only strong keys (and a new entity's own key) let later documents find it.
        for (const key of entity.lookupKeys) addHit(index, key, slot);
        addHit(index, slot.key, slot);
      }
    }
  });
  return { assigned, created, warnings };
}

function describe(slot: Slot): string {
  return slot.id === null ? `new ${slot.key}` : `#${slot.id} (${slot.key})`;
}

function nameUses(slot: Slot): NameUse[] {
  return slot.members.flatMap((m) =>
    m.names.map(({ name, strong }) => ({ name, strong, count: 1 })),
  );
}

/** The model-level facts: the largest parameter count and earliest date stated anywhere. */
function modelFacts(models: ResolvedModel[]) {
  const stated = models.flatMap((m) => [m, ...m.versions]);
  const largest = stated
    .filter((s) => s.parameterCount !== undefined)
    .sort((a, b) => b.parameterCount! - a.parameterCount!)[0];
  const releasedAt = stated
    .map((s) => s.releasedAt)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return {
    parameters: largest?.parameters ?? stated.find((s) => s.parameters)?.parameters ?? null,
    parameterCount: largest?.parameterCount ?? null,
    releasedAt: releasedAt ?? null,
  };
}

type Facts = {
  parameters: string | null;
  parameterCount: number | null;
  releasedAt: string | null;
};

/** Combines stored and newly stated facts the same way whatever the order they arrive in. */
function mergeFacts(a: Facts, b: Facts): Facts {
  const larger = (b.parameterCount ?? -1) > (a.parameterCount ?? -1) ? b : a;
  const dates = [a.releasedAt, b.releasedAt].filter((d): d is string => d !== null).sort();
  return {
    parameters: larger.parameters ?? a.parameters ?? b.parameters,
    parameterCount: larger.parameterCount,
    releasedAt: dates[0] ?? null,
  };
}

async function createEntities(tx: Tx, created: Map<EntityKind, Slot[]>) {
  const select = { id: true, key: true } as const;
  const base = (slot: Slot) => {
    const derived = deriveNames(slot.kind, nameUses(slot), challengeOf(slot)?.taxonomyName);
    return { key: slot.key, name: derived.name, aliases: JSON.stringify(derived.aliases) };
  };
  const results: [EntityKind, { id: number; key: string }[]][] = [];
  const people = created.get('PERSON')!;
  if (people.length > 0) {
    results.push([
      'PERSON',
      await tx.person.createManyAndReturn({ data: people.map(base), select }),
    ]);
  }
  const institutions = created.get('INSTITUTION')!;
  if (institutions.length > 0) {
    const data = institutions.map((slot) => ({ ...base(slot), kind: institutionKindOf(slot) }));
    results.push(['INSTITUTION', await tx.institution.createManyAndReturn({ data, select })]);
  }
  const models = created.get('MODEL')!;
  if (models.length > 0) {
    const data = models.map((slot) => ({
      ...base(slot),
      ...modelFacts(slot.members as ResolvedModel[]),
    }));
    results.push(['MODEL', await tx.model.createManyAndReturn({ data, select })]);
  }
  const challenges = created.get('CHALLENGE')!;
  if (challenges.length > 0) {
    const data = challenges.map((slot) => {
      const c = challengeOf(slot)!;
      return { ...base(slot), label: c.label, description: c.description };
    });
    results.push(['CHALLENGE', await tx.challenge.createManyAndReturn({ data, select })]);
  }
  for (const [kind, rows] of results) {
    const byKey = new Map(rows.map((r) => [r.key, r.id]));
    for (const slot of created.get(kind)!) slot.id = byKey.get(slot.key)!;
  }
}

function challengeOf(slot: Slot) {
  const first = slot.members[0];
  return first?.kind === 'CHALLENGE'
    ? (first as ResolvedExtraction['challenges'][number])
    : undefined;
}

function institutionKindOf(slot: Slot) {
  const kinds = (slot.members as ResolvedExtraction['institutions']).map((m) => m.institutionKind);
  return kinds.find((k) => k !== 'other') ?? 'other';
}

/**
 * Updates what existing entities learn from the batch: an institution's kind, model facts, and a
 * challenge's taxonomy name, label and description when the taxonomy has changed.
 */
async function updateExisting(tx: Tx, slots: Slot[]) {
  const challenges = slots.filter((s) => s.kind === 'CHALLENGE');
  if (challenges.length > 0) {
    const stored = await tx.challenge.findMany({
      where: { id: { in: challenges.map((s) => s.id!) } },
      select: { id: true, name: true, label: true, description: true },
    });
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const slot of challenges) {
      const c = challengeOf(slot)!;
      const old = byId.get(slot.id!)!;
      const now = { name: c.taxonomyName, label: c.label, description: c.description };
      if (now.name !== old.name || now.label !== old.label || now.description !== old.description) {
        await tx.challenge.update({ where: { id: slot.id! }, data: now });
      }
    }
  }
  const institutions = slots.filter(
    (s) => s.kind === 'INSTITUTION' && institutionKindOf(s) !== 'other',
  );
  if (institutions.length > 0) {
    const generic = await tx.institution.findMany({
      where: { id: { in: institutions.map((s) => s.id!) }, kind: 'other' },
      select: { id: true },
    });
    const ids = new Set(generic.map((r) => r.id));
    for (const slot of institutions) {
      if (ids.has(slot.id!)) {
        await tx.institution.update({
          where: { id: slot.id! },
          data: { kind: institutionKindOf(slot) },
        });
      }
    }
  }
  const models = slots.filter((s) => s.kind === 'MODEL');
  if (models.length > 0) {
    const stored = await tx.model.findMany({
      where: { id: { in: models.map((s) => s.id!) } },
      select: { id: true, parameters: true, parameterCount: true, releasedAt: true },
    });
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const slot of models) {
      const old = byId.get(slot.id!)!;
      const now = mergeFacts(old, modelFacts(slot.members as ResolvedModel[]));
      if (
        now.parameters !== old.parameters ||
        now.parameterCount !== old.parameterCount ||
        now.releasedAt !== old.releasedAt
      ) {
        await tx.model.update({ where: { id: slot.id! }, data: now });
      }
    }
  }
}

/** Where an evidence span sits: its text and sentence, or null when it lies outside the text. */
function place(prepared: PreparedDocument, evidence: Evidence) {
  const { text } = prepared.doc;
  const { start, end } = evidence;
  if (
    !(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      end > start &&
      end <= text.length
    )
  ) {
    return null;
  }
  let sentence = prepared.sentences[evidence.sentence];
  if (!sentence || start < sentence.start || end > sentence.end) {
    sentence = prepared.sentences[sentenceAt(prepared.sentences, start)];
  }
  const snippet =
    sentence && start >= sentence.start ? sentence : { text: text.slice(start, end), start };
  return {
    start,
    end,
    surface: text.slice(start, end),
    snippet: snippet.text,
    snippetStart: snippet.start,
  };
}

type MentionRow = Prisma.MentionCreateManyInput;
type NameRow = Prisma.NameCreateManyInput;

const NAME_COLUMNS = [
  'documentId',
  'kind',
  'name',
  'key',
  'strong',
  'personId',
  'institutionId',
  'modelId',
  'challengeId',
] as const satisfies readonly (keyof NameRow)[];

const MENTION_COLUMNS = [
  'documentId',
  'kind',
  'start',
  'end',
  'surface',
  'snippet',
  'snippetStart',
  'publishedAt',
  'personId',
  'institutionId',
  'modelId',
  'challengeId',
  'affiliationId',
  'developmentId',
  'raisedId',
  'modelVersionId',
] as const satisfies readonly (keyof MentionRow)[];

/** Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_BOUND_VALUES = 30_000;

/** A value as Prisma itself stores it: DateTime as ISO text with +00:00, booleans as 1/0. */
function storable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace(/Z$/, '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/**
 * Multi-row INSERTs for the two tables that grow with the text (names and mentions). Prisma's
 * createMany costs about 1 ms per row here (it splits into 999-value statements and maps every
 * value in JS); one parameterised statement per 30,000 values costs about 0.03 ms per row.
 */
async function insertRows<R extends object>(
  tx: Tx,
  table: 'Name' | 'Mention',
  columns: readonly (keyof R & string)[],
  rows: R[],
) {
  const perStatement = Math.floor(MAX_BOUND_VALUES / columns.length);
  const head = Prisma.raw(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `,
  );
  for (let at = 0; at < rows.length; at += perStatement) {
    const values = rows
      .slice(at, at + perStatement)
      .map(
        (row) =>
          Prisma.sql`(${Prisma.join(columns.map((c) => storable((row as Record<string, unknown>)[c])))})`,
      );
    await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
}

/** Finds or creates relation rows by their natural key, in one read and one write per table. */
async function ensureRelations<T extends { id: number }>(
  wanted: Map<string, Omit<T, 'id'>>,
  read: () => Promise<T[]>,
  keyOf: (row: Omit<T, 'id'>) => string,
  create: (rows: Omit<T, 'id'>[]) => Promise<T[]>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  for (const row of await read()) ids.set(keyOf(row), row.id);
  const missing = [...wanted.entries()].filter(([key]) => !ids.has(key)).map(([, row]) => row);
  if (missing.length > 0) for (const row of await create(missing)) ids.set(keyOf(row), row.id);
  return ids;
}

async function writeBatch(tx: Tx, docs: PreparedDocument[]): Promise<PersistedDocument[]> {
  const sources = docs.map((d) => d.doc.source);
  if (new Set(sources).size !== sources.length) throw new Error('a batch names a document twice');

  // Replace: the earlier version's facts go, and what they pointed at is checked by gc below.
  const previous = await tx.document.findMany({
    where: { source: { in: sources } },
    select: { id: true, source: true },
  });
  const previousIds = previous.map((p) => p.id);
  const touched: Touched = await collectTouched(tx, previousIds, emptyTouched());
  if (previousIds.length > 0) {
    await tx.mention.deleteMany({ where: { documentId: { in: previousIds } } });
    await tx.name.deleteMany({ where: { documentId: { in: previousIds } } });
  }
  const documentIds = new Map(previous.map((p) => [p.source, p.id]));
  const fields = (doc: CleanDocument) => ({
    title: doc.title,
    publishedAt: dateOf(doc.publishedAt),
    publisher: doc.publisher,
    editor: doc.editor,
    format: doc.format,
    encoding: doc.encoding,
    contentHash: doc.contentHash,
    text: doc.text,
  });
  for (const { doc } of docs) {
    const id = documentIds.get(doc.source);
    if (id !== undefined)
      await tx.document.update({ where: { id }, data: { ...fields(doc), ingestedAt: new Date() } });
  }
  const fresh = docs.filter(({ doc }) => !documentIds.has(doc.source));
  if (fresh.length > 0) {
    const rows = await tx.document.createManyAndReturn({
      data: fresh.map(({ doc }) => ({ source: doc.source, ...fields(doc) })),
      select: { id: true, source: true },
    });
    for (const row of rows) documentIds.set(row.source, row.id);
  }

  const indexes = await loadIndex(tx, docs);
  const { assigned, created, warnings } = assignSlots(docs, indexes);
  await createEntities(tx, created);
  const createdSlots = new Set([...created.values()].flat());
  const existingSlots = [...new Set(assigned.values())].filter((s) => !createdSlots.has(s));
  await updateExisting(tx, existingSlots);
  const idOf = (entity: ResolvedEntity) => assigned.get(entity)!.id!;

  // Names, then the relations, then every mention pointing at either.
  const nameRows: Prisma.NameCreateManyInput[] = [];
  for (const { doc, resolved } of docs) {
    const documentId = documentIds.get(doc.source)!;
    for (const kind of KINDS) {
      for (const entity of entitiesOf(resolved, kind)) {
        for (const { name, key, strong } of entity.names) {
          nameRows.push({ documentId, kind, name, key, strong, [FOREIGN_KEY[kind]]: idOf(entity) });
        }
      }
    }
  }
  await insertRows(tx, 'Name', NAME_COLUMNS, nameRows);

  const affiliationsWanted = new Map<
    string,
    { personId: number; institutionId: number; role: string }
  >();
  const developmentsWanted = new Map<string, { modelId: number; institutionId: number }>();
  const raisedWanted = new Map<string, { personId: number; challengeId: number }>();
  const versionsWanted = new Map<string, { modelId: number; version: string } & Facts>();
  const affiliationKey = (r: { personId: number; institutionId: number; role: string }) =>
    `${r.personId}|${r.institutionId}|${r.role}`;
  const developmentKey = (r: { modelId: number; institutionId: number }) =>
    `${r.modelId}|${r.institutionId}`;
  const raisedKey = (r: { personId: number; challengeId: number }) =>
    `${r.personId}|${r.challengeId}`;
  const versionKey = (r: { modelId: number; version: string }) => `${r.modelId}|${r.version}`;
  for (const { resolved: r } of docs) {
    for (const a of r.affiliations) {
      const row = {
        personId: idOf(r.people[a.person]!),
        institutionId: idOf(r.institutions[a.institution]!),
        role: a.role,
      };
      affiliationsWanted.set(affiliationKey(row), row);
    }
    for (const dv of r.developments) {
      const row = {
        modelId: idOf(r.models[dv.model]!),
        institutionId: idOf(r.institutions[dv.institution]!),
      };
      developmentsWanted.set(developmentKey(row), row);
    }
    for (const x of r.raised) {
      const row = {
        personId: idOf(r.people[x.person]!),
        challengeId: idOf(r.challenges[x.challenge]!),
      };
      raisedWanted.set(raisedKey(row), row);
    }
    for (const model of r.models) {
      for (const v of model.versions) {
        const row = {
          modelId: idOf(model),
          version: v.version,
          parameters: v.parameters ?? null,
          parameterCount: v.parameterCount ?? null,
          releasedAt: v.releasedAt ?? null,
        };
        const held = versionsWanted.get(versionKey(row));
        versionsWanted.set(versionKey(row), held ? { ...held, ...mergeFacts(held, row) } : row);
      }
    }
  }
  const wantedIds = <T>(wanted: Map<string, T>, pick: (row: T) => number) => [
    ...new Set([...wanted.values()].map(pick)),
  ];
  const [affiliationIds, developmentIds, raisedIds] = await Promise.all([
    ensureRelations(
      affiliationsWanted,
      () =>
        tx.affiliation.findMany({
          where: { personId: { in: wantedIds(affiliationsWanted, (r) => r.personId) } },
          select: { id: true, personId: true, institutionId: true, role: true },
        }),
      affiliationKey,
      (data) =>
        tx.affiliation.createManyAndReturn({
          data,
          select: { id: true, personId: true, institutionId: true, role: true },
        }),
    ),
    ensureRelations(
      developmentsWanted,
      () =>
        tx.development.findMany({
          where: { modelId: { in: wantedIds(developmentsWanted, (r) => r.modelId) } },
          select: { id: true, modelId: true, institutionId: true },
        }),
      developmentKey,
      (data) =>
        tx.development.createManyAndReturn({
          data,
          select: { id: true, modelId: true, institutionId: true },
        }),
    ),
    ensureRelations(
      raisedWanted,
      () =>
        tx.raised.findMany({
          where: { personId: { in: wantedIds(raisedWanted, (r) => r.personId) } },
          select: { id: true, personId: true, challengeId: true },
        }),
      raisedKey,
      (data) =>
        tx.raised.createManyAndReturn({
          data,
          select: { id: true, personId: true, challengeId: true },
        }),
    ),
  ]);
  const versionIds = await ensureVersions(tx, versionsWanted, versionKey);

  const results: PersistedDocument[] = [];
  const mentionRows: MentionRow[] = [];
  docs.forEach((prepared, d) => {
    const { doc, resolved: r } = prepared;
    const documentId = documentIds.get(doc.source)!;
    const publishedAt = dateOf(doc.publishedAt);
    const docWarnings = warnings[d]!;
    const mention = (kind: string, evidence: Evidence, target: Partial<MentionRow>) => {
      const placed = place(prepared, evidence);
      if (placed) mentionRows.push({ documentId, kind, publishedAt, ...placed, ...target });
      else
        docWarnings.push(
          `${kind} evidence ${evidence.start}-${evidence.end} lies outside the text`,
        );
    };
    for (const kind of KINDS) {
      for (const entity of entitiesOf(r, kind)) {
        for (const evidence of entity.mentions)
          mention(kind, evidence, { [FOREIGN_KEY[kind]]: idOf(entity) });
      }
    }
    const relations = new Set<string>();
    for (const a of r.affiliations) {
      const key = affiliationKey({
        personId: idOf(r.people[a.person]!),
        institutionId: idOf(r.institutions[a.institution]!),
        role: a.role,
      });
      relations.add(`A${key}`);
      mention('AFFILIATION', a.evidence, { affiliationId: affiliationIds.get(key)! });
    }
    for (const dv of r.developments) {
      const key = developmentKey({
        modelId: idOf(r.models[dv.model]!),
        institutionId: idOf(r.institutions[dv.institution]!),
      });
      relations.add(`D${key}`);
      mention('DEVELOPMENT', dv.evidence, { developmentId: developmentIds.get(key)! });
    }
    for (const x of r.raised) {
      const key = raisedKey({
        personId: idOf(r.people[x.person]!),
        challengeId: idOf(r.challenges[x.challenge]!),
      });
      relations.add(`R${key}`);
      mention('RAISED', x.evidence, { raisedId: raisedIds.get(key)! });
    }
    for (const model of r.models) {
      for (const v of model.versions) {
        const key = versionKey({ modelId: idOf(model), version: v.version });
        relations.add(`V${key}`);
        mention('VERSION', v.evidence, { modelVersionId: versionIds.get(key)! });
      }
    }
    const distinct = (list: ResolvedEntity[]) => new Set(list.map(idOf)).size;
    results.push({
      source: doc.source,
      documentId,
      replaced: previousIds.includes(documentId),
      counts: {
        people: distinct(r.people),
        institutions: distinct(r.institutions),
        models: distinct(r.models),
        challenges: distinct(r.challenges),
        relations: relations.size,
      },
      warnings: docWarnings,
    });
  });
  await insertRows(tx, 'Mention', MENTION_COLUMNS, mentionRows);

  await collectGarbage(tx, touched);
  const refresh = new Map<EntityKind, Set<number>>([
    ['PERSON', touched.person],
    ['INSTITUTION', touched.institution],
    ['MODEL', touched.model],
    ['CHALLENGE', touched.challenge],
  ]);
  for (const slot of existingSlots) refresh.get(slot.kind)!.add(slot.id!);
  for (const [kind, ids] of refresh) await refreshNames(tx, kind, ids);
  return results;
}

async function ensureVersions(
  tx: Tx,
  wanted: Map<string, { modelId: number; version: string } & Facts>,
  keyOf: (r: { modelId: number; version: string }) => string,
) {
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  const modelIds = [...new Set([...wanted.values()].map((v) => v.modelId))];
  const stored = await tx.modelVersion.findMany({
    where: { modelId: { in: modelIds } },
    select: {
      id: true,
      modelId: true,
      version: true,
      parameters: true,
      parameterCount: true,
      releasedAt: true,
    },
  });
  const storedByKey = new Map(stored.map((row) => [keyOf(row), row]));
  const missing = [];
  for (const [key, row] of wanted) {
    const old = storedByKey.get(key);
    if (!old) {
      missing.push(row);
      continue;
    }
    ids.set(key, old.id);
    const now = mergeFacts(old, row);
    if (
      now.parameters !== old.parameters ||
      now.parameterCount !== old.parameterCount ||
      now.releasedAt !== old.releasedAt
    ) {
      await tx.modelVersion.update({ where: { id: old.id }, data: now });
    }
  }
  if (missing.length > 0) {
    const rows = await tx.modelVersion.createManyAndReturn({
      data: missing,
      select: { id: true, modelId: true, version: true },
    });
    for (const row of rows) ids.set(keyOf(row), row.id);
  }
  return ids;
}

function dateOf(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? null : date;
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
  const timeout = options.timeoutMs ?? 120_000;
  return db.$transaction((tx) => writeBatch(tx, docs), { timeout, maxWait: timeout });
}

/** Stores one prepared document (a batch of one). */
export async function persistDocument(db: Db, doc: PreparedDocument, options: PersistOptions = {}) {
  const [result] = await persistBatch(db, [doc], options);
  return result!;
}

/**
 * Deletes documents with all their names and mentions, and whatever only they supported.
 * Returns how many documents were deleted.
 */
export async function removeDocuments(db: Db, documentIds: number[], options: PersistOptions = {}) {
  if (documentIds.length === 0) return 0;
  const timeout = options.timeoutMs ?? 120_000;
  return db.$transaction(
    async (tx) => {
      const touched = await collectTouched(tx, documentIds);
      const { count } = await tx.document.deleteMany({ where: { id: { in: documentIds } } });
      await collectGarbage(tx, touched);
      await refreshNames(tx, 'PERSON', touched.person);
      await refreshNames(tx, 'INSTITUTION', touched.institution);
      await refreshNames(tx, 'MODEL', touched.model);
      await refreshNames(tx, 'CHALLENGE', touched.challenge);
      return count;
    },
    { timeout, maxWait: timeout },
  );
}
