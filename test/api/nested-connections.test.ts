import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// The lists that grow with the corpus are connections: paged with the top-level limit, counted,
// and a row named twice (a person with two roles, an entity with two names in one document)
// is one item on one page.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>;
let graph: Awaited<ReturnType<typeof insertSmallGraph>>;

beforeAll(async () => {
  database = await createTestDatabase();
  graph = await insertSmallGraph(database.db);
  const { db } = database;
  const { huang, li } = graph.people;
  const { sushang } = graph.institutions;
  // 黄进 holds a second role at 苏商银行, and 李耀 one there too: three affiliations, two people.
  await db.affiliation.create({
    data: { personId: huang.id, institutionId: sushang.id, role: '首席风险官' },
  });
  await db.affiliation.create({
    data: { personId: li.id, institutionId: sushang.id, role: '顾问' },
  });
  // 黄进 is named twice in the roundtable (黄进, 黄副行长) and once in the launch.
  await db.name.create({
    data: {
      documentId: graph.documents.roundtable.id,
      kind: 'PERSON',
      name: '黄副行长',
      key: '黄副行长',
      strong: false,
      personId: huang.id,
    },
  });
  app = createTestApp(database.db);
});
afterAll(() => database.drop());

async function data<T>(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Every item of a nested connection, one item a page. */
async function pageThrough<T>(query: string, pick: (data: never) => Page<T>) {
  const items: T[] = [];
  let after: string | null = null;
  let total = -1;
  for (let i = 0; i < 10; i++) {
    const page = pick((await data(query, { after })) as never);
    total = page.totalCount;
    items.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { items, total };
}

const pageFields = 'totalCount pageInfo { hasNextPage endCursor }';

describe('nested connections', () => {
  it('pages an institution’s people one person at a time, whatever their roles', async () => {
    const id = encodeGlobalID('Institution', graph.institutions.sushang.id);
    const { items, total } = await pageThrough<{ name: string }>(
      `query($after: String) { node(id: "${id}") { ... on Institution {
        people(first: 1, after: $after) { ${pageFields} edges { node { name } } }
      } } }`,
      (d: { node: { people: Page<{ name: string }> } }) => d.node.people,
    );
    expect(items.map((p) => p.name)).toEqual(['黄进', '李耀']);
    expect(total).toBe(2);
  });

  it('pages an entity’s documents one document at a time, however often it is named', async () => {
    const id = encodeGlobalID('Person', graph.people.huang.id);
    const { items, total } = await pageThrough<{ title: string }>(
      `query($after: String) { node(id: "${id}") { ... on Person {
        documents(first: 1, after: $after) { ${pageFields} edges { node { title } } }
      } } }`,
      (d: { node: { documents: Page<{ title: string }> } }) => d.node.documents,
    );
    expect(items.map((d) => d.title)).toEqual([
      graph.documents.roundtable.title,
      graph.documents.launch.title,
    ]);
    expect(total).toBe(2);
  });

  it('pages affiliations, models, a challenge’s people and raised, with counts', async () => {
    const institution = encodeGlobalID('Institution', graph.institutions.ant.id);
    const challenge = encodeGlobalID('Challenge', graph.challenges.hallucination.id);
    const result = await data<{
      institution: { affiliations: Page<{ role: string }>; models: Page<{ name: string }> };
      challenge: { people: Page<{ name: string }>; raised: Page<{ person: { name: string } }> };
    }>(`{
      institution: node(id: "${institution}") { ... on Institution {
        affiliations(first: 5) { ${pageFields} edges { node { role } } }
        models(first: 1) { ${pageFields} edges { node { name } } }
      } }
      challenge: node(id: "${challenge}") { ... on Challenge {
        people(first: 5) { ${pageFields} edges { node { name } } }
        raised(first: 1) { ${pageFields} edges { node { person { name } } } }
      } }
    }`);
    expect(result.institution.affiliations.edges.map((e) => e.node.role)).toEqual([
      '金融AI首席架构师',
    ]);
    expect(result.institution.models).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { name: '天衡大模型' } }],
    });
    expect(result.challenge.people.edges.map((e) => e.node.name)).toEqual(['黄进', '李耀']);
    expect(result.challenge.people.totalCount).toBe(2);
    expect(result.challenge.raised).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { person: { name: '黄进' } } }],
    });
  });

  it('refuses a nested page above the top-level limit', async () => {
    const id = encodeGlobalID('Institution', graph.institutions.ant.id);
    const result = await app.graphql(
      `{ node(id: "${id}") { ... on Institution { people(first: 101) { totalCount } } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_TOO_LARGE');
  });
});
