import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/api/http-server.ts';
import { createLogger } from '../../src/runtime/log.ts';
import { createMetrics, metrics as processMetrics } from '../../src/runtime/metrics.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// What an operator sees of the server `npm start` runs (src/api/http-server.ts), over HTTP: JSON log
// lines, an access line per request without its variables, the client's mistakes at info
// without a stack, the server's faults at error with one, and /metrics moving with the traffic.

let database: TestDatabase;
let base: string;
let close: () => Promise<void>;
const lines: string[] = [];
const metrics = createMetrics();

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  const logger = createLogger({ write: (line: string) => lines.push(line) }, 'info');
  const http = createHttpServer({ db: database.db, logger, metrics, responseCache: true });
  await new Promise<void>((ready) => http.server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  close = async () => {
    http.server.closeAllConnections();
    await new Promise((done) => http.server.close(done));
    await http.close();
  };
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

async function post(body: unknown) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The value of one sample of /metrics, 0 when absent. */
async function sample(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('logs', () => {
  it('are JSON lines, one access line per request, without the variables', async () => {
    const before = lines.length;
    const { body } = await post({
      query: 'query Named($name: String) { people(first: 2, name: $name) { totalCount } }',
      variables: { name: '秘密变量值' },
    });
    expect(body).toEqual({ data: { people: { totalCount: 0 } } });
    const written = logs().slice(before);
    expect(written).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/graphql',
        operation: 'Named',
        status: 200,
        outcome: 'ok',
        cache: 'miss',
        ms: expect.any(Number),
      }),
    ]);
    expect(lines.join('\n')).not.toContain('秘密变量值');
  });

  it("log the client's mistake at info, with its code and no stack trace", async () => {
    const before = lines.length;
    const { body } = await post({ query: '{ node(id: "not-an-id") { id } }' });
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    const written = logs().slice(before);
    expect(written.map((line) => line.level)).toEqual(['info', 'info']);
    expect(written[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(written[1]).toMatchObject({
      msg: 'request',
      operation: '(anonymous)',
      outcome: 'client_error',
      errors: ['BAD_USER_INPUT'],
    });
    expect(JSON.stringify(written)).not.toContain('stack');
  });

  it("log the server's fault at error, with its stack trace", async () => {
    const broken = await createTestDatabase();
    const brokenLines: string[] = [];
    const logger = createLogger({ write: (line: string) => brokenLines.push(line) }, 'info');
    const http = createHttpServer({ db: broken.db, logger, metrics, responseCache: false });
    try {
      const cascade = broken.dialect === 'postgresql' ? ' CASCADE' : '';
      await broken.db.$executeRawUnsafe(`DROP TABLE "Challenge"${cascade}`);
      await new Promise<void>((ready) => http.server.listen(0, '127.0.0.1', ready));
      const port = (http.server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Broken { challenges(first: 1) { totalCount } }' }),
      });
      expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
        expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      const written = brokenLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const fault = written.find((line) => line.level === 'error') as {
        err: { stack: string };
      };
      expect(fault.err.stack).toMatch(/\n\s+at /);
      expect(written.find((line) => line.msg === 'request')).toMatchObject({
        operation: 'Broken',
        outcome: 'server_error',
        errors: ['INTERNAL_SERVER_ERROR'],
      });
    } finally {
      http.server.closeAllConnections();
      await new Promise((done) => http.server.close(done));
      await http.close();
      await broken.drop();
    }
  });
});

describe('/metrics', () => {
  it('answers in the Prometheus text format', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      'kg_requests_total',
      'kg_request_duration_seconds',
      'kg_response_cache_requests_total',
      'kg_db_query_duration_seconds',
      'kg_seed_documents_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('moves with the traffic: requests, latency, cache hits and misses, database calls', async () => {
    const ok = '{operation="Moving",outcome="ok"}';
    const [requests, latency, hits, misses, calls] = await Promise.all([
      sample('kg_requests_total', ok),
      sample('kg_request_duration_seconds_count', '{operation="Moving"}'),
      sample('kg_response_cache_requests_total', '{result="hit"}'),
      sample('kg_response_cache_requests_total', '{result="miss"}'),
      sample('kg_db_query_duration_seconds_count', '{model="Person",operation="findMany"}'),
    ]);
    const query = { query: 'query Moving { people(first: 3) { edges { node { name } } } }' };
    await post(query);
    await post(query);
    expect(await sample('kg_requests_total', ok)).toBe(requests + 2);
    expect(await sample('kg_request_duration_seconds_count', '{operation="Moving"}')).toBe(
      latency + 2,
    );
    expect(await sample('kg_response_cache_requests_total', '{result="miss"}')).toBe(misses + 1);
    expect(await sample('kg_response_cache_requests_total', '{result="hit"}')).toBe(hits + 1);
    expect(
      await sample('kg_db_query_duration_seconds_count', '{model="Person",operation="findMany"}'),
    ).toBeGreaterThan(calls);
    expect(
      await sample('kg_requests_total', '{operation="(anonymous)",outcome="client_error"}'),
    ).toBeGreaterThan(0);
  });

  it("counts the documents the process's seeds handle, by status", async () => {
    const count = async (status: string) => {
      const metric = await processMetrics.registry
        .getSingleMetric('kg_seed_documents_total')!
        .get();
      return metric.values.find((v) => v.labels.status === status)?.value ?? 0;
    };
    const folder = mkdtempSync(join(tmpdir(), 'kg-metrics-'));
    try {
      cpSync(join(DEV_CORPUS, 'fund-research-llm-copyright-2025.txt'), join(folder, 'a.txt'));
      cpSync(join(DEV_CORPUS, 'fund-research-llm-copyright-2025.txt'), join(folder, 'b.md'));
      cpSync(join(DEV_CORPUS, 'fund-research-llm-copyright-2025.txt'), join(folder, 'c.txt'));
      const [stored, failed] = [await count('stored'), await count('failed')];
      await seedDirectory(database.db, folder, { maxBytes: 100_000, workers: 0 });
      expect(await count('stored')).toBe(stored + 3);
      expect(await count('failed')).toBe(failed);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('/health and /ready', () => {
  it('answer 200 while the process is up and the database answers', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});
