import { ENTITY_COLUMN, ENTITY_KINDS, ENTITY_TABLE, type EntityKind } from '../domain/entities.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { deriveNames, type NameUse } from './entity-names.ts';
import type {
  PreparedDocument,
  ResolvedEntity,
  ResolvedExtraction,
  ResolvedModel,
} from './identify.ts';
import { summarizeFacts } from './model-facts.ts';
import { insertReturning, type Row } from './persist-rows.ts';
import { slices, VALUES_PER_IN_LIST } from './slices.ts';
import { strongest } from './support.ts';

// Resolution across documents, for the persist step: each entity of a batch becomes the
// existing graph entity that has one of its strong keys (as a Name of the same kind, or as its
// own key), or a new one. Documents of a batch are resolved in order, each seeing what the ones
// before it added, so a batch gives the graph that storing its documents one by one would.

type Tx = Prisma.TransactionClient;

/** A graph entity a batch refers to: an existing row, or one this batch creates. */
interface Slot {
  kind: EntityKind;
  id: number | null;
  key: string;
  /** The resolved entities of this batch that map to it (the first one creates it). */
  members: ResolvedEntity[];
}

type Index = Map<string, Slot[]>;

/** The resolved entities of one kind. */
export function entitiesOf(resolved: ResolvedExtraction, kind: EntityKind): ResolvedEntity[] {
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

/** Reads, in a query or a few per table, every existing entity any key of the batch could resolve to. */
async function loadIndex(tx: Tx, docs: PreparedDocument[]) {
  const nameKeys = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set()]));
  const entityKeys = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set()]));
  for (const { doc, resolved } of docs) {
    for (const kind of ENTITY_KINDS) {
      for (const entity of entitiesOf(resolved, kind)) {
        for (const key of lookupKeys(entity, doc.source)) entityKeys.get(kind)!.add(key);
        // Challenges resolve by taxonomy key alone, never through the words a text uses.
        if (kind !== 'CHALLENGE') for (const key of entity.lookupKeys) nameKeys.get(kind)!.add(key);
      }
    }
  }
  const inKeys = (kind: EntityKind) => ({ in: [...entityKeys.get(kind)!] });
  const select = { id: true, key: true } as const;
  // Grouped: a common name has a row per document that uses it, one entity is all we need. One
  // query per kind and slice of keys: Prisma splits a long `in` list only when it is the whole
  // condition, and a batch of 100 documents has more keys than SQLite's 999 bound values (the
  // batch then failed and was stored document by document).
  const nameQueries = ENTITY_KINDS.flatMap((kind) =>
    slices([...nameKeys.get(kind)!], VALUES_PER_IN_LIST).map((keys) =>
      tx.name.groupBy({
        by: ['kind', 'key', 'personId', 'institutionId', 'modelId'],
        where: { strong: true, kind, key: { in: keys } },
      }),
    ),
  );
  const [nameGroups, people, institutions, models, challenges] = await Promise.all([
    Promise.all(nameQueries),
    tx.person.findMany({ where: { key: inKeys('PERSON') }, select }),
    tx.institution.findMany({ where: { key: inKeys('INSTITUTION') }, select }),
    tx.model.findMany({ where: { key: inKeys('MODEL') }, select }),
    tx.challenge.findMany({ where: { key: inKeys('CHALLENGE') }, select }),
  ]);

  const names = nameGroups.flat();
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
  const indexes = new Map<EntityKind, Index>(ENTITY_KINDS.map((k) => [k, new Map()]));
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
    const id = name[ENTITY_COLUMN[kind]];
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
  const created = new Map<EntityKind, Slot[]>(ENTITY_KINDS.map((k) => [k, []]));
  const warnings = docs.map(() => [] as string[]);
  docs.forEach(({ doc, resolved }, d) => {
    for (const kind of ENTITY_KINDS) {
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

/**
 * A new model's facts from the batch's statements (model and versions); every batch then
 * recomputes them from the ModelFact rows (src/store/model-facts.ts), which gives the same.
 */
function modelFacts(models: ResolvedModel[]) {
  return summarizeFacts(models.flatMap((m) => [m, ...m.versions]));
}

// Each kind's new rows in one INSERT … RETURNING (persist-rows.ts), matched back by key.
async function createEntities(tx: Tx, created: Map<EntityKind, Slot[]>) {
  const base = (slot: Slot) => {
    const derived = deriveNames(slot.kind, nameUses(slot), challengeOf(slot)?.taxonomyName);
    // The batch's findings are all a new entity has; later batches recompute it (support.ts).
    const { confidence, basis } = strongest(slot.members.map((m) => m.finding))!;
    return {
      key: slot.key,
      name: derived.name,
      aliases: JSON.stringify(derived.aliases),
      confidence,
      basis,
    };
  };
  const rowsOf: Record<EntityKind, (slot: Slot) => Row> = {
    PERSON: base,
    INSTITUTION: (slot) => ({ ...base(slot), kind: institutionKindOf(slot) }),
    MODEL: (slot) => ({ ...base(slot), ...modelFacts(slot.members as ResolvedModel[]) }),
    CHALLENGE: (slot) => {
      const c = challengeOf(slot)!;
      return { ...base(slot), label: c.label, description: c.description };
    },
  };
  for (const kind of ENTITY_KINDS) {
    const slots = created.get(kind)!;
    if (slots.length === 0) continue;
    const rows = slots.map(rowsOf[kind]);
    const inserted = await insertReturning(tx, ENTITY_TABLE[kind], Object.keys(rows[0]!), rows, [
      'id',
      'key',
    ]);
    const byKey = new Map(inserted.map((r) => [String(r.key), Number(r.id)]));
    for (const slot of slots) slot.id = byKey.get(slot.key)!;
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
 * Updates what existing entities learn from the batch: an institution's kind, and a
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
  // Model facts: refreshModelFacts at the end of the batch (src/store/model-facts.ts).
}

export interface EntityResolution {
  /** The graph id each resolved entity of the batch maps to. */
  idOf: (entity: ResolvedEntity) => number;
  /** The existing entities the batch names (their names and aliases need recomputing). */
  existing: { kind: EntityKind; id: number }[];
  /** Per document of the batch: names that matched more than one existing entity. */
  warnings: string[][];
}

/**
 * Maps every entity of the batch to a graph entity, creating the new ones (named from the
 * batch's names) and updating what existing ones learn: an institution's kind.
 */
export async function resolveEntities(tx: Tx, docs: PreparedDocument[]): Promise<EntityResolution> {
  const indexes = await loadIndex(tx, docs);
  const { assigned, created, warnings } = assignSlots(docs, indexes);
  await createEntities(tx, created);
  const createdSlots = new Set([...created.values()].flat());
  const existing = [...new Set(assigned.values())].filter((s) => !createdSlots.has(s));
  await updateExisting(tx, existing);
  return {
    idOf: (entity) => assigned.get(entity)!.id!,
    existing: existing.map((s) => ({ kind: s.kind, id: s.id! })),
    warnings,
  };
}
