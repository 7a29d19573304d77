import { ENTITY_COLUMN, type EntityKind } from '../../domain/entities.ts';

import type { Prisma } from '../../generated/prisma/client.ts';
import { refreshNames } from '../entity-names.ts';
import { keysOf } from '../identify.ts';

import { insertReturning } from '../persist-rows.ts';
import {
  type Change,
  type CurationAction,
  type EntityRef,
  endsOf,
  type FactRef,
} from './change.ts';
import {
  ENTITY_TABLE,
  entityRow,
  findEntity,
  moveEvidence,
  ownEntity,
  refreshDerived,
  writeNames,
} from './entities.ts';
import { createFact, deleteFact, FACT_MENTION, findFact } from './facts.ts';

// Applying a curation to the graph. Every change is idempotent: applied to a graph it already
// holds, it changes nothing, so all of them are applied again after every write to the graph
// (replayCurations, called by persist at the end of each batch and removal), whatever the write
// brought back: a --force re-seed re-extracts the merged entity, the rejected affiliation, the
// old role, and the same transaction corrects them again before anyone reads the graph.

type Tx = Prisma.TransactionClient;

export interface Outcome {
  applies: boolean;
  /** Why it does not apply. */
  problem: string | null;
  /** MERGE_ENTITIES: the id of the entity it removed this time. */
  merged?: { kind: EntityKind; id: number };
}

const applied: Outcome = { applies: true, problem: null };
const gone = (ref: EntityRef): Outcome => ({
  applies: false,
  problem: `${ref.kind.toLowerCase()} ${ref.name} (${ref.key}) is no longer in the graph`,
});

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseList(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Changes to names come after changes to structure: a merge or split derives names again. */
const PHASE: Record<CurationAction, number> = {
  MERGE_ENTITIES: 0,
  SPLIT_ALIAS: 0,
  ADD_FACT: 0,
  REJECT_FACT: 0,
  CORRECT_ROLE: 0,
  SET_INSTITUTION_CATEGORY: 0,
  RENAME_ENTITY: 1,
  ADD_ALIAS: 1,
  REMOVE_ALIAS: 1,
};

async function findEnds(tx: Tx, fact: FactRef): Promise<[number, number] | Outcome> {
  const [from, to] = endsOf(fact);
  const a = await findEntity(tx, from);
  if (a === null) return gone(from);
  const b = await findEntity(tx, to);
  if (b === null) return gone(to);
  return [a, b];
}

async function merge(tx: Tx, keep: EntityRef, remove: EntityRef): Promise<Outcome> {
  const kept = await findEntity(tx, keep);
  if (kept === null) return gone(keep);
  const removed = await findEntity(tx, remove);
  // Nothing left to merge: done before (its names lead to the entity kept), or no document
  // names it any more.
  if (removed === null || removed === kept) return applied;
  if (keep.kind === 'INSTITUTION') {
    const [a, b] = await Promise.all([
      tx.institution.findUnique({ where: { id: kept }, select: { kind: true } }),
      tx.institution.findUnique({ where: { id: removed }, select: { kind: true } }),
    ]);
    if (a?.kind === 'other' && b && b.kind !== 'other') {
      await tx.institution.update({ where: { id: kept }, data: { kind: b.kind } });
    }
  }
  await moveEvidence(tx, keep.kind, removed, kept, null);
  return { ...applied, merged: { kind: keep.kind, id: removed } };
}

interface NameRef {
  id: number;
  documentId: number;
  key: string;
}

async function namesOfEntity(tx: Tx, kind: EntityKind, entityId: number): Promise<NameRef[]> {
  const where = { [ENTITY_COLUMN[kind]]: entityId } as Prisma.NameWhereInput;
  return tx.name.findMany({ where, select: { id: true, documentId: true, key: true } });
}

/**
 * An alias of an entity that is someone (something) else: in documents where the entity is
 * named only by the alias, everything about it moves to the other entity; where it is also
 * named otherwise, the alias's names and the mentions written as the alias move.
 */
async function split(tx: Tx, ref: EntityRef, alias: string): Promise<Outcome> {
  const entity = await findEntity(tx, ref);
  if (entity === null) return gone(ref);
  const keys = new Set(keysOf(ref.kind, alias));
  const [splitKey] = keysOf(ref.kind, alias);
  const names = await namesOfEntity(tx, ref.kind, entity);
  const aliasNames = names.filter((n) => keys.has(n.key));
  if (aliasNames.length === 0 || splitKey === undefined) {
    const other = splitKey === undefined ? null : await ownEntity(tx, ref.kind, splitKey);
    return other !== null && other !== entity
      ? applied
      : { applies: false, problem: `no document names ${ref.name} ${alias} any more` };
  }
  let target = await ownEntity(tx, ref.kind, splitKey);
  if (target === null || target === entity) {
    const [row] = await insertReturning(
      tx,
      ENTITY_TABLE[ref.kind],
      ['key', 'name', 'aliases'],
      [{ key: splitKey, name: alias, aliases: '[]' }],
      ['id'],
    );
    target = Number(row!.id);
  }
  const documents = new Set(aliasNames.map((n) => n.documentId));
  const whole = [...documents].filter((d) =>
    names.every((n) => n.documentId !== d || keys.has(n.key)),
  );
  const partial = [...documents].filter((d) => !whole.includes(d));
  const touched = await moveEvidence(tx, ref.kind, entity, target, whole);
  if (partial.length > 0) {
    const fk = ENTITY_COLUMN[ref.kind];
    await tx.name.updateMany({
      where: {
        id: { in: aliasNames.filter((n) => partial.includes(n.documentId)).map((n) => n.id) },
      },
      data: { [fk]: target },
    });
    const mentions = await tx.mention.findMany({
      where: { [fk]: entity, documentId: { in: partial } } as Prisma.MentionWhereInput,
      select: { id: true, surface: true },
    });
    const written = mentions.filter((m) => keysOf(ref.kind, m.surface).some((k) => keys.has(k)));
    if (written.length > 0) {
      await tx.mention.updateMany({
        where: { id: { in: written.map((m) => m.id) } },
        data: { [fk]: target },
      });
    }
    await refreshDerived(tx, ref.kind, [entity, target], touched);
  }
  return applied;
}

async function rename(tx: Tx, ref: EntityRef, name: string): Promise<Outcome> {
  const entity = await findEntity(tx, ref);
  if (entity === null) return gone(ref);
  const row = (await entityRow(tx, ref.kind, entity))!;
  const aliases = parseList(row.aliases);
  if (row.name === name && !aliases.includes(name)) return applied;
  const next = [...new Set([...aliases, row.name])].filter((a) => a !== name).sort(byCodePoint);
  await writeNames(tx, ref.kind, entity, name, next);
  return applied;
}

async function editAlias(tx: Tx, ref: EntityRef, alias: string, add: boolean): Promise<Outcome> {
  const entity = await findEntity(tx, ref);
  if (entity === null) return gone(ref);
  const row = (await entityRow(tx, ref.kind, entity))!;
  const aliases = parseList(row.aliases);
  if (add === (aliases.includes(alias) || row.name === alias)) return applied;
  const next = add ? [...aliases, alias].sort(byCodePoint) : aliases.filter((a) => a !== alias);
  await writeNames(tx, ref.kind, entity, row.name, next);
  return applied;
}

async function setCategory(tx: Tx, ref: EntityRef, category: string): Promise<Outcome> {
  const institution = await findEntity(tx, ref);
  if (institution === null) return gone(ref);
  await tx.institution.updateMany({
    where: { id: institution, kind: { not: category } },
    data: { kind: category },
  });
  return applied;
}

async function reject(tx: Tx, fact: FactRef): Promise<Outcome> {
  const ends = await findEnds(tx, fact);
  if (!Array.isArray(ends)) return ends;
  const row = await findFact(tx, fact, ends);
  if (row !== null) await deleteFact(tx, fact.type, row);
  return applied;
}

async function correctRole(
  tx: Tx,
  fact: FactRef & { type: 'AFFILIATION' },
  role: string,
): Promise<Outcome> {
  const ends = await findEnds(tx, fact);
  if (!Array.isArray(ends)) return ends;
  const row = await findFact(tx, fact, ends);
  const twin = await findFact(tx, { ...fact, role }, ends);
  if (row === null) {
    return twin !== null
      ? applied
      : {
          applies: false,
          problem: `no document states ${fact.person.name} as ${fact.role} of ${fact.institution.name} any more`,
        };
  }
  if (twin === null) {
    await tx.affiliation.update({ where: { id: row }, data: { role } });
  } else {
    await tx.mention.updateMany({ where: { affiliationId: row }, data: { affiliationId: twin } });
    await tx.affiliation.delete({ where: { id: row } });
  }
  return applied;
}

/**
 * A fact the curator states, with the note as its evidence: the note is a Document of its own
 * (source curation:<id>, which no seed folder holds, so neither --force nor --prune touches it),
 * naming both ends and stating the fact in one mention spanning the note.
 */
async function addFact(tx: Tx, fact: FactRef, source: string): Promise<Outcome> {
  const document = await tx.document.findUnique({
    where: { source },
    select: { id: true, text: true },
  });
  if (document === null) return { applies: false, problem: `its note ${source} is gone` };
  const ends = await findEnds(tx, fact);
  if (!Array.isArray(ends)) return ends;
  const refs = endsOf(fact);
  for (const [i, ref] of refs.entries()) {
    const fk = ENTITY_COLUMN[ref.kind];
    const where = {
      documentId_kind_key: { documentId: document.id, kind: ref.kind, key: ref.key },
    };
    const held = await tx.name.findUnique({ where, select: { [fk]: true } as Prisma.NameSelect });
    if ((held as Record<string, unknown> | null)?.[fk] === ends[i]) continue;
    await tx.name.upsert({
      where,
      create: {
        documentId: document.id,
        kind: ref.kind,
        name: ref.name,
        key: ref.key,
        strong: true,
        [fk]: ends[i],
      } as Prisma.NameUncheckedCreateInput,
      update: { [fk]: ends[i] },
    });
    await refreshNames(tx, ref.kind, [ends[i]!]);
  }
  const row = (await findFact(tx, fact, ends)) ?? (await createFact(tx, fact, ends));
  const column = FACT_MENTION[fact.type];
  const stated = await tx.mention.findFirst({
    where: { documentId: document.id, [column]: row } as Prisma.MentionWhereInput,
    select: { id: true },
  });
  if (stated === null) {
    await tx.mention.create({
      data: {
        documentId: document.id,
        kind: fact.type,
        start: 0,
        end: document.text.length,
        surface: document.text,
        snippet: document.text,
        snippetStart: 0,
        [column]: row,
      } as Prisma.MentionUncheckedCreateInput,
    });
  }
  return applied;
}

/** Applies one change; returns whether it applies and, if not, why. */
export function applyChange(tx: Tx, change: Change): Promise<Outcome> {
  switch (change.action) {
    case 'MERGE_ENTITIES':
      return merge(tx, change.keep, change.remove);
    case 'SPLIT_ALIAS':
      return split(tx, change.entity, change.alias);
    case 'RENAME_ENTITY':
      return rename(tx, change.entity, change.name);
    case 'ADD_ALIAS':
      return editAlias(tx, change.entity, change.alias, true);
    case 'REMOVE_ALIAS':
      return editAlias(tx, change.entity, change.alias, false);
    case 'SET_INSTITUTION_CATEGORY':
      return setCategory(tx, change.institution, change.category);
    case 'REJECT_FACT':
      return reject(tx, change.fact);
    case 'CORRECT_ROLE':
      return correctRole(tx, change.fact, change.role);
    case 'ADD_FACT':
      return addFact(tx, change.fact, change.document);
  }
}

export interface ReplayReport {
  /** Curations in force. */
  active: number;
  /** Those that no longer apply, and why. */
  notApplying: { id: number; action: string; problem: string }[];
}

/**
 * Applies every curation in force to the graph, structure first (merges, splits, facts), then
 * names, each group in the order they were made, and records whether each still applies. One
 * query when there are none.
 */
export async function replayCurations(tx: Tx): Promise<ReplayReport> {
  const rows = await tx.curation.findMany({
    where: { undoneAt: null },
    select: { id: true, action: true, change: true, applies: true, problem: true },
    orderBy: { id: 'asc' },
  });
  const report: ReplayReport = { active: rows.length, notApplying: [] };
  const ordered = [...rows].sort(
    (a, b) => PHASE[a.action as CurationAction] - PHASE[b.action as CurationAction] || a.id - b.id,
  );
  for (const row of ordered) {
    const outcome = await applyChange(tx, JSON.parse(row.change) as Change);
    if (outcome.applies !== row.applies || outcome.problem !== row.problem) {
      await tx.curation.update({
        where: { id: row.id },
        data: { applies: outcome.applies, problem: outcome.problem },
      });
    }
    if (outcome.merged) {
      const { kind, id } = outcome.merged;
      await tx.mergedEntity.upsert({
        where: { kind_entityId: { kind, entityId: id } },
        create: { kind, entityId: id, curationId: row.id },
        update: { curationId: row.id },
      });
    }
    if (!outcome.applies) {
      report.notApplying.push({ id: row.id, action: row.action, problem: outcome.problem ?? '' });
    }
  }
  return report;
}
