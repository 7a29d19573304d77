import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observePrismaCalls } from '../../src/db/observe.ts';
import { sqliteConnectionOf } from '../../src/db/sqlite-connection.ts';
import { insertReturning, insertRows } from '../../src/store/persist-rows.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

// Bulk rows are written on the transaction's own connection on SQLite (src/store/persist-rows.ts):
// they must land in the transaction Prisma opened, all or nothing, and never outside one.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const documentRow = (source: string) => ({
  source,
  title: source,
  format: 'text',
  encoding: 'utf-8',
  contentHash: source,
  text: '某银行行长表示，大模型存在幻觉问题。',
  ingestedAt: new Date('2026-12-04T00:00:00Z'),
});

async function sources() {
  const rows = await database.db.document.findMany({ select: { source: true } });
  return rows.map((r) => r.source).sort();
}

describe('bulk inserts in a graph transaction', () => {
  it('return the inserted rows with numeric ids and commit with the transaction', async () => {
    const { db } = database;
    const rows = await db.$transaction((tx) =>
      insertReturning(
        tx,
        'Document',
        Object.keys(documentRow('a')),
        [documentRow('a')],
        ['id', 'source'],
      ),
    );
    expect(rows).toEqual([{ id: expect.any(Number), source: 'a' }]);
    await insertNames(Number(rows[0]!.id));
    expect(await db.name.count({ where: { documentId: Number(rows[0]!.id) } })).toBe(2);
  });

  it('are rolled back with the transaction that wrote them', async () => {
    const { db } = database;
    const failing = db.$transaction(async (tx) => {
      const [row] = await insertReturning(
        tx,
        'Document',
        Object.keys(documentRow('b')),
        [documentRow('b')],
        ['id'],
      );
      await insertRows(
        tx,
        'Name',
        ['documentId', 'kind', 'name', 'key', 'strong'],
        [{ documentId: Number(row!.id), kind: 'PERSON', name: '李明', key: '李明', strong: true }],
      );
      throw new Error('the batch fails after its inserts');
    });
    await expect(failing).rejects.toThrow('the batch fails after its inserts');
    expect(await sources()).toEqual(['a']);
    expect(await db.name.count()).toBe(2);
  });

  it('refuse a transaction that has already ended', async () => {
    const { db } = database;
    let ended: Parameters<Parameters<typeof db.$transaction>[0]>[0] | undefined;
    await db.$transaction(async (tx) => {
      ended = tx;
    });
    await expect(
      insertReturning(
        ended!,
        'Document',
        Object.keys(documentRow('c')),
        [documentRow('c')],
        ['id'],
      ),
    ).rejects.toThrow();
    expect(await sources()).toEqual(['a']);
  });
});

describe.skipIf(testDialect() !== 'sqlite')('the SQLite connection under a client', () => {
  it('is the same for the client, an extension of it and its transactions', async () => {
    const { db } = database;
    await db.$queryRawUnsafe('SELECT 1');
    const connection = sqliteConnectionOf(db);
    expect(connection).toBeInstanceOf(Database);
    expect(connection!.inTransaction).toBe(false);
    const extended = observePrismaCalls(db, () => {});
    expect(sqliteConnectionOf(extended)).toBe(connection);
    await extended.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT 1');
      expect(sqliteConnectionOf(tx)).toBe(connection);
      expect(connection!.inTransaction).toBe(true);
    });
  });

  it('is unknown for an object that is not one of our clients', () => {
    expect(sqliteConnectionOf({})).toBeUndefined();
  });
});

async function insertNames(documentId: number) {
  await database.db.$transaction((tx) =>
    insertRows(
      tx,
      'Name',
      ['documentId', 'kind', 'name', 'key', 'strong'],
      [
        { documentId, kind: 'PERSON', name: '李明', key: '李明', strong: true },
        { documentId, kind: 'INSTITUTION', name: '某银行', key: '某银行', strong: false },
      ],
    ),
  );
}
