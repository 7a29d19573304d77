import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CACHE_STATUS_HEADER,
  type CachedApp,
  withResponseCache,
} from '../../src/api/response-cache.ts';
import { createApp, graphqlEndpoint } from '../../src/api/yoga.ts';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { graphWriteTransaction } from '../../src/db/write-transaction.ts';
import { createTestDatabase } from '../support/database.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// The response cache the server runs behind, over a real socket: a repeated request costs no
// database call and gets the same bytes as without the cache, answers with errors are never
// kept, identical requests in flight are computed once, and a commit by any other client (a
// seed in another process) is seen by the very next request on SQLite, and as soon as its
// notification arrives on PostgreSQL.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let writer: Db;
const prismaCalls: string[] = [];
let app: ReturnType<typeof createApp>;
let cached: CachedApp;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  writer = createPrismaClient(database.url);
  app = createApp({
    db: database.db,
    logger: createLogger('silent'),
    onPrismaCall: (call) => prismaCalls.push(`${call.model}.${call.operation}`),
  });
  cached = withResponseCache(
    { listener: app, fetch: (url, init) => Promise.resolve(app.fetch(url, init)) },
    database.db,
    { endpoint: graphqlEndpoint },
  );
  server = createServer(cached.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${graphqlEndpoint}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cached.close();
  await writer.$disconnect();
  await database.drop();
});

const body = (query: string, variables = {}) => JSON.stringify({ query, variables });

async function post(query: string, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body(query, variables),
  });
  return {
    status: response.status,
    text: await response.text(),
    cache: response.headers.get(CACHE_STATUS_HEADER),
  };
}

const PEOPLE = `query People($first: Int) {
  people(first: $first) {
    edges { node { id name aliases affiliations { role institution { name } } } }
  }
}`;

describe('response cache', () => {
  it('answers a repeated request without the database, with the same bytes', async () => {
    const first = await post(PEOPLE, { first: 5 });
    const calls = prismaCalls.length;
    expect(calls).toBeGreaterThan(0);
    const second = await post(PEOPLE, { first: 5 });
    expect(prismaCalls.length).toBe(calls);
    expect(second).toEqual({ ...first, cache: 'hit' });
    expect(first.cache).toBe('miss');
    const direct = await app.fetch(`http://yoga${graphqlEndpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body(PEOPLE, { first: 5 }),
    });
    expect(first.text).toBe(await direct.text());
    // Other variables are another request.
    await post(PEOPLE, { first: 2 });
    expect(prismaCalls.length).toBeGreaterThan(calls);
  });

  it('computes identical requests in flight once', async () => {
    const before = prismaCalls.length;
    await post(PEOPLE, { first: 3 });
    const one = prismaCalls.length - before;
    const start = prismaCalls.length;
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(PEOPLE, { first: 4 })));
    expect(prismaCalls.length - start).toBe(one);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    // Those that waited for the computation are misses (only a later request is a hit).
    expect(answers.some((a) => a.cache === 'miss')).toBe(true);
    expect(answers.every((a) => a.cache === 'miss' || a.cache === 'hit')).toBe(true);
  });

  it('never keeps an answer with errors, and passes other requests through', async () => {
    const query = '{ people(first: 101) { edges { node { id } } } }';
    const first = await post(query);
    expect(first.text).toContain('"errors"');
    const before = prismaCalls.length;
    await post('{ people(first: 1) { edges { node { id } } } }');
    await post('{ people(first: 1) { edges { node { id } } } }');
    expect(prismaCalls.length).toBe(before + 1);
    const get = await fetch(
      `${endpoint}?query=${encodeURIComponent('{ people(first: 1) { edges { node { name } } } }')}`,
      {
        headers: { accept: 'application/json' },
      },
    );
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ data: { people: { edges: [{ node: {} }] } } });
  });

  it('drops every answer once another client commits a change to the graph', async () => {
    const before = JSON.parse((await post(PEOPLE, { first: 5 })).text);
    const name = before.data.people.edges[0].node.name as string;
    const person = await writer.person.findFirstOrThrow({ where: { name } });
    await graphWriteTransaction(
      writer,
      (tx) => tx.person.update({ where: { id: person.id }, data: { name: '改名后' } }),
      { timeoutMs: 10_000 },
    );
    const current = async () =>
      JSON.parse((await post(PEOPLE, { first: 5 })).text).data.people.edges[0].node.name;
    if (database.dialect === 'sqlite') {
      expect(await current()).toBe('改名后');
    } else {
      const deadline = Date.now() + 5_000;
      while ((await current()) !== '改名后' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await current()).toBe('改名后');
    }
  });
});
