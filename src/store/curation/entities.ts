import { ENTITY_COLUMN, type EntityKind } from '../../domain/entities.ts';

import { Prisma } from '../../generated/prisma/client.ts';
import { refreshNames } from '../entity-names.ts';
import { collectGarbage, emptyTouched, type Touched } from '../gc.ts';
import { refreshModelFacts } from '../model-facts.ts';

import { insertReturning } from '../persist-rows.ts';
import type { EntityRef } from './change.ts';

// Finding the entities a curation names, and moving evidence (names, mentions, relations, model
// facts) from one entity to another: a merge moves all of it, a split what one alias stands for.
// Raw SQL over the tables' own names, the same for every kind, where Prisma would need one
// spelled-out call per table; identifiers are constants of this file, values are bound.

type Tx = Prisma.TransactionClient;

export const ENTITY_TABLE: Record<EntityKind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};

const id = (name: string) => Prisma.raw(`"${name}"`);

/**
 * The row id of the entity `ref` names now: the entity whose key it is, else (for all but
 * challenges, which resolve by taxonomy key alone) the entity a document names by that key as a
 * strong name: after a merge, the removed entity's names point at the entity kept, so its key
 * leads there, as it does for the seed's resolution (src/store/persist-entities.ts).
 */
export async function findEntity(
  tx: Tx,
  ref: Pick<EntityRef, 'kind' | 'key'>,
): Promise<number | null> {
  const own = await tx.$queryRaw<
    { id: number | bigint }[]
  >`SELECT "id" FROM ${id(ENTITY_TABLE[ref.kind])} WHERE "key" = ${ref.key}`;
  if (own[0]) return Number(own[0].id);
  if (ref.kind === 'CHALLENGE') return null;
  const fk = id(ENTITY_COLUMN[ref.kind]);
  const named = await tx.$queryRaw<
    { id: number | bigint }[]
  >`SELECT ${fk} AS "id" FROM "Name" WHERE "kind" = ${ref.kind} AND "key" = ${ref.key} AND "strong" = ${true} AND ${fk} IS NOT NULL ORDER BY ${fk} LIMIT 1`;
  return named[0] ? Number(named[0].id) : null;
}

/** The entity whose own key `key` is (not one reached through names). */
export async function ownEntity(tx: Tx, kind: EntityKind, key: string): Promise<number | null> {
  const rows = await tx.$queryRaw<
    { id: number | bigint }[]
  >`SELECT "id" FROM ${id(ENTITY_TABLE[kind])} WHERE "key" = ${key}`;
  return rows[0] ? Number(rows[0].id) : null;
}

/** The row of an entity: its key, name and aliases (JSON text). */
export async function entityRow(tx: Tx, kind: EntityKind, entityId: number) {
  const rows = await tx.$queryRaw<
    { key: string; name: string; aliases: string }[]
  >`SELECT "key", "name", "aliases" FROM ${id(ENTITY_TABLE[kind])} WHERE "id" = ${entityId}`;
  return rows[0] ?? null;
}

export async function writeNames(
  tx: Tx,
  kind: EntityKind,
  entityId: number,
  name: string,
  aliases: string[],
) {
  await tx.$executeRaw`UPDATE ${id(ENTITY_TABLE[kind])} SET "name" = ${name}, "aliases" = ${JSON.stringify(aliases)} WHERE "id" = ${entityId}`;
}

/** A relation table an entity of some kind takes part in, and how its rows are told apart. */
interface RelationSpec {
  table: 'Affiliation' | 'Development' | 'Raised' | 'ModelVersion';
  touched: keyof Touched;
  /** The column pointing at the entity. */
  column: string;
  /** The other columns of the natural key. */
  others: string[];
  /** The Mention column pointing at a row. */
  mention: string;
}

const AFFILIATION = {
  table: 'Affiliation',
  touched: 'affiliation',
  mention: 'affiliationId',
} as const;
const DEVELOPMENT = {
  table: 'Development',
  touched: 'development',
  mention: 'developmentId',
} as const;
const RAISED = { table: 'Raised', touched: 'raised', mention: 'raisedId' } as const;
const VERSION = {
  table: 'ModelVersion',
  touched: 'modelVersion',
  mention: 'modelVersionId',
} as const;

const RELATIONS: Record<EntityKind, RelationSpec[]> = {
  PERSON: [
    { ...AFFILIATION, column: 'personId', others: ['institutionId', 'role'] },
    { ...RAISED, column: 'personId', others: ['challengeId'] },
  ],
  INSTITUTION: [
    { ...AFFILIATION, column: 'institutionId', others: ['personId', 'role'] },
    { ...DEVELOPMENT, column: 'institutionId', others: ['modelId'] },
  ],
  MODEL: [
    { ...DEVELOPMENT, column: 'modelId', others: ['institutionId'] },
    { ...VERSION, column: 'modelId', others: ['version'] },
  ],
  CHALLENGE: [{ ...RAISED, column: 'challengeId', others: ['personId'] }],
};

type RelationRow = Record<string, unknown> & { id: number | bigint };

const inDocuments = (documentIds: number[] | null) =>
  documentIds === null
    ? Prisma.empty
    : Prisma.sql` AND "documentId" IN (${Prisma.join(documentIds)})`;

/**
 * Moves the evidence of entity `from` to entity `to` (same kind): all of it, or only what the
 * documents `documentIds` state. Names and mentions are repointed; a relation of `from` stated in
 * those documents becomes the same relation of `to` (found, else created, else the row itself
 * when it moves whole), with the statements and model facts following. Then whatever lost all
 * support is collected (`from` itself, when everything moved) and names and model facts are
 * derived again. Returns the touched sets, for the caller's report.
 */
export async function moveEvidence(
  tx: Tx,
  kind: EntityKind,
  from: number,
  to: number,
  documentIds: number[] | null,
): Promise<Touched> {
  const touched = emptyTouched();
  if (documentIds !== null && documentIds.length === 0) return touched;
  const fk = id(ENTITY_COLUMN[kind]);
  const scope = inDocuments(documentIds);
  await tx.$executeRaw`UPDATE "Name" SET ${fk} = ${to} WHERE ${fk} = ${from}${scope}`;
  await tx.$executeRaw`UPDATE "Mention" SET ${fk} = ${to} WHERE ${fk} = ${from}${scope}`;
  if (kind === 'MODEL') {
    await tx.$executeRaw`UPDATE "ModelFact" SET "modelId" = ${to} WHERE "modelId" = ${from}${scope}`;
  }
  for (const spec of RELATIONS[kind]) {
    const columns = Prisma.raw(['id', ...spec.others].map((c) => `"${c}"`).join(', '));
    const rows = await tx.$queryRaw<
      RelationRow[]
    >`SELECT ${columns} FROM ${id(spec.table)} WHERE ${id(spec.column)} = ${from}`;
    if (rows.length === 0) continue;
    const twins = await tx.$queryRaw<
      RelationRow[]
    >`SELECT ${columns} FROM ${id(spec.table)} WHERE ${id(spec.column)} = ${to}`;
    const keyOf = (row: Record<string, unknown>) =>
      spec.others.map((c) => String(row[c])).join('\u0000');
    const twinOf = new Map(twins.map((row) => [keyOf(row), Number(row.id)]));
    for (const row of rows) {
      const rowId = Number(row.id);
      let twin = twinOf.get(keyOf(row));
      if (twin === undefined && documentIds === null) {
        // Moving whole: the row itself changes ends and keeps its id.
        await tx.$executeRaw`UPDATE ${id(spec.table)} SET ${id(spec.column)} = ${to} WHERE "id" = ${rowId}`;
        touched[spec.touched].add(rowId);
        continue;
      }
      if (twin === undefined) {
        const stated = await tx.$queryRaw<
          { n: number | bigint }[]
        >`SELECT COUNT(*) AS "n" FROM "Mention" WHERE ${id(spec.mention)} = ${rowId}${scope}`;
        if (Number(stated[0]?.n ?? 0) === 0) continue;
        const values = Object.fromEntries([
          ...spec.others.map((c) => [c, row[c]]),
          [spec.column, to],
        ]);
        const [created] = await insertReturning(
          tx,
          spec.table,
          Object.keys(values),
          [values],
          ['id'],
        );
        twin = Number(created!.id);
        twinOf.set(keyOf(row), twin);
      }
      await tx.$executeRaw`UPDATE "Mention" SET ${id(spec.mention)} = ${twin} WHERE ${id(spec.mention)} = ${rowId}${scope}`;
      if (spec.table === 'ModelVersion') {
        await tx.$executeRaw`UPDATE "ModelFact" SET "modelVersionId" = ${twin} WHERE "modelVersionId" = ${rowId}${scope}`;
        touched.modelVersion.add(twin);
      }
      touched[spec.touched].add(rowId);
    }
  }
  touched[tableOf(kind)].add(from);
  await collectGarbage(tx, touched);
  await refreshDerived(tx, kind, [from, to], touched);
  return touched;
}

const TOUCHED_TABLE = {
  PERSON: 'person',
  INSTITUTION: 'institution',
  MODEL: 'model',
  CHALLENGE: 'challenge',
} as const;
const tableOf = (kind: EntityKind) => TOUCHED_TABLE[kind];

/** Names and model facts of the entities given (those gc left), derived again from their rows. */
export async function refreshDerived(tx: Tx, kind: EntityKind, ids: number[], touched: Touched) {
  // Entities gc removed have no row left: refreshNames and refreshModelFacts skip them.
  await refreshNames(tx, kind, ids);
  if (kind === 'MODEL') {
    const versions = await tx.modelVersion.findMany({
      where: { modelId: { in: ids } },
      select: { id: true },
    });
    await refreshModelFacts(tx, ids, [...versions.map((v) => v.id), ...touched.modelVersion]);
  }
}
