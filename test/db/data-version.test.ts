import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { type DataVersion, dataVersion } from '../../src/db/data-version.ts';
import { graphWriteTransaction } from '../../src/db/write-transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The data version is what the response cache, the HTTP validators and the relation index trust
// to tell them the graph changed, here through another client, as another process would.

let database: TestDatabase;
let writer: Db;
let version: DataVersion;

beforeAll(async () => {
  database = await createTestDatabase();
  writer = createPrismaClient(database.url);
  version = dataVersion(database.db);
  await version.ready;
});
afterAll(async () => {
  await version.close();
  await writer.$disconnect();
  await database.drop();
});

async function settled(before: number) {
  for (let tries = 0; tries < 100 && version.current() === before; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return version.current();
}

describe('the data version', () => {
  it('stays while nothing is written and moves with every commit of another client', async () => {
    const start = version.current();
    expect(version.current()).toBe(start);
    let last = start;
    for (const key of ['甲银行', '乙银行']) {
      await graphWriteTransaction(
        writer,
        (tx) => tx.institution.create({ data: { key, name: key } }),
        { timeoutMs: 10_000 },
      );
      const now = await settled(last);
      expect(now).not.toBe(last);
      expect(version.current()).toBe(now);
      last = now;
    }
  });
});
