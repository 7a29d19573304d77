import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIndex } from '../../src/graph/search-index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The PostgreSQL search index: the pg_trgm GIN index answers queries of three characters or
// more, Chinese included (the API tests check the hits themselves on both databases).

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.institution.createMany({
    data: [
      { key: 'a', name: '招联消费金融股份有限公司', aliases: '["招联"]' },
      { key: 'b', name: 'GPT-4 Lab', aliases: '[]' },
    ],
  });
});
afterAll(() => database.drop());

/** The plan PostgreSQL picks for the search of `query` when it may not scan the table. */
async function planOf(query: string): Promise<string> {
  return database.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT "entityId" FROM "EntitySearch" WHERE "terms" LIKE $1`,
      `%${query}%`,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('the pg_trgm search index', () => {
  it('answers Chinese and Latin queries of three characters or more from the index', async () => {
    expect(await planOf('招联消')).toMatch(/Index Scan on "EntitySearch_terms_trgm"/);
    expect(await planOf('gpt-4')).toMatch(/Index Scan on "EntitySearch_terms_trgm"/);
    const { hits } = await searchIndex.search(database.db, {
      query: '招联消',
      limit: 5,
      offset: 0,
    });
    expect(hits).toEqual([{ kind: 'INSTITUTION', id: 1, match: 'PREFIX' }]);
  });

  it('ranks an exact alias before a prefix, both before a substring', async () => {
    await database.db.institution.create({
      data: { key: 'c', name: '深圳招联科技', aliases: '[]' },
    });
    const { hits, total } = await searchIndex.search(database.db, {
      query: '招联',
      limit: 5,
      offset: 0,
    });
    expect(total).toBe(2);
    expect(hits.map((hit) => hit.match)).toEqual(['EXACT', 'SUBSTRING']);
  });
});
