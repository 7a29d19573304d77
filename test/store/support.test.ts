import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphWriteTransaction } from '../../src/db/write-transaction.ts';
import { refreshSupport } from '../../src/store/support.ts';
import { createTestDatabase } from '../support/database.ts';

// The support of a batch's rows is recomputed in one transaction, whatever their number: a batch
// of 100 news documents touches more rows than SQLite binds in one statement (999), and such a
// batch used to fail (P2029) and be stored again one document per transaction.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('refreshSupport', () => {
  it('recomputes more rows than one statement may bind', { timeout: 60_000 }, async () => {
    const { db } = database;
    const count = 1_500;
    const document = await db.document.create({
      data: {
        source: 'many.txt',
        title: '名录',
        format: 'txt',
        encoding: 'utf-8',
        contentHash: 'h',
        text: '名录',
      },
    });
    await db.person.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        key: `人${i}`,
        name: `人${i}`,
        aliases: '[]',
        confidence: 0.5,
        basis: 'pattern',
      })),
    });
    const people = await db.person.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    await db.mention.createMany({
      data: people.map(({ id }, i) => ({
        documentId: document.id,
        kind: 'PERSON',
        start: i,
        end: i + 1,
        surface: '人',
        snippet: '人',
        snippetStart: 0,
        confidence: 0.9,
        basis: 'title_after',
        personId: id,
      })),
    });

    const ids = people.map((p) => p.id);
    const written = await graphWriteTransaction(db, (tx) => refreshSupport(tx, 'person', ids), {
      timeoutMs: 60_000,
    });

    expect(written).toBe(count);
    expect(await db.person.count({ where: { confidence: 0.9, basis: 'title_after' } })).toBe(count);
  });
});
