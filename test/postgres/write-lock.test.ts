import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GRAPH_WRITE_LOCK } from '../../src/db/postgres-locks.ts';
import { persistDocument, removeDocuments } from '../../src/store/persist.ts';
import { prepared } from '../support/build-extraction.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Graph writes take turns through one advisory lock per database: a write waits while any other
// session, in any process, holds it, and goes ahead, seeing what that one committed, once it is
// released. Readers never wait.

let database: TestDatabase;
let holder: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
});
afterAll(async () => {
  await holder.end();
  await database.drop();
});

/** Sessions waiting for the graph write lock. */
async function waiting(): Promise<number> {
  const { rows } = await holder.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted AND objid::bigint = $1`,
    [GRAPH_WRITE_LOCK],
  );
  return Number(rows[0]!.n);
}

const document = prepared(
  'a.txt',
  '招联消费金融股份有限公司首席信息官王耀南表示，招联重视大模型。',
  {
    people: [{ ref: 'p', names: ['王耀南'] }],
    institutions: [{ ref: 'i', names: ['招联消费金融股份有限公司', '招联'] }],
    affiliations: [['p', 'i', '首席信息官']],
  },
);

describe('the graph write lock', () => {
  it('holds a write back while another session has it, and lets it through after', async () => {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [GRAPH_WRITE_LOCK]);
    const writing = persistDocument(database.db, document);
    await vi.waitFor(async () => expect(await waiting()).toBe(1), { timeout: 10_000 });
    // Reading is not held back.
    expect(await database.db.document.count()).toBe(0);
    await holder.query('COMMIT');
    const stored = await writing;
    expect(await database.db.document.count()).toBe(1);
    expect(await database.db.person.count()).toBe(1);

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [GRAPH_WRITE_LOCK]);
    const removing = removeDocuments(database.db, [stored.documentId]);
    await vi.waitFor(async () => expect(await waiting()).toBe(1), { timeout: 10_000 });
    await holder.query('COMMIT');
    expect(await removing).toBe(1);
    expect(await database.db.person.count()).toBe(0);
  });
});
