import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTokens } from '../../src/ingest-auth.ts';
import { forbiddenRange } from '../../src/pipeline/address-guard.ts';
import { createFetcher } from '../../src/pipeline/fetch.ts';
import { createApp } from '../../src/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { ANNOUNCEMENT, makePdf } from '../support/pdf.ts';
import { type Site, sitemap, startSite } from '../support/site.ts';

// A job seeds real documents: minutes on a loaded machine.
const SLOW = { timeout: 300_000 };

// The ingest mutation, the job query and subscription, over the app's fetch handler: behind a
// bearer token, refusing private addresses unless the operator allows them (these tests allow
// them for their loopback site, and test the refusal with them off).

const CORPUS = resolve(import.meta.dirname, '../fixtures/corpus');
const TOKENS = parseTokens('frontend:s3cret-token,ops:other-token');
const FETCH = { retryBaseMs: 5, timeoutMs: 2_000 };
let site: Site;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  site = await startSite({
    '/a.txt': {
      type: 'text/plain; charset=utf-8',
      body: readFileSync(join(CORPUS, 'dongchuan-bank-board-announcement-2025.txt')),
    },
    '/b.md': {
      type: 'text/markdown',
      body: readFileSync(join(CORPUS, 'songbai-life-claims-agent-2025.md')),
    },
    '/notice.pdf': { type: 'application/pdf', body: makePdf(ANNOUNCEMENT) },
    '/sitemap.xml': sitemap(['/a.txt', '/b.md', '/notice.pdf', '/gone.html']),
  });
});

afterAll(async () => {
  await site.close();
  await database.drop();
});

function app(allowPrivate: boolean, tokens = TOKENS) {
  return createApp({
    db: database.db,
    logger: createLogger('silent'),
    ingest: { tokens, settings: { allowPrivate, fetch: FETCH } },
  });
}

type App = ReturnType<typeof app>;
// biome-ignore lint/suspicious/noExplicitAny: answers are read as the queries shape them.
type Json = any;
interface Answer {
  status: number;
  data?: Record<string, Json> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(
  yoga: App,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Answer> {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const INGEST = 'mutation ($urls: [String!]!) { ingest(urls: $urls) { id state total } }';
const JOB = `query ($id: ID!) { job(id: $id) { id state urls total done stored skipped failed error finishedAt
  documents { source status title error } } }`;

/** Polls job(id) until it has finished. */
async function finished(yoga: App, id: string, token: string) {
  for (;;) {
    const answer = await post(yoga, JOB, { id }, token);
    const job = answer.data?.job;
    if (!job) throw new Error(JSON.stringify(answer));
    if (job.finishedAt) return job;
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

describe('ingest over GraphQL', () => {
  it(
    'needs a token: none, an unknown one, or a server without tokens are refused',
    SLOW,
    async () => {
      const url = `${site.origin}/a.txt`;
      for (const [yoga, token] of [
        [app(true), undefined],
        [app(true), 'wrong-token'],
        [app(true, new Map()), 's3cret-token'],
      ] as const) {
        const answer = await post(yoga, INGEST, { urls: [url] }, token);
          expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(answer.data ?? null).toBeNull();
      }
      const job = await post(app(true), JOB, { id: 'x' });
      expect(job.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await database.db.document.count()).toBe(0);
    },
  );

  it(
    'queues a job that fetches a sitemap; job(id) tells its progress and each source',
    SLOW,
    async () => {
      const yoga = app(true);
      const answer = await post(
        yoga,
        INGEST,
        { urls: [`${site.origin}/sitemap.xml`] },
        's3cret-token',
      );
      expect(answer.errors).toBeUndefined();
      const { id, state, total } = answer.data!.ingest;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(['QUEUED', 'RUNNING']).toContain(state);
      expect(total).toBe(1);

      const job = await finished(yoga, id, 'other-token');
      expect(job).toMatchObject({
        state: 'DONE',
        urls: [`${site.origin}/sitemap.xml`],
        total: 5,
        done: 5,
        stored: 3,
        failed: 1,
        error: null,
      });
      expect(job.documents).toEqual([
        { source: `${site.origin}/sitemap.xml`, status: 'LISTED', title: null, error: null },
        expect.objectContaining({ source: `${site.origin}/a.txt`, status: 'STORED' }),
        expect.objectContaining({ source: `${site.origin}/b.md`, status: 'STORED' }),
        expect.objectContaining({ source: `${site.origin}/notice.pdf`, status: 'STORED' }),
        { source: `${site.origin}/gone.html`, status: 'FAILED', title: null, error: 'HTTP 404' },
      ]);
      // The graph serves what was ingested, with the PDF's pages in the evidence.
      const people = await post(
        yoga,
        `{ search(query: "欧阳明澈") { edges { node { ... on Person { name mentions(first: 5) { edges { node { page snippet } } } } } } } }`,
        {},
      );
      expect(people.errors).toBeUndefined();
      const pages = people.data!.search.edges.flatMap((e: Json) =>
        e.node.mentions.edges.map((m: Json) => m.node.page),
      );
      expect(pages.length).toBeGreaterThan(0);
      expect(new Set(pages)).toEqual(new Set([1]));
    },
  );

  it('follows a job over server-sent events until it finishes', SLOW, async () => {
    const yoga = app(true);
    const { data } = await post(yoga, INGEST, { urls: [`${site.origin}/a.txt`] }, 's3cret-token');
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: 'Bearer s3cret-token',
      },
      body: JSON.stringify({
        query: 'subscription ($id: ID!) { job(id: $id) { state done skipped } }',
        variables: { id: data!.ingest.id },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { data?: { job: { state: string } } })
      .filter((event) => event.data);
    expect(events.at(-1)!.data!.job).toEqual({ state: 'DONE', done: 1, skipped: 1 });
  });

  it(
    'refuses URLs of private, loopback and link-local hosts unless INGEST_ALLOW_PRIVATE',
    SLOW,
    async () => {
      const yoga = app(false);
      const port = new URL(site.origin).port;
      for (const url of [
        `http://127.0.0.1:${port}/a.txt`,
        `http://localhost:${port}/a.txt`,
        'http://[::1]/',
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.7/',
        'ftp://example.com/file.txt',
        'not a url',
      ]) {
        const answer = await post(yoga, INGEST, { urls: [url] }, 's3cret-token');
        expect(answer.errors?.[0]?.extensions?.code, url).toBe('URL_REFUSED');
      }
    },
  );

  it(
    'the fetcher itself refuses private addresses after resolving, whatever the caller checked',
    SLOW,
    async () => {
      const fetcher = createFetcher({ publicOnly: true, ...FETCH });
      const requestsBefore = site.requests.length;
      try {
        await expect(fetcher.fetch(`${site.origin}/a.txt`)).rejects.toThrow(
          /^refused: 127\.0\.0\.1 is a loopback address/,
        );
        await expect(
          fetcher.fetch(`http://localhost:${new URL(site.origin).port}/a.txt`),
        ).rejects.toThrow(/^refused: localhost is (127\.0\.0\.1|::1), a loopback address/);
      } finally {
        await fetcher.close();
      }
      // Refused before connecting: the site heard nothing, not even for robots.txt.
      expect(site.requests.length).toBe(requestsBefore);
      expect(forbiddenRange('169.254.169.254')).toBe('linkLocal');
      expect(forbiddenRange('192.168.1.2')).toBe('private');
      expect(forbiddenRange('100.64.0.1')).toBe('carrierGradeNat');
      expect(forbiddenRange('::ffff:127.0.0.1')).toBe('loopback');
      expect(forbiddenRange('fd00:ec2::254')).toBe('uniqueLocal');
      expect(forbiddenRange('0.0.0.0')).toBe('unspecified');
      expect(forbiddenRange('93.184.216.34')).toBeNull();
    },
  );
});
