import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// `where` and `orderBy` on the connections, on the small graph and a third document of 2025: a
// bank whose chief raised 幻觉 in 2025 and which develops a model. Each filter is one Prisma
// query for the page and one for the count, on SQLite and PostgreSQL alike.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>;
let graph: Awaited<ReturnType<typeof insertSmallGraph>>;
let later: { id: number };

beforeAll(async () => {
  database = await createTestDatabase();
  graph = await insertSmallGraph(database.db);
  const { db } = database;
  const text = '北岸银行首席执行官王五说,幻觉是大问题。北岸银行发布北岸大模型。';
  later = await db.document.create({
    data: {
      source: 'north-shore-2025.txt',
      title: '北岸银行发布北岸大模型',
      publishedAt: new Date('2025-03-01T00:00:00Z'),
      format: 'txt',
      encoding: 'utf-8',
      contentHash: 'north-shore',
      text,
    },
  });
  const bank = await db.institution.create({
    data: { key: '北岸银行', name: '北岸银行', kind: 'bank' },
  });
  const wang = await db.person.create({ data: { key: '王五', name: '王五' } });
  const model = await db.model.create({ data: { key: '北岸', name: '北岸大模型' } });
  const affiliation = await db.affiliation.create({
    data: { personId: wang.id, institutionId: bank.id, role: '首席执行官' },
  });
  const raised = await db.raised.create({
    data: { personId: wang.id, challengeId: graph.challenges.hallucination.id },
  });
  const development = await db.development.create({
    data: { modelId: model.id, institutionId: bank.id },
  });
  const at = (surface: string) => text.indexOf(surface);
  const mention = (kind: string, surface: string, subject: Record<string, number>) =>
    db.mention.create({
      data: {
        documentId: later.id,
        kind,
        start: at(surface),
        end: at(surface) + surface.length,
        surface,
        snippet: text,
        snippetStart: 0,
        publishedAt: new Date('2025-03-01T00:00:00Z'),
        ...subject,
      },
    });
  await mention('INSTITUTION', '北岸银行', { institutionId: bank.id });
  await mention('PERSON', '王五', { personId: wang.id });
  await mention('AFFILIATION', '北岸银行首席执行官王五', { affiliationId: affiliation.id });
  await mention('RAISED', '王五说,幻觉', { raisedId: raised.id });
  await mention('DEVELOPMENT', '北岸银行发布北岸大模型', { developmentId: development.id });
  app = createTestApp(database.db);
});
afterAll(() => database.drop());

/** The names a connection returns, its totalCount, and the Prisma calls it took. */
async function names(field: string, args: string, variables?: Record<string, unknown>) {
  app.prismaCalls.length = 0;
  const result = await app.graphql<
    Record<string, { totalCount: number; edges: { node: { name: string } }[] }>
  >(
    `query${variables ? '($doc: ID)' : ''} { ${field}(${args}, first: 20) { totalCount edges { node { name } } } }`,
    variables,
  );
  expect(result.errors).toBeUndefined();
  const connection = result.data![field]!;
  return {
    names: connection.edges.map((edge) => edge.node.name),
    totalCount: connection.totalCount,
    calls: app.prismaCalls.length,
  };
}

describe('where: the filters of the issue', () => {
  it('banks whose people raised 幻觉 in 2024', async () => {
    const found = await names(
      'institutions',
      `where: {
        category: { eq: BANK }
        affiliations: { some: { person: { raised: { some: {
          challenge: { name: { eq: "幻觉" } }
          mentions: { some: { publishedAt: { gte: "2024-01-01T00:00:00Z", lt: "2025-01-01T00:00:00Z" } } }
        } } } } }
      }`,
    );
    expect(found).toEqual({ names: ['江苏苏商银行', '众邦银行'], totalCount: 2, calls: 2 });
  });

  it('people with a role containing 首席 at institutions of category bank', async () => {
    const found = await names(
      'people',
      'where: { affiliations: { some: { role: { contains: "首席" }, institution: { category: { eq: BANK } } } } }',
    );
    expect(found).toEqual({ names: ['李耀', '王五'], totalCount: 2, calls: 2 });
  });

  it('models whose developer was mentioned in a given document', async () => {
    const query =
      'where: { developers: { some: { mentions: { some: { document: { id: { eq: $doc } } } } } } }';
    const inLater = await names('models', query, { doc: encodeGlobalID('Document', later.id) });
    expect(inLater).toEqual({ names: ['北岸大模型'], totalCount: 1, calls: 2 });
    const inRoundtable = await names('models', query, {
      doc: encodeGlobalID('Document', graph.documents.roundtable.id),
    });
    expect(inRoundtable.names).toEqual(['天衡大模型', '支小宝']);
    expect(inRoundtable.calls).toBeLessThanOrEqual(3);
  });
});

describe('where: operators', () => {
  it('matches a name or an alias exactly, by prefix and by part', async () => {
    expect((await names('institutions', 'where: { name: { eq: "苏商银行" } }')).names).toEqual([
      '江苏苏商银行',
    ]);
    expect((await names('institutions', 'where: { name: { startsWith: "蚂蚁" } }')).names).toEqual([
      '蚂蚁集团',
    ]);
    expect(
      (await names('institutions', 'where: { name: { in: ["众邦银行", "蚂蚁"] } }')).names,
    ).toEqual(['众邦银行', '蚂蚁集团']);
    expect((await names('people', 'where: { name: { contains: "副行长" } }')).names).toEqual([
      '黄进',
    ]);
  });

  it('combines with AND, OR and NOT, and relations with none and every', async () => {
    expect(
      (
        await names(
          'institutions',
          'where: { OR: [{ category: { eq: TECH } }, { name: { startsWith: "北岸" } }] }',
        )
      ).names,
    ).toEqual(['蚂蚁集团', '北岸银行']);
    expect(
      (await names('institutions', 'where: { NOT: { category: { in: [BANK] } } }')).names,
    ).toEqual(['蚂蚁集团']);
    expect(
      (
        await names(
          'people',
          'where: { raised: { none: {} }, AND: [{ affiliations: { some: {} } }] }',
        )
      ).names,
    ).toEqual([]);
    expect(
      (
        await names(
          'models',
          'where: { developers: { every: { category: { eq: BANK } } }, developments: { some: {} } }',
        )
      ).names,
    ).toEqual(['北岸大模型']);
  });

  it('filters documents and mentions by date, kind and document', async () => {
    const { data } = await app.graphql<{
      documents: { edges: { node: { title: string } }[] };
      mentions: { totalCount: number };
    }>(`{
      documents(where: { publishedAt: { gte: "2025-01-01T00:00:00Z" }, format: { eq: TXT } }) {
        edges { node { title } }
      }
      mentions(where: { kind: { in: [RAISED] }, document: { title: { contains: "北岸" } } }) {
        totalCount
      }
    }`);
    expect(data?.documents.edges.map((e) => e.node.title)).toEqual(['北岸银行发布北岸大模型']);
    expect(data?.mentions.totalCount).toBe(1);
  });

  it('refuses an ID of the wrong type and an empty date range', async () => {
    const wrongType = await app.graphql(
      `{ people(where: { id: { eq: "${encodeGlobalID('Model', 1)}" } }) { totalCount } }`,
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const empty = await app.graphql(
      '{ documents(where: { publishedAt: { gte: "2025-01-01T00:00:00Z", lt: "2024-01-01T00:00:00Z" } }) { totalCount } }',
    );
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('orderBy', () => {
  it('orders by each key either way, the id breaking ties', async () => {
    const byName = await names('institutions', 'orderBy: [{ field: NAME, direction: DESC }]');
    expect(byName.names).toEqual([...byName.names].sort().reverse());
    const byMentions = await names(
      'people',
      'orderBy: [{ field: MENTION_COUNT, direction: DESC }, { field: NAME }]',
    );
    expect(byMentions.names[0]).toBe('黄进');
    const newest = await app.graphql<{ documents: { edges: { node: { title: string } }[] } }>(
      '{ documents(orderBy: [{ field: PUBLISHED_AT, direction: DESC }]) { edges { node { title } } } }',
    );
    expect(newest.data?.documents.edges.map((e) => e.node.title)).toEqual([
      '北岸银行发布北岸大模型',
      graph.documents.roundtable.title,
      graph.documents.launch.title, // undated: last either way
    ]);
  });

  it('pages through an order with ties without losing or repeating a row', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: {
        data?: {
          institutions: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { name: string } }[];
          };
        } | null;
      } = await app.graphql(
        `query($after: String) { institutions(first: 2, after: $after, orderBy: [{ field: MENTION_COUNT, direction: DESC }]) {
          pageInfo { hasNextPage endCursor } edges { node { name } } } }`,
        { after },
      );
      seen.push(...page.data!.institutions.edges.map((e) => e.node.name));
      if (!page.data!.institutions.pageInfo.hasNextPage) break;
      after = page.data!.institutions.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual(['众邦银行', '北岸银行', '江苏苏商银行', '蚂蚁集团'].sort());
  });
});
