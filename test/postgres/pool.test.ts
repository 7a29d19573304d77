import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { postgresSettings } from '../../src/db/postgres-pool.ts';
import { searchIndex } from '../../src/graph/search-index.ts';
import { createTestApp } from '../support/api-fixture.ts';
import { createTestDatabaseUrl } from '../support/database.ts';

// The connection pool: limits and timeouts from the URL, and failures that come back as errors
// instead of waits that never end.

const clients: Db[] = [];
const removals: (() => Promise<void>)[] = [];

function client(url: string) {
  const db = createPrismaClient(url);
  clients.push(db);
  return db;
}

let url: string;

beforeAll(async () => {
  const database = await createTestDatabaseUrl();
  url = database.url;
  removals.push(database.remove);
});
afterAll(async () => {
  await Promise.all(clients.map((db) => db.$disconnect()));
  for (const remove of removals) await remove();
});

/** `base` with query parameters added. */
function withParams(base: string, params: Record<string, string>) {
  const next = new URL(base);
  for (const [key, value] of Object.entries(params)) next.searchParams.set(key, value);
  return next.toString();
}

describe('pool settings', () => {
  it('has limits and timeouts by default, keepalive on', () => {
    const { pool, schema } = postgresSettings('postgresql://kg:secret@db.example:5432/kg');
    expect(pool).toMatchObject({
      max: 10,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      keepAlive: true,
      application_name: 'kg-finance',
      options: '-c TimeZone=UTC',
    });
    expect(pool.connectionString).toBe('postgresql://kg:secret@db.example:5432/kg');
    expect(schema).toBeUndefined();
  });

  it("takes Prisma's URL parameters and hands the rest to the driver", () => {
    const { pool, schema } = postgresSettings(
      'postgres://kg@db/kg?connection_limit=3&pool_timeout=2&statement_timeout=500&idle_timeout=5&schema=graph&sslmode=require',
    );
    expect(pool).toMatchObject({
      max: 3,
      connectionTimeoutMillis: 2000,
      statement_timeout: 500,
      idleTimeoutMillis: 5000,
      options: '-c TimeZone=UTC -c search_path=graph,public',
    });
    expect(pool.connectionString).toBe('postgres://kg@db/kg?sslmode=require');
    expect(schema).toBe('graph');
  });

  it('refuses settings it cannot use', () => {
    expect(() => postgresSettings('postgresql://db/kg?connection_limit=0')).toThrow(
      /connection_limit/,
    );
    expect(() => postgresSettings('postgresql://db/kg?pool_timeout=soon')).toThrow(/pool_timeout/);
    expect(() => postgresSettings('postgresql://db/kg?schema=a;b')).toThrow(/schema/);
  });
});

describe('sessions', () => {
  it('store timestamps in UTC whatever time zone the server or database is set to', async () => {
    const { url: base, remove } = await createTestDatabaseUrl();
    removals.push(remove);
    const name = new URL(base).pathname.slice(1);
    const admin = client(base);
    await admin.$executeRawUnsafe(`ALTER DATABASE "${name}" SET timezone = 'Asia/Shanghai'`);
    const db = client(base);
    const [zone] = await db.$queryRawUnsafe<{ TimeZone: string }[]>('SHOW timezone');
    expect(zone!.TimeZone).toBe('UTC');
    const before = Date.now();
    const document = await db.document.create({
      data: {
        source: 's',
        title: 't',
        format: 'txt',
        encoding: 'utf-8',
        contentHash: 'h',
        text: '',
      },
    });
    // A default written in Shanghai time would be eight hours ahead.
    expect(Math.abs(document.ingestedAt.getTime() - before)).toBeLessThan(3_600_000);
  });
});

describe('failures', () => {
  it('a full pool fails a query after pool_timeout instead of queueing it forever', async () => {
    const db = client(withParams(url, { connection_limit: '1', pool_timeout: '1' }));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    const transaction = db.$transaction(
      async (tx) => {
        await tx.person.count();
        started();
        await held;
      },
      { timeout: 60_000 },
    );
    await inside;
    await expect(db.person.count()).rejects.toThrow(/timeout/i);
    release();
    await transaction;
    expect(await db.person.count()).toBe(0);
  });

  it('a statement longer than statement_timeout is cancelled by the server', async () => {
    const db = client(withParams(url, { statement_timeout: '100' }));
    await expect(db.$queryRawUnsafe('SELECT pg_sleep(30)')).rejects.toThrow(/statement timeout/);
    expect(await db.person.count()).toBe(0);
  });

  it('a server that is not there is an error, not a wait', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const db = client(`postgresql://postgres@127.0.0.1:${port}/kg?pool_timeout=2`);
    await expect(db.person.count()).rejects.toThrow();
    const { app } = createTestApp(db);
    expect((await app.fetch('http://yoga/ready')).status).toBe(503);
    expect((await app.fetch('http://yoga/health')).status).toBe(200);
  });
});

describe('a schema of its own', () => {
  it('migrates, writes and searches in the schema the URL names, beside another one', async () => {
    const { url: base, remove } = await createTestDatabaseUrl({ migrated: false });
    removals.push(remove);
    for (const schema of ['graph_a', 'graph_b']) {
      const scoped = withParams(base, { schema });
      expect((await migrate(scoped)).length).toBeGreaterThan(0);
      const db = client(scoped);
      await db.institution.create({
        data: { key: schema, name: `${schema}银行股份有限公司`, aliases: '[]' },
      });
      const { hits, total } = await searchIndex.search(db, {
        query: `${schema}银行`,
        limit: 10,
        offset: 0,
      });
      expect(total).toBe(1);
      expect(hits).toEqual([{ kind: 'INSTITUTION', id: 1, match: 'PREFIX' }]);
      const tables = await db.$queryRawUnsafe<{ schemaname: string }[]>(
        `SELECT schemaname FROM pg_tables WHERE tablename = 'Institution' ORDER BY 1`,
      );
      expect(tables.map((t) => t.schemaname)).toContain(schema);
    }
  });
});
