import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// Every relation of the graph read from both of its ends, and nodes refetched by global ID.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let graphql: ReturnType<typeof createTestApp>['graphql'];

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  ({ graphql } = createTestApp(database.db));
});
afterAll(() => database.drop());

/** The data of an operation that must succeed, the nested connections below as lists. */
async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await graphql<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return asLists(result.data) as T;
}

const CONNECTIONS = new Set([
  'people',
  'models',
  'documents',
  'raised',
  'affiliations',
  'developments',
]);

/** `{ edges { node } }` of the nested connections above replaced by the list of their nodes. */
function asLists(value: unknown, key = '', depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => asLists(item, '', depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (depth > 1 && CONNECTIONS.has(key) && Object.keys(object).join() === 'edges') {
    return (object.edges as { node: unknown }[]).map((edge) => asLists(edge.node, '', depth + 1));
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, asLists(v, k, depth + 1)]));
}

const page = (selection: string) => `(first: 10) { edges { node { ${selection} } } }`;

/** The global ID of the one entity of `field` that `search` finds. */
async function idOf(field: string, search: string): Promise<string> {
  const result = await data<Record<string, { edges: { node: { id: string } }[] }>>(
    `query($search: String) { ${field}(first: 2, name: $search) { edges { node { id } } } }`,
    { search },
  );
  const edges = result[field]!.edges;
  expect(edges).toHaveLength(1);
  return edges[0]!.node.id;
}

const names = (list: { name: string }[]) => list.map((item) => item.name);

describe('relations, both ways', () => {
  it('person ↔ affiliation ↔ institution', async () => {
    const { node: huang } = await data<{
      node: {
        affiliations: {
          role: string;
          person: { name: string };
          institution: {
            name: string;
            category: string;
            people: { name: string }[];
            affiliations: { role: string; person: { name: string } }[];
          };
        }[];
      };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Person { affiliations {
        role person { name }
        institution { name category people${page('name')} affiliations${page('role person { name }')} }
      } } } }`,
      { id: await idOf('people', '黄进') },
    );
    expect(huang.affiliations).toEqual([
      {
        role: '副行长',
        person: { name: '黄进' },
        institution: {
          name: '江苏苏商银行',
          category: 'BANK',
          people: [{ name: '黄进' }],
          affiliations: [{ role: '副行长', person: { name: '黄进' } }],
        },
      },
    ]);
  });

  it('model ↔ development ↔ institution, the best-supported developer first', async () => {
    const { node: tianheng } = await data<{ node: Record<string, unknown> }>(
      `query($id: ID!) { node(id: $id) { ... on Model {
        name parameters parameterCount
        developer { name }
        developers { name models${page('name')} }
        developments { supportCount model { name } institution { name developments${page('model { name }')} } }
      } } }`,
      { id: await idOf('models', '天衡') },
    );
    expect(tianheng).toEqual({
      name: '天衡大模型',
      parameters: '130亿',
      parameterCount: 13e9,
      developer: { name: '江苏苏商银行' },
      developers: [
        { name: '江苏苏商银行', models: [{ name: '天衡大模型' }] },
        { name: '蚂蚁集团', models: [{ name: '天衡大模型' }, { name: '支小宝' }] },
      ],
      developments: [
        {
          supportCount: 2,
          model: { name: '天衡大模型' },
          institution: { name: '江苏苏商银行', developments: [{ model: { name: '天衡大模型' } }] },
        },
        {
          supportCount: 1,
          model: { name: '天衡大模型' },
          institution: {
            name: '蚂蚁集团',
            developments: [{ model: { name: '天衡大模型' } }, { model: { name: '支小宝' } }],
          },
        },
      ],
    });
  });

  it('model ↔ versions', async () => {
    const { node } = await data<{ node: Record<string, unknown> }>(
      `query($id: ID!) { node(id: $id) { ... on Model { releasedAt versions {
        version parameters parameterCount releasedAt model { name }
        mentions(first: 5) { totalCount edges { node { kind surface modelVersion { version } } } }
      } } } }`,
      { id: await idOf('models', '支小宝') },
    );
    expect(node).toEqual({
      releasedAt: '2023-09',
      versions: [
        {
          version: '2.0',
          parameters: '百亿',
          parameterCount: 1e10,
          releasedAt: null,
          model: { name: '支小宝' },
          mentions: {
            totalCount: 1,
            edges: [
              { node: { kind: 'VERSION', surface: '支小宝2.0', modelVersion: { version: '2.0' } } },
            ],
          },
        },
      ],
    });
  });

  it('person ↔ raised ↔ challenge', async () => {
    const { node: hallucination } = await data<{ node: Record<string, unknown> }>(
      `query($id: ID!) { node(id: $id) { ... on Challenge {
        key label description
        people${page('name challenges { name }')}
        raised${page('person { name } challenge { name } mentions(first: 1) { edges { node { snippet } } }')}
      } } }`,
      { id: await idOf('challenges', '幻觉') },
    );
    expect(hallucination).toEqual({
      key: 'hallucination',
      label: '幻觉',
      description: '模型生成与事实不符的内容',
      people: [
        { name: '黄进', challenges: [{ name: '幻觉' }] },
        { name: '李耀', challenges: [{ name: '幻觉' }] },
      ],
      raised: [
        {
          person: { name: '黄进' },
          challenge: { name: '幻觉' },
          mentions: {
            edges: [{ node: { snippet: '江苏苏商银行副行长黄进表示,幻觉问题仍待解决。' } }],
          },
        },
        {
          person: { name: '李耀' },
          challenge: { name: '幻觉' },
          mentions: {
            edges: [{ node: { snippet: '众邦银行首席信息官李耀认为,大模型存在幻觉。' } }],
          },
        },
      ],
    });
  });

  it('document ↔ the entities it names, and mention ↔ its subject', async () => {
    const { documents } = await data<{
      documents: { edges: { node: Record<string, unknown> }[] };
    }>(`{
      documents(first: 1) { edges { node {
        title publisher source format
        people { name documents${page('title')} }
        institutions { name }
        models { name }
        challenges { name documents${page('source')} }
        mentions(first: 100) { totalCount edges { node {
          kind start end surface publishedAt document { source }
          person { name } institution { name } model { name } challenge { name }
          affiliation { role } development { model { name } } raised { challenge { name } }
        } } }
      } } }
    }`);
    const roundtable = documents.edges[0]!.node as {
      title: string;
      people: { name: string; documents: { title: string }[] }[];
      institutions: { name: string }[];
      models: { name: string }[];
      challenges: { name: string; documents: { source: string }[] }[];
      mentions: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    };
    expect(names(roundtable.people)).toEqual(['黄进', '李耀', '徐万青']);
    expect(roundtable.people[0]!.documents.map((d) => d.title)).toEqual([
      roundtable.title,
      '苏商银行发布天衡大模型',
    ]);
    expect(names(roundtable.institutions)).toEqual(['江苏苏商银行', '众邦银行', '蚂蚁集团']);
    expect(names(roundtable.models)).toEqual(['支小宝']);
    expect(roundtable.challenges).toEqual([
      { name: '幻觉', documents: [{ source: 'finance-llm-roundtable-2024.txt' }] },
      { name: '算力成本', documents: [{ source: 'finance-llm-roundtable-2024.txt' }] },
    ]);

    const mentions = roundtable.mentions.edges.map((edge) => edge.node);
    expect(roundtable.mentions.totalCount).toBe(17);
    expect(mentions).toHaveLength(17);
    const starts = mentions.map((mention) => mention.start as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const subjectOf = (kind: string) => mentions.find((mention) => mention.kind === kind)!;
    expect(subjectOf('PERSON')).toMatchObject({ surface: '黄进', person: { name: '黄进' } });
    expect(subjectOf('AFFILIATION')).toMatchObject({
      affiliation: { role: '副行长' },
      person: null,
    });
    expect(subjectOf('DEVELOPMENT')).toMatchObject({ development: { model: { name: '支小宝' } } });
    expect(subjectOf('RAISED')).toMatchObject({ raised: { challenge: { name: '幻觉' } } });
    expect(subjectOf('MODEL')).toMatchObject({
      model: { name: '支小宝' },
      publishedAt: '2024-09-15T00:00:00.000Z',
      document: { source: 'finance-llm-roundtable-2024.txt' },
    });
  });

  it('pages through an entity’s mentions', async () => {
    const id = await idOf('institutions', '蚂蚁');
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        node,
      }: {
        node: {
          mentions: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { surface: string; document: { source: string } } }[];
          };
        };
      } = await data(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Institution {
            mentions(first: 1, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { surface document { source } } }
            }
          } } }`,
        { id, after },
      );
      expect(node.mentions.totalCount).toBe(2);
      seen.push(
        ...node.mentions.edges.map((edge) => `${edge.node.document.source}:${edge.node.surface}`),
      );
      if (!node.mentions.pageInfo.hasNextPage) break;
      after = node.mentions.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'finance-llm-roundtable-2024.txt:蚂蚁集团',
      'bank-tianheng-llm-launch-2024.html:蚂蚁集团',
    ]);
  });
});

describe('global IDs', () => {
  it('refetches every kind of node by the id it was listed with', async () => {
    const listed = await data<
      Record<string, { edges: { node: { id: string; __typename: string } }[] }>
    >(`{
      people(first: 1) { edges { node { id __typename } } }
      institutions(first: 1) { edges { node { id __typename } } }
      models(first: 1) { edges { node { id __typename } } }
      challenges(first: 1) { edges { node { id __typename } } }
      documents(first: 1) { edges { node { id __typename } } }
    }`);
    const listedNodes = Object.values(listed).map((connection) => connection.edges[0]!.node);
    for (const { id, __typename } of listedNodes) {
      const { node } = await data<{ node: { id: string; __typename: string } }>(
        'query($id: ID!) { node(id: $id) { id __typename } }',
        { id },
      );
      expect(node).toEqual({ id, __typename });
    }
    const { nodes } = await data<{ nodes: { id: string; __typename: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }',
      { ids: listedNodes.map((node) => node.id) },
    );
    expect(nodes).toEqual(listedNodes);
    expect(new Set(nodes.map((node) => node.__typename))).toEqual(
      new Set(['Person', 'Institution', 'Model', 'Challenge', 'Document']),
    );
  });

  it('reads the ids of relation nodes back too', async () => {
    const { people } = await data<{
      people: {
        edges: {
          node: {
            affiliations: { id: string; role: string }[];
            mentions: { edges: { node: { id: string; snippet: string } }[] };
          };
        }[];
      };
    }>(
      '{ people(first: 1) { edges { node { affiliations { id role } mentions(first: 1) { edges { node { id snippet } } } } } } }',
    );
    const person = people.edges[0]!.node;
    const affiliation = person.affiliations[0]!;
    const mention = person.mentions.edges[0]!.node;
    const { a, m } = await data<{ a: { role: string }; m: { snippet: string } }>(
      'query($a: ID!, $m: ID!) { a: node(id: $a) { ... on Affiliation { role } } m: node(id: $m) { ... on Mention { snippet } } }',
      { a: affiliation.id, m: mention.id },
    );
    expect(a).toEqual({ role: affiliation.role });
    expect(m).toEqual({ snippet: mention.snippet });
  });

  it('answers null for an entity that is gone', async () => {
    const id = Buffer.from('Person:999999').toString('base64');
    expect(await data('query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({ node: null });
  });
});
