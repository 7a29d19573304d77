import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatorTokens } from '../../src/api/curators.ts';
import { withResponseCache } from '../../src/api/response-cache.ts';
import { securitySettings } from '../../src/api/security.ts';
import { createApp, graphqlEndpoint } from '../../src/api/yoga.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { copyFixtureCorpus } from '../support/corpus-copy.ts';
import { createTestDatabase, writeMark } from '../support/database.ts';

// Curation as a curator meets it: mutations over HTTP with and without a token, on the
// repository's test corpus, and what stays of them when the folder is seeded again with --force
// and --prune, as `npm run seed` does.

// biome-ignore lint/suspicious/noExplicitAny: answers of the API, read by the assertions
type Json = any;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let corpus: ReturnType<typeof copyFixtureCorpus>;
let app: ReturnType<typeof createApp>;

const TOKENS = 'alice:token-of-alice,bob:token-of-bob';

async function post(
  target: ReturnType<typeof createApp>,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) {
  const response = await target.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, Json> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, ...body };
}

/** The data of an operation that must succeed. */
async function data(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const result = await post(app, query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const curate = (query: string, variables: Record<string, unknown>, token = 'token-of-alice') =>
  data(query, variables, token);

async function personId(name: string): Promise<string> {
  const { people } = await data(
    'query($n: String!) { people(name: $n, first: 5) { edges { node { id name } } } }',
    {
      n: name,
    },
  );
  const hit = people.edges.find((e: Json) => e.node.name === name);
  expect(hit, name).toBeDefined();
  return hit.node.id;
}

async function person(name: string) {
  const id = await personId(name);
  const { node } = await data(
    `query($id: ID!) { node(id: $id) { ... on Person { id name aliases affiliations { id role institution { name } } } } }`,
    { id },
  );
  return node as {
    id: string;
    name: string;
    aliases: string[];
    affiliations: { id: string; role: string; institution: { name: string } }[];
  };
}

const seed = (options: { force?: boolean; prune?: boolean } = {}) =>
  seedDirectory(database.db, corpus.dir, { workers: 0, onDocument: () => {}, ...options });

beforeAll(async () => {
  database = await createTestDatabase();
  corpus = copyFixtureCorpus();
  const report = await seed();
  expect(report.failed).toBe(0);
  app = createApp({
    db: database.db,
    logger: createLogger(process.env.LOG_CURATION ? 'error' : 'silent'),
    curators: curatorTokens(TOKENS),
  });
});

afterAll(async () => {
  await database.drop();
  corpus.remove();
});

const MERGE = `mutation($keep: ID!, $remove: ID!, $reason: String) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) { id action curator reason status summary }
}`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectFact(id: $id, reason: $reason) { id status curator } }`;
const CORRECT = `mutation($id: ID!, $role: String!) { correctRole(affiliation: $id, role: $role, reason: "辞去副行长职务") { id status } }`;

describe('who may curate', () => {
  it('refuses every mutation with FORBIDDEN when no tokens are configured, changing nothing', async () => {
    const closed = createApp({
      db: database.db,
      logger: createLogger('silent'),
      curators: curatorTokens(''),
    });
    const [a, b] = [await personId('诸葛云舒'), await personId('诸葛明澜')];
    const before = await writeMark(database.db);
    const result = await post(closed, MERGE, { keep: a, remove: b }, 'token-of-alice');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.status).toBe(403);
    expect(await writeMark(database.db)).toBe(before);
  });

  it('refuses a request without a token or with a wrong one with UNAUTHENTICATED, changing nothing', async () => {
    const [a, b] = [await personId('诸葛云舒'), await personId('诸葛明澜')];
    const before = await writeMark(database.db);
    for (const token of [undefined, 'token-of-mallory']) {
      const result = await post(app, MERGE, { keep: a, remove: b }, token);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.status).toBe(401);
      expect(result.data?.mergeEntities ?? null).toBeNull();
    }
    expect(await writeMark(database.db)).toBe(before);
  });

  it('never runs a mutation sent by GET or as a form (no preflight: a cross-site page could send it)', async () => {
    const query = `mutation { renameEntity(entity: "${await personId('谷雨桐')}", name: "谷雨") { id } }`;
    const before = await writeMark(database.db);
    const get = await app.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/json', authorization: 'Bearer token-of-alice' },
    });
    expect(get.status).toBe(405);
    const guarded = createApp({
      db: database.db,
      logger: createLogger('silent'),
      curators: curatorTokens(TOKENS),
      security: securitySettings({ NODE_ENV: 'production' }),
    });
    const form = await guarded.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'Bearer token-of-alice',
      },
      body: `query=${encodeURIComponent(query)}`,
    });
    expect(form.status).toBe(403);
    expect(((await form.json()) as Json).errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
    expect(await writeMark(database.db)).toBe(before);
  });
});

describe('curations survive re-seeding', () => {
  let keepId: string;
  let removedId: string;
  let rejectedId: string;
  let corrected: string;

  it('merges two entities: names, relations move; the removed id answers as the kept one', async () => {
    keepId = await personId('诸葛云舒');
    removedId = await personId('诸葛明澜');
    const { mergeEntities } = await curate(MERGE, {
      keep: keepId,
      remove: removedId,
      reason: 'test merge',
    });
    expect(mergeEntities).toMatchObject({
      action: 'MERGE_ENTITIES',
      curator: 'alice',
      reason: 'test merge',
      status: 'APPLIED',
    });
    const merged = await person('诸葛云舒');
    expect(merged.aliases).toContain('诸葛明澜');
    expect(merged.affiliations.map((a) => a.institution.name).sort()).toEqual([
      '松柏人寿保险股份有限公司',
      '玉衡国际信托有限公司',
    ]);
    const { node } = await data('query($id: ID!) { node(id: $id) { id ... on Person { name } } }', {
      id: removedId,
    });
    expect(node).toEqual({ id: keepId, name: '诸葛云舒' });
  });

  it('rejects an affiliation and corrects a role', async () => {
    const reporter = await person('邝一苇');
    const journalist = reporter.affiliations.find((a) => a.role === '记者')!;
    rejectedId = journalist.id;
    const { rejectFact } = await curate(
      REJECT,
      { id: rejectedId, reason: '只是责任编辑' },
      'token-of-bob',
    );
    expect(rejectFact).toMatchObject({ status: 'APPLIED', curator: 'bob' });
    expect((await person('邝一苇')).affiliations.map((a) => a.role)).toEqual(['责任编辑']);
    const { node } = await data('query($id: ID!) { node(id: $id) { id } }', { id: rejectedId });
    expect(node).toBeNull();

    const resigned = await person('蒲星河');
    expect(resigned.affiliations.map((a) => a.role)).toEqual(['副行长']);
    corrected = resigned.affiliations[0]!.id;
    await curate(CORRECT, { id: corrected, role: '原副行长' });
    expect((await person('蒲星河')).affiliations.map((a) => a.role)).toEqual(['原副行长']);
  });

  async function expectCurated() {
    const merged = await person('诸葛云舒');
    expect(merged.id).toBe(keepId);
    expect(merged.affiliations.map((a) => a.role).sort()).toEqual([
      '副总经理兼首席信息官',
      '首席技术官',
    ]);
    const { people } = await data(
      '{ people(name: "诸葛明澜") { totalCount edges { node { id } } } }',
    );
    expect(people.edges.map((e: Json) => e.node.id)).toEqual([keepId]);
    const { node } = await data('query($id: ID!) { node(id: $id) { id } }', { id: removedId });
    expect(node).toEqual({ id: keepId });
    expect((await person('邝一苇')).affiliations.map((a) => a.role)).toEqual(['责任编辑']);
    expect((await person('蒲星河')).affiliations.map((a) => a.role)).toEqual(['原副行长']);
  }

  it('keeps them through a re-seed with --force, which extracts everything again', async () => {
    const report = await seed({ force: true });
    expect(report.stored).toBeGreaterThan(0);
    expect(report.curations).toEqual({ active: 3, notApplying: [] });
    await expectCurated();
    const { curations } = await data(
      '{ curations { totalCount edges { node { status applies problem } } } }',
    );
    expect(curations.totalCount).toBe(3);
    expect(curations.edges.every((e: Json) => e.node.status === 'APPLIED')).toBe(true);
  });

  it('keeps them through --prune, and reports the one whose entity went with its document', async () => {
    // The trust article names 邝一苇 (the rejected affiliation) and 诸葛明澜 (merged).
    rmSync(join(corpus.dir, 'yuheng-trust-family-agent-2024.html'));
    const report = await seed({ prune: true });
    expect(report.pruned).toBe(1);
    expect(report.curations.active).toBe(3);
    expect(report.curations.notApplying).toEqual([
      expect.objectContaining({ curator: 'bob', problem: expect.stringContaining('邝一苇') }),
    ]);
    const { curations } = await data(
      '{ curations { edges { node { action status applies problem } } } }',
    );
    const reject = curations.edges
      .map((e: Json) => e.node)
      .find((c: Json) => c.action === 'REJECT_FACT');
    expect(reject).toMatchObject({ status: 'NOT_APPLYING', applies: false });
    expect((await person('蒲星河')).affiliations.map((a) => a.role)).toEqual(['原副行长']);
    const merged = await person('诸葛云舒');
    expect(merged.affiliations.map((a) => a.role)).toEqual(['首席技术官']);
  });

  it('applies again once the document is back', async () => {
    corpus.remove();
    corpus = copyFixtureCorpus();
    const report = await seed();
    expect(report.curations).toEqual({ active: 3, notApplying: [] });
    await expectCurated();
  });
});

describe('the log, undo, and the other corrections', () => {
  it('lists curations newest first, filtered by entity and time, paged', async () => {
    const keep = await personId('诸葛云舒');
    const { curations } = await data(
      'query($e: ID!) { curations(entity: $e) { totalCount edges { node { action curator } } } }',
      { e: keep },
    );
    expect(curations.edges.map((e: Json) => e.node.action)).toEqual(['MERGE_ENTITIES']);
    const page = await data(
      '{ curations(first: 2) { edges { node { action } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(page.curations.edges.map((e: Json) => e.node.action)).toEqual([
      'CORRECT_ROLE',
      'REJECT_FACT',
    ]);
    expect(page.curations.pageInfo.hasNextPage).toBe(true);
    const rest = await data(
      'query($after: String) { curations(first: 2, after: $after) { edges { node { action } } } }',
      {
        after: page.curations.pageInfo.endCursor,
      },
    );
    expect(rest.curations.edges.map((e: Json) => e.node.action)).toEqual(['MERGE_ENTITIES']);
    const future = await data('{ curations(from: "2999-01-01") { totalCount } }');
    expect(future.curations.totalCount).toBe(0);
  });

  it('restores a rejected fact from the documents', async () => {
    const { curations } = await data('{ curations { edges { node { id action change } } } }');
    const reject = curations.edges
      .map((e: Json) => e.node)
      .find((c: Json) => c.action === 'REJECT_FACT');
    const rejectedFact = `Affiliation:${JSON.parse(reject.change).factId}`;
    const { restoreFact } = await curate(
      'mutation($id: ID!) { restoreFact(id: $id) { status undoneBy } }',
      { id: Buffer.from(rejectedFact).toString('base64') },
    );
    expect(restoreFact).toEqual({ status: 'UNDONE', undoneBy: 'alice' });
    expect((await person('邝一苇')).affiliations.map((a) => a.role).sort()).toEqual(
      ['记者', '责任编辑'].sort(),
    );
  });

  it('undoes a merge: the removed entity is back with its own affiliation', async () => {
    const { curations } = await data('{ curations { edges { node { id action } } } }');
    const merge = curations.edges
      .map((e: Json) => e.node)
      .find((c: Json) => c.action === 'MERGE_ENTITIES');
    await curate('mutation($id: ID!) { undoCuration(id: $id) { status } }', { id: merge.id });
    expect((await person('诸葛明澜')).affiliations.map((a) => a.role)).toEqual([
      '副总经理兼首席信息官',
    ]);
    expect((await person('诸葛云舒')).affiliations.map((a) => a.role)).toEqual(['首席技术官']);
    const again = await post(
      app,
      'mutation($id: ID!) { undoCuration(id: $id) { status } }',
      { id: merge.id },
      'token-of-alice',
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('renames, edits aliases and sets a category, which a --force re-seed keeps', async () => {
    const id = await personId('晏行舟');
    await curate(
      'mutation($e: ID!) { renameEntity(entity: $e, name: "晏行舟（总经理）") { id } }',
      { e: id },
    );
    await curate('mutation($e: ID!) { addAlias(entity: $e, alias: "晏总经理") { id } }', { e: id });
    await curate('mutation($e: ID!) { removeAlias(entity: $e, alias: "晏总") { id } }', { e: id });
    const { institutions } = await data(
      '{ institutions(name: "灵犀财富") { edges { node { id category } } } }',
    );
    const wealth = institutions.edges[0].node;
    expect(wealth.category).toBe('OTHER');
    await curate(
      'mutation($i: ID!) { setInstitutionCategory(institution: $i, category: FUND) { id } }',
      { i: wealth.id },
    );
    const bad = await post(
      app,
      'mutation($i: ID!) { setInstitutionCategory(institution: $i, category: CASINO) { id } }',
      { i: wealth.id },
      'token-of-alice',
    );
    // Not a category: refused by validation, before any resolver runs.
    expect(bad.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    await seed({ force: true });
    const { node } = await data(
      'query($id: ID!) { node(id: $id) { ... on Person { name aliases } } }',
      { id },
    );
    expect(node.name).toBe('晏行舟（总经理）');
    expect(node.aliases).toEqual(expect.arrayContaining(['晏行舟', '晏总经理']));
    expect(node.aliases).not.toContain('晏总');
    const after = await data(
      'query($id: ID!) { node(id: $id) { ... on Institution { category } } }',
      { id: wealth.id },
    );
    expect(after.node.category).toBe('FUND');
  });

  it('adds a fact with a note as its evidence, kept by --force and --prune', async () => {
    const person = await personId('谷雨桐');
    const { institutions } = await data(
      '{ institutions(name: "问海科技") { edges { node { id } } } }',
    );
    const { addFact } = await curate(
      `mutation($p: ID!, $i: ID!) { addFact(type: AFFILIATION, subject: $p, object: $i, role: "顾问", note: "2025年问海科技官网顾问名单列有谷雨桐。") { status summary } }`,
      { p: person, i: institutions.edges[0].node.id },
    );
    expect(addFact.status).toBe('APPLIED');
    await seed({ force: true, prune: true });
    const { node } = await data(
      'query($id: ID!) { node(id: $id) { ... on Person { affiliations { role institution { name } mentions { edges { node { snippet document { source } } } } } } } }',
      { id: person },
    );
    const added = node.affiliations.find((a: Json) => a.role === '顾问');
    expect(added.institution.name).toBe('问海科技');
    expect(added.mentions.edges[0].node.snippet).toBe('2025年问海科技官网顾问名单列有谷雨桐。');
    expect(added.mentions.edges[0].node.document.source).toMatch(/^curation:\d+$/);
  });

  it('splits an alias that was someone else into an entity of its own', async () => {
    const id = await personId('诸葛云舒');
    const before = await person('诸葛云舒');
    expect(before.aliases).toContain('诸葛总');
    const split = await post(
      app,
      'mutation($e: ID!) { splitAlias(entity: $e, alias: "诸葛总") { status } }',
      { e: id },
      'token-of-alice',
    );
    expect(split.errors).toBeUndefined();
    expect((await person('诸葛云舒')).aliases).not.toContain('诸葛总');
  });
});

describe('the response cache', () => {
  it('never serves an answer from before a curation, nor a curation from the cache', async () => {
    const cached = withResponseCache(
      { listener: app, fetch: (url, init) => Promise.resolve(app.fetch(url, init)) },
      database.db,
      { endpoint: graphqlEndpoint },
    );
    const server = createServer(cached.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${graphqlEndpoint}`;
    const send = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Json;
    };
    try {
      const id = await personId('郜川');
      const ROLE =
        'query($id: ID!) { node(id: $id) { ... on Person { affiliations { id role } } } }';
      const before = await send(ROLE, { id });
      expect(await send(ROLE, { id })).toEqual(before);
      const affiliation = before.data.node.affiliations[0];
      const RENAME =
        'mutation($id: ID!) { correctRole(affiliation: $id, role: "副行长（已离任）") { status } }';
      const done = await send(RENAME, { id: affiliation.id }, 'token-of-alice');
      expect(done.data.correctRole.status).toBe('APPLIED');
      await expect
        .poll(async () =>
          (await send(ROLE, { id })).data.node.affiliations.map((a: Json) => a.role),
        )
        .toEqual(['副行长（已离任）']);
      // The same mutation again without a token is refused, not answered from the cache.
      const again = await send(RENAME, { id: affiliation.id });
      expect(again.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await cached.close();
    }
  });
});
