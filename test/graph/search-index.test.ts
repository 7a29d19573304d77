import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeQuery, searchIndex } from '../../src/graph/search-index.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// The search index follows every write to the entity tables (triggers of the migration), and
// search reads the index, not the tables.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  app = createTestApp(database.db);
});
afterAll(() => database.drop());

async function found(query: string): Promise<string[]> {
  const result = await app.graphql<{ search: { edges: { node: { name: string } }[] } }>(
    'query($q: String!) { search(query: $q, first: 100) { edges { node { name } } } }',
    { q: query },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.search.edges.map((edge) => edge.node.name);
}

describe('the search index', () => {
  it('holds what was inserted, names and aliases', async () => {
    expect(await found('苏商银行')).toEqual(['江苏苏商银行']);
    expect(await found('黄副行长')).toEqual(['黄进']);
  });

  it('follows renames and new aliases, as refreshNames writes them', async () => {
    const huang = await database.db.person.findFirstOrThrow({ where: { name: '黄进' } });
    await database.db.person.update({
      where: { id: huang.id },
      data: { name: '黄进军', aliases: JSON.stringify(['黄总']) },
    });
    expect(await found('黄进军')).toEqual(['黄进军']);
    expect(await found('黄总')).toEqual(['黄进军']);
    expect(await found('黄副行长')).toEqual([]);
  });

  it('forgets deleted entities, and new ones are found at once', async () => {
    await database.db.model.deleteMany({ where: { name: '无名模型' } });
    expect(await found('无名模型')).toEqual([]);
    await database.db.institution.create({
      data: { key: '华东数智银行', name: '华东数智银行', aliases: '["数智银行"]', kind: 'bank' },
    });
    expect(await found('数智')).toEqual(['华东数智银行']);
  });

  it('is what search reads: emptied, it finds nothing; rebuilt, everything again', async () => {
    await database.db.$executeRawUnsafe('DELETE FROM "EntitySearch"');
    expect(await found('蚂蚁')).toEqual([]);
    await searchIndex.rebuild(database.db);
    expect(await found('蚂蚁')).toEqual(['蚂蚁集团']);
    expect(await found('黄总')).toEqual(['黄进军']);
  });

  it('matches a LIKE wildcard or a quote as plain text', async () => {
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
    expect(await found('"蚂蚁')).toEqual([]);
  });

  it('normalises queries as names are compared: full width, traditional, case, spaces', () => {
    expect(normalizeQuery(' ＧＰＴ－４ ')).toBe('gpt-4');
    expect(normalizeQuery('華東 數智')).toBe('华东数智');
  });
});
