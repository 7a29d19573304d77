import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOfClient } from '../../src/db/client.ts';
import { observePrismaCalls } from '../../src/db/observe.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

// The client behaves the same on both databases where the code relies on it.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.institution.createMany({
    data: [
      { key: 'gpt-lab', name: 'GPT Lab', aliases: '["Gpt实验室"]' },
      { key: 'abc', name: 'ab', aliases: '[]' },
      { key: 'upper', name: 'AC', aliases: '[]' },
      { key: 'cn', name: '招联', aliases: '[]' },
    ],
  });
});
afterAll(() => database.drop());

describe('the Prisma client', () => {
  it('knows its database, as an extension and inside a transaction too', async () => {
    const { db } = database;
    const extended = observePrismaCalls(db, () => {});
    expect(dialectOfClient(db)).toBe(testDialect());
    expect(dialectOfClient(extended)).toBe(testDialect());
    await extended.$transaction(async (tx) => {
      expect(dialectOfClient(tx)).toBe(testDialect());
    });
  });

  it('matches contains, startsWith and endsWith ignoring the case of Latin letters', async () => {
    const names = async (where: object) =>
      (await database.db.institution.findMany({ where, orderBy: { id: 'asc' } })).map(
        (i) => i.name,
      );
    expect(await names({ name: { contains: 'gpt' } })).toEqual(['GPT Lab']);
    expect(await names({ name: { startsWith: 'gpt l' } })).toEqual(['GPT Lab']);
    expect(await names({ name: { endsWith: 'LAB' } })).toEqual(['GPT Lab']);
    expect(await names({ OR: [{ aliases: { contains: 'gpt实验' } }] })).toEqual(['GPT Lab']);
    expect(await names({ name: { equals: 'gpt lab' } })).toEqual([]);
  });

  it('sorts names in code-point order', async () => {
    const sorted = await database.db.institution.findMany({ orderBy: { name: 'asc' } });
    expect(sorted.map((i) => i.name)).toEqual(['AC', 'GPT Lab', 'ab', '招联']);
  });
});
