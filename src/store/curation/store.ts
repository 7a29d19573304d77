import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { graphWriteTransaction } from '../../db/write-transaction.ts';
import { ENTITY_COLUMN } from '../../domain/entities.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { keysOf } from '../identify.ts';
import { persistBatch, removeDocumentsIn } from '../persist.ts';

import { type ReplayReport, replayCurations } from './apply.ts';
import { type Change, type EntityRef, endsOf, subjectsOf } from './change.ts';
import { findEntity } from './entities.ts';

// Making and undoing curations. Both are one graph write transaction (src/db/write-transaction.ts):
// a curation is recorded and every curation applied again (src/store/curation/apply.ts), so the graph
// never shows it half done, and the commit tells caches the graph changed, as a seed's does.

type Tx = Prisma.TransactionClient;
export type CurationRow = Prisma.CurationGetPayload<object>;

/** A curation refused: nothing was written, `message` says why (the API's BAD_USER_INPUT). */
export class CurationRefused extends Error {}

const TIMEOUT_MS = 120_000;

/** Where a note added as evidence is stored: a source no folder holds, so seeds leave it alone. */
export const noteSource = (curationId: number) => `curation:${curationId}`;

export interface NewCuration {
  change: Change;
  curator: string;
  reason?: string | null;
  /** ADD_FACT: the curator's note, stored as the fact's evidence. */
  note?: string;
}

async function recordSubjects(tx: Tx, curationId: number, change: Change) {
  const seen = new Set<string>();
  for (const { kind, key } of subjectsOf(change)) {
    if (seen.has(`${kind}:${key}`)) continue;
    seen.add(`${kind}:${key}`);
    await tx.curationSubject.create({ data: { curationId, kind, key } });
  }
}

/**
 * Records a curation and applies it at once. Refused (CurationRefused, nothing written) when it
 * does not apply to the graph as it is.
 */
export async function makeCuration(db: Db, input: NewCuration): Promise<CurationRow> {
  return graphWriteTransaction(
    db,
    async (tx) => {
      let row = await tx.curation.create({
        data: {
          action: input.change.action,
          change: JSON.stringify(input.change),
          curator: input.curator,
          reason: input.reason ?? null,
        },
      });
      if (input.change.action === 'ADD_FACT') {
        const note = input.note ?? input.change.note;
        const source = noteSource(row.id);
        await tx.document.create({
          data: {
            source,
            title: `Note by ${input.curator} (curation ${row.id})`,
            format: 'note',
            encoding: 'utf-8',
            contentHash: createHash('sha256').update(note).digest('hex'),
            text: note,
          },
        });
        row = await tx.curation.update({
          where: { id: row.id },
          data: { change: JSON.stringify({ ...input.change, note, document: source }) },
        });
      }
      await recordSubjects(tx, row.id, input.change);
      const report = await replayCurations(tx);
      const failed = report.notApplying.find((c) => c.id === row.id);
      if (failed) throw new CurationRefused(`The curation does not apply: ${failed.problem}.`);
      return tx.curation.findUniqueOrThrow({ where: { id: row.id } });
    },
    { timeoutMs: TIMEOUT_MS },
  );
}

/** The entities whose documents are extracted again when a curation is undone. */
function undoScope(change: Change): Pick<EntityRef, 'kind' | 'key'>[] {
  if (change.action === 'SPLIT_ALIAS') {
    // The alias split off may name an entity of its own by now: its documents too.
    const [key] = keysOf(change.entity.kind, change.alias);
    return key === undefined ? [change.entity] : [change.entity, { kind: change.entity.kind, key }];
  }
  // Every document that states a fact names its first end: its documents are enough.
  if ('fact' in change) return [endsOf(change.fact)[0]];
  return subjectsOf(change);
}

/** The seeded documents (not curators' notes) that name or mention the entities given. */
async function documentsOf(db: Db, refs: Pick<EntityRef, 'kind' | 'key'>[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const ref of refs) {
    const entity = await findEntity(db as unknown as Tx, ref);
    if (entity === null) continue;
    const where = { [ENTITY_COLUMN[ref.kind]]: entity };
    const [names, mentions] = await Promise.all([
      db.name.findMany({ where, select: { documentId: true }, distinct: ['documentId'] }),
      db.mention.findMany({ where, select: { documentId: true }, distinct: ['documentId'] }),
    ]);
    for (const row of [...names, ...mentions]) ids.add(row.documentId);
  }
  if (ids.size === 0) return [];
  const seeded = await db.document.findMany({
    where: { id: { in: [...ids] }, format: { not: 'note' } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return seeded.map((d) => d.id);
}

/**
 * Undoes a curation: it is marked undone (by whom, when) and what it changed comes back as the
 * documents state it. The documents that name its entities are extracted again from their stored
 * text and written in one transaction with the mark, every other curation applied again after
 * them: an undone merge gives the removed entity back, an undone rejection the fact. An added
 * fact's note document is removed instead.
 */
export async function undoCuration(db: Db, id: number, curator: string): Promise<CurationRow> {
  const row = await db.curation.findUnique({ where: { id } });
  if (row === null) throw new CurationRefused(`No curation ${id}.`);
  if (row.undoneAt !== null) throw new CurationRefused(`Curation ${id} was undone already.`);
  const change = JSON.parse(row.change) as Change;
  const mark = async (tx: Tx) => {
    const { count } = await tx.curation.updateMany({
      where: { id, undoneAt: null },
      data: { undoneAt: new Date(), undoneBy: curator },
    });
    if (count === 0) throw new CurationRefused(`Curation ${id} was undone already.`);
    await tx.mergedEntity.deleteMany({ where: { curationId: id } });
  };
  if (change.action === 'ADD_FACT') {
    await graphWriteTransaction(
      db,
      async (tx) => {
        await mark(tx);
        const note = await tx.document.findUnique({ where: { source: change.document } });
        if (note) await removeDocumentsIn(tx, [note.id]);
        else await replayCurations(tx);
      },
      { timeoutMs: TIMEOUT_MS },
    );
  } else {
    const { prepareStored } = await import('./reextract.ts');
    const documentIds = await documentsOf(db, undoScope(change));
    const prepared = await prepareStored(db, documentIds);
    const before = async (tx: Tx) => {
      await mark(tx);
      if (change.action === 'SET_INSTITUTION_CATEGORY') {
        // The extracted category is found again by the extraction: persist only upgrades 'other'.
        const institution = await findEntity(tx, change.institution);
        if (institution !== null) {
          await tx.institution.update({ where: { id: institution }, data: { kind: 'other' } });
        }
      }
    };
    if (prepared.length > 0) await persistBatch(db, prepared, { before, timeoutMs: TIMEOUT_MS });
    else {
      await graphWriteTransaction(
        db,
        async (tx) => {
          await before(tx);
          await replayCurations(tx);
        },
        { timeoutMs: TIMEOUT_MS },
      );
    }
  }
  return db.curation.findUniqueOrThrow({ where: { id } });
}

/** Applies every curation in force again, in a transaction of its own (after a seed, say). */
export function reapplyCurations(db: Db): Promise<ReplayReport> {
  return graphWriteTransaction(db, replayCurations, { timeoutMs: TIMEOUT_MS });
}
