import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// The queries the evaluation scorer sends (its CONTRACT.md), run through the whole HTTP pipeline.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let graphql: ReturnType<typeof createTestApp>['graphql'];

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  ({ graphql } = createTestApp(database.db));
});
afterAll(() => database.drop());

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Every node of a top-level connection, `first` at a time, following endCursor. */
async function readAll<T>(field: string, selection: string, first: number) {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const result = await graphql<Record<string, Page<T>>>(
      `query($first: Int, $after: String) {
        ${field}(first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges { node { ${selection} } }
        }
      }`,
      { first, after },
    );
    expect(result.errors).toBeUndefined();
    const connection: Page<T> = result.data![field]!;
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`${field} never reached its last page`);
}

const personSelection = `
  name aliases
  affiliations { role institution { name aliases } }
  challenges { name aliases }
  mentions(first: 3) { edges { node { snippet document { title } } } }`;

interface ContractPerson {
  name: string;
  aliases: string[];
  affiliations: { role: string; institution: { name: string; aliases: string[] } }[];
  challenges: { name: string; aliases: string[] }[];
  mentions: { edges: { node: { snippet: string; document: { title: string } } }[] };
}

describe('the scorer contract', () => {
  it('pages through people two at a time, with their roles, challenges and evidence', async () => {
    const people = await readAll<ContractPerson>('people', personSelection, 2);
    expect(people.map((person) => person.name)).toEqual(['黄进', '李耀', '徐万青']);
    const huang = people[0]!;
    expect(huang.aliases).toEqual(['黄副行长']);
    expect(huang.affiliations).toEqual([
      { role: '副行长', institution: { name: '江苏苏商银行', aliases: ['苏商银行'] } },
    ]);
    expect(huang.challenges).toEqual([{ name: '幻觉', aliases: ['幻觉问题'] }]);
    const evidence = huang.mentions.edges.map((edge) => edge.node);
    expect(evidence).toHaveLength(2);
    expect(evidence[0]).toEqual({
      snippet: '江苏苏商银行副行长黄进表示,幻觉问题仍待解决。',
      document: { title: '金融+大模型成行业趋势!各大金融机构进行了哪些尝试?迎来哪些挑战?' },
    });
    expect(evidence[1]!.document.title).toBe('苏商银行发布天衡大模型');
    expect(people[1]!.aliases).toEqual([]);
  });

  it('pages through institutions, models and challenges with every page size', async () => {
    for (const first of [1, 2, 100]) {
      const institutions = await readAll<{ name: string; aliases: string[] }>(
        'institutions',
        'name aliases',
        first,
      );
      expect(institutions).toEqual([
        { name: '江苏苏商银行', aliases: ['苏商银行'] },
        { name: '众邦银行', aliases: [] },
        { name: '蚂蚁集团', aliases: ['蚂蚁'] },
      ]);
      const models = await readAll('models', 'name aliases developer { name aliases }', first);
      expect(models).toEqual([
        {
          name: '天衡大模型',
          aliases: ['天衡'],
          developer: { name: '江苏苏商银行', aliases: ['苏商银行'] },
        },
        { name: '支小宝', aliases: [], developer: { name: '蚂蚁集团', aliases: ['蚂蚁'] } },
        { name: '无名模型', aliases: [], developer: null },
      ]);
      const challenges = await readAll('challenges', 'name aliases', first);
      expect(challenges).toEqual([
        { name: '幻觉', aliases: ['幻觉问题'] },
        { name: '算力成本', aliases: [] },
      ]);
    }
  });

  it('ends a page exactly at the last row without announcing another one', async () => {
    const result = await graphql<{ people: Page<{ name: string }> & { totalCount: number } }>(
      '{ people(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }',
    );
    expect(result.data!.people.totalCount).toBe(3);
    expect(result.data!.people.edges).toHaveLength(3);
    expect(result.data!.people.pageInfo.hasNextPage).toBe(false);
    const after = result.data!.people.pageInfo.endCursor;
    const rest = await graphql<{ people: Page<{ name: string }> }>(
      'query($after: String) { people(first: 3, after: $after) { pageInfo { hasNextPage } edges { node { name } } } }',
      { after },
    );
    expect(rest.data!.people).toEqual({ pageInfo: { hasNextPage: false }, edges: [] });
  });

  it('pages through documents, newest facts included', async () => {
    const documents = await readAll<{ title: string; publishedAt: string | null }>(
      'documents',
      'title publishedAt',
      1,
    );
    expect(documents).toEqual([
      {
        title: '金融+大模型成行业趋势!各大金融机构进行了哪些尝试?迎来哪些挑战?',
        publishedAt: '2024-09-15T00:00:00.000Z',
      },
      { title: '苏商银行发布天衡大模型', publishedAt: null },
    ]);
  });
});
