import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// HTTP caching a browser and a CDN understand: GET answers carry an ETag of the data version,
// a repeated GET of an unchanged graph answers 304, and a seed makes it answer 200 again with
// the new data. Automatic persisted queries keep those GET URLs short.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>['app'];
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  app = createTestApp(database.db).app;
  folder = mkdtempSync(join(tmpdir(), 'kg-http-cache-'));
});
afterAll(async () => {
  await app.dispose();
  rmSync(folder, { recursive: true, force: true });
  await database.drop();
});

const QUERY = '{ documents(first: 10) { totalCount edges { node { title } } } }';

function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams(params).toString();
  return app.fetch(`http://yoga/graphql?${search}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });
}

/** Seeds one document written for this test, as `npm run seed` would. */
async function seedOne(name: string, text: string) {
  writeFileSync(join(folder, name), text);
  const report = await seedDirectory(database.db, folder, { onDocument: () => {} });
  expect(report.failed).toBe(0);
}

describe('ETag and 304', () => {
  it('answers a repeated GET of an unchanged graph with 304, and 200 after a seed', async () => {
    const first = await get({ query: QUERY });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const before = (await first.json()) as { data: { documents: { totalCount: number } } };

    const again = await get({ query: QUERY }, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    // Another query has another tag: a 304 is never given for a different answer.
    const other = await get(
      { query: '{ people(first: 1) { totalCount } }' },
      { 'if-none-match': etag! },
    );
    expect(other.status).toBe(200);

    await seedOne(
      'north-shore.txt',
      '北岸银行发布大模型\n\n2025年3月1日，北岸银行首席执行官王五表示，大模型的幻觉问题仍需解决。\n',
    );
    // PostgreSQL tells the server of the commit by a notification, a moment after it.
    let after = await get({ query: QUERY }, { 'if-none-match': etag! });
    await expect
      .poll(async () => {
        after = await get({ query: QUERY }, { 'if-none-match': etag! });
        return after.status;
      })
      .toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const fresh = (await after.json()) as { data: { documents: { totalCount: number } } };
    expect(fresh.data.documents.totalCount).toBe(before.data.documents.totalCount + 1);

    const unchanged = await get({ query: QUERY }, { 'if-none-match': after.headers.get('etag')! });
    expect(unchanged.status).toBe(304);
  });

  it('leaves POST and answers with errors untagged', async () => {
    const post = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.headers.get('etag')).toBeNull();
    const failing = await get({ query: '{ people(first: 1000) { totalCount } }' });
    expect(failing.headers.get('etag')).toBeNull();
  });
});

describe('automatic persisted queries', () => {
  const hash = createHash('sha256').update(QUERY).digest('hex');
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

  it('asks for an unknown hash, keeps a query sent with its hash, then answers GET by hash', async () => {
    const unknown = await get({ extensions });
    const unknownBody = (await unknown.json()) as { errors: { extensions: { code: string } }[] };
    expect(unknownBody.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await get({ query: QUERY, extensions });
    expect(registered.status).toBe(200);

    const byHash = await get({ extensions });
    expect(byHash.status).toBe(200);
    const body = (await byHash.json()) as { data: { documents: { totalCount: number } } };
    expect(body.data.documents.totalCount).toBeGreaterThan(0);
    const revalidated = await get({ extensions }, { 'if-none-match': byHash.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
  });

  it('refuses a query whose hash does not match', async () => {
    const wrong = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } });
    const result = await get({ query: QUERY, extensions: wrong });
    const body = (await result.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
  });
});
