import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/api/schema/examples.ts';
import { seededDevCorpus } from '../support/seeded-corpus.ts';

// Search, filters and the dated lookups over HTTP, on the whole dev corpus seeded. The facts
// checked are those of the corpus' gold annotations (test/fixtures/dev/*.gold.json).

let corpus: Awaited<ReturnType<typeof seededDevCorpus>>;

beforeAll(async () => {
  corpus = await seededDevCorpus();
});
afterAll(() => corpus.database.drop());

interface Hit {
  match: 'EXACT' | 'PREFIX' | 'SUBSTRING';
  matchedName: string;
  node: { __typename: string; name: string; aliases: string[]; kind: string };
}

async function search(query: string, extra = '') {
  const { search } = await corpus.data<{ search: { totalCount: number; edges: Hit[] } }>(
    `query($q: String!) { search(query: $q${extra}) {
      totalCount edges { match matchedName node { __typename name aliases kind } }
    } }`,
    { q: query },
  );
  return search;
}

const RANK = { EXACT: 0, PREFIX: 1, SUBSTRING: 2 };

describe('search', () => {
  it('finds an institution by a two-character alias, exact hits before prefix hits', async () => {
    const { edges } = await search('招联');
    expect(edges[0]).toEqual({
      match: 'EXACT',
      matchedName: '招联',
      node: expect.objectContaining({
        __typename: 'Institution',
        kind: 'INSTITUTION',
        name: '招联消费金融股份有限公司',
      }),
    });
    expect(edges).toContainEqual(
      expect.objectContaining({
        match: 'PREFIX',
        node: expect.objectContaining({ name: '招联智鹿' }),
      }),
    );
  });

  it('finds a challenge by its Chinese name, and a model in any letter case', async () => {
    expect((await search('幻觉')).edges[0]).toMatchObject({
      match: 'EXACT',
      node: { __typename: 'Challenge', name: '幻觉' },
    });
    expect((await search('gpt-4')).edges[0]).toMatchObject({
      match: 'EXACT',
      matchedName: 'GPT-4',
      node: { __typename: 'Model', name: 'GPT-4' },
    });
  });

  it('uses the trigram index for three characters or more, traditional characters folded', async () => {
    expect((await search('数智银行')).edges[0]).toMatchObject({
      match: 'EXACT',
      matchedName: '数智银行',
      node: { name: '华东数智银行股份有限公司' },
    });
    expect((await search('華東數智')).edges[0]).toMatchObject({
      match: 'PREFIX',
      matchedName: '华东数智银行股份有限公司',
    });
    const substring = await search('消费金融');
    expect(substring.edges.map((e) => e.node.name)).toEqual(
      expect.arrayContaining(['招联消费金融股份有限公司', '云帆消费金融股份有限公司']),
    );
  });

  it('ranks exact > prefix > substring and pages through every hit once', async () => {
    const all = await search('银行', ', first: 100');
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.totalCount).toBeGreaterThan(3);
    const ranks = all.edges.map((edge) => RANK[edge.match]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const {
        search: result,
      }: {
        search: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { name: string } }[];
        };
      } = await corpus.data(
        `query($after: String) { search(query: "银行", first: 2, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { name } }
          } }`,
        { after },
      );
      seen.push(...result.edges.map((edge) => edge.node.name));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((edge) => edge.node.name));
  });

  it('keeps to the kinds asked for', async () => {
    const models = await search('天衡', ', kinds: [MODEL]');
    expect(models.edges.map((edge) => edge.node.__typename)).toEqual(['Model']);
    expect((await search('天衡', ', kinds: [CHALLENGE]')).totalCount).toBe(0);
  });

  it('refuses an empty or overlong query with a stable code', async () => {
    for (const query of ['   ', '长'.repeat(101)]) {
      const { errors } = await corpus.app.graphql(
        'query($q: String!) { search(query: $q) { totalCount } }',
        {
          q: query,
        },
      );
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });
});

interface Named {
  name: string;
}
const names = (connection: { edges: { node: Named }[] }) =>
  connection.edges.map((e) => e.node.name);

describe('filters and order on the top-level connections', () => {
  it('filters people by name, document and period', async () => {
    const { byName } = await corpus.data<{ byName: { edges: { node: Named }[] } }>(
      '{ byName: people(name: "欧阳", first: 10) { edges { node { name } } } }',
    );
    expect(names(byName)).toEqual(['欧阳明远']);

    const { documents } = await corpus.data<{ documents: { edges: { node: { id: string } }[] } }>(
      '{ documents(title: "天衡", first: 1) { edges { node { id } } } }',
    );
    const launch = documents.edges[0]!.node.id;
    const { inLaunch, in2025 } = await corpus.data<Record<string, { edges: { node: Named }[] }>>(
      `query($doc: ID!) {
        inLaunch: people(document: $doc, first: 100) { edges { node { name } } }
        in2025: people(from: "2025-01-01T00:00:00Z", to: "2025-12-31T23:59:59Z", first: 100) { edges { node { name } } }
      }`,
      { doc: launch },
    );
    expect(names(inLaunch!)).toEqual(expect.arrayContaining(['欧阳明远', '沈嘉禾', '顾婉清']));
    expect(names(inLaunch!)).not.toContain('俞晓岚');
    // 欧阳明远 speaks in 2024 only; 俞晓岚, of the same bank, in 2025.
    expect(names(in2025!)).toContain('俞晓岚');
    expect(names(in2025!)).not.toContain('欧阳明远');
  });

  it('filters institutions by category, with a totalCount that matches', async () => {
    const { institutions } = await corpus.data<{
      institutions: { totalCount: number; edges: { node: { name: string; category: string } }[] };
    }>(
      '{ institutions(category: [BANK, INSURER], first: 100) { totalCount edges { node { name category } } } }',
    );
    expect(institutions.totalCount).toBe(institutions.edges.length);
    expect(new Set(institutions.edges.map((e) => e.node.category))).toEqual(
      new Set(['BANK', 'INSURER']),
    );
    expect(names(institutions)).toEqual(
      expect.arrayContaining(['华东数智银行股份有限公司', '鹤年人寿保险股份有限公司']),
    );
  });

  it('orders by name and by mentions, and pages in that order', async () => {
    const { byName, byMentions } = await corpus.data<{
      byName: { edges: { node: Named }[] };
      byMentions: { edges: { node: { mentions: { totalCount: number } } }[] };
    }>(`{
      byName: models(orderBy: [{ field: NAME }], first: 100) { edges { node { name } } }
      byMentions: models(orderBy: [{ field: MENTION_COUNT, direction: DESC }], first: 100) { edges { node { mentions { totalCount } } } }
    }`);
    const sorted = names(byName);
    expect(sorted).toEqual([...sorted].sort());
    const counts = byMentions.edges.map((e) => e.node.mentions.totalCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        models,
      }: {
        models: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Named }[] };
      } = await corpus.data(
        'query($after: String) { models(orderBy: [{ field: NAME }], first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }',
        { after },
      );
      paged.push(...names(models));
      if (!models.pageInfo.hasNextPage) break;
      after = models.pageInfo.endCursor;
    }
    expect(paged).toEqual(sorted);
  });

  it('lists documents newest first, by the entities they name, and in a period', async () => {
    const id = await corpus.idOf('欧阳明远');
    const { newest, naming, inQ1 } = await corpus.data<
      Record<string, { edges: { node: { title: string; publishedAt: string } }[] }>
    >(
      `query($id: ID!) {
        newest: documents(orderBy: [{ field: PUBLISHED_AT, direction: DESC }], first: 100) { edges { node { title publishedAt } } }
        naming: documents(mentioning: $id, first: 100) { edges { node { title publishedAt } } }
        inQ1: documents(from: "2025-01-01T00:00:00Z", to: "2025-03-31T23:59:59Z", first: 100) { edges { node { title publishedAt } } }
      }`,
      { id },
    );
    const dates = newest!.edges.map((e) => e.node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(naming!.edges.map((e) => e.node.publishedAt)).toEqual(['2024-11-08T00:00:00.000Z']);
    expect(inQ1!.edges.map((e) => e.node.publishedAt).sort()).toEqual([
      '2025-01-16T00:00:00.000Z',
      '2025-03-21T00:00:00.000Z',
    ]);
  });

  it('rejects an empty period and an ID of the wrong type', async () => {
    const period = await corpus.app.graphql(
      '{ people(from: "2025-06-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { totalCount } }',
    );
    expect(period.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const wrong = await corpus.app.graphql(
      'query($id: ID!) { people(document: $id) { totalCount } }',
      {
        id: await corpus.idOf('欧阳明远'),
      },
    );
    expect(wrong.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Document'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('what was said when', () => {
  it('keeps the mentions of a challenge to a period, each with its document date', async () => {
    const id = await corpus.idOf('幻觉');
    const { node } = await corpus.data<{
      node: {
        all: { totalCount: number };
        in2025: {
          totalCount: number;
          edges: {
            node: { publishedAt: string; snippet: string; document: { publishedAt: string } };
          }[];
        };
      };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Challenge {
        all: mentions { totalCount }
        in2025: mentions(from: "2025-01-01T00:00:00Z", to: "2025-12-31T23:59:59Z", first: 100) {
          totalCount edges { node { publishedAt snippet document { publishedAt } } }
        }
      } } }`,
      { id },
    );
    expect(node.in2025.totalCount).toBe(node.in2025.edges.length);
    expect(node.in2025.totalCount).toBeGreaterThan(0);
    expect(node.in2025.totalCount).toBeLessThan(node.all.totalCount);
    for (const { node: mention } of node.in2025.edges) {
      expect(mention.publishedAt).toBe(mention.document.publishedAt);
      expect(mention.publishedAt >= '2025-01-01').toBe(true);
    }
  });

  it('answers the top-level mentions by entity, kind and period, newest first', async () => {
    const id = await corpus.idOf('华东数智银行股份有限公司');
    const { mentions } = await corpus.data<{
      mentions: {
        totalCount: number;
        edges: { node: { kind: string; publishedAt: string; institution: Named | null } }[];
      };
    }>(
      `query($id: ID!) { mentions(entity: $id, kinds: [INSTITUTION], orderBy: [{ field: PUBLISHED_AT, direction: DESC }, { field: READING }], first: 100) {
        totalCount edges { node { kind publishedAt institution { name } } }
      } }`,
      { id },
    );
    expect(mentions.totalCount).toBe(mentions.edges.length);
    const dates = mentions.edges.map((e) => e.node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    // The bank speaks in the 2024 launch and in the 2025 model-risk forum.
    expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(['2024', '2025']));
    for (const { node } of mentions.edges) {
      expect(node).toMatchObject({
        kind: 'INSTITUTION',
        institution: { name: '华东数智银行股份有限公司' },
      });
    }
  });

  it('gives model versions with their parameters and dates', async () => {
    const { models } = await corpus.data<{
      models: {
        edges: {
          node: { name: string; versions: { version: string }[]; developer: Named | null };
        }[];
      };
    }>(
      '{ models(name: "天衡", first: 5) { edges { node { name developer { name } versions { version } } } } }',
    );
    expect(models.edges[0]!.node).toMatchObject({
      name: '天衡',
      developer: { name: '华东数智银行股份有限公司' },
      versions: expect.arrayContaining([{ version: '2.0' }]),
    });
  });

  it('lists a document’s entities of every kind, once each', async () => {
    const { documents } = await corpus.data<{
      documents: {
        edges: { node: { entities: { __typename: string; kind: string; name: string }[] } }[];
      };
    }>(
      '{ documents(title: "天衡", first: 1) { edges { node { entities { __typename kind name } } } } }',
    );
    const entities = documents.edges[0]!.node.entities;
    expect(entities).toEqual(
      expect.arrayContaining([
        { __typename: 'Person', kind: 'PERSON', name: '欧阳明远' },
        { __typename: 'Institution', kind: 'INSTITUTION', name: '华东数智银行股份有限公司' },
        { __typename: 'Model', kind: 'MODEL', name: '天衡' },
        { __typename: 'Challenge', kind: 'CHALLENGE', name: '幻觉' },
      ]),
    );
    const keys = entities.map((e) => `${e.kind}:${e.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the GraphiQL examples', () => {
  it('runs every named operation on the database it was built for, each with data', async () => {
    const document = await exampleOperations(corpus.database.db);
    const operations = [...document.matchAll(/^query (\w+)/gm)].map((match) => match[1]!);
    expect(operations).toEqual(
      expect.arrayContaining(['Search', 'Neighbors', 'Path', 'Connections', 'SaidInPeriod']),
    );
    for (const operationName of operations) {
      const response = await corpus.app.app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, operationName }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
      expect(body.errors, operationName).toBeUndefined();
      for (const value of Object.values(body.data!)) expect(value, operationName).not.toBeNull();
    }
    // The Path example joins two people through stated relations.
    const response = await corpus.app.app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, operationName: 'Path' }),
    });
    const { data } = (await response.json()) as { data: { path: { length: number | null } } };
    expect(data.path.length).toBe(2);
  });
});
