import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import type { Dialect } from '../../src/db/dialect.ts';
import { migrate } from '../../src/db/migrate.ts';

// Test databases on the database a test run is for: TEST_DATABASE=sqlite (a file in its own temp
// folder) or TEST_DATABASE=postgresql (a database of its own on the run's server, see
// postgres-global-setup.ts). vitest.config.ts runs the API and seeding suites once per database.

/** The database this test run is for. */
export function testDialect(): Dialect {
  return process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
}

export interface TestDatabase {
  db: Db;
  url: string;
  dialect: Dialect;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

let counter = 0;

async function onServer(sql: string) {
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A new, empty database of the run's kind with the migrations applied, and the URL of it. With
 * `migrated: false`, an empty database no migration has touched.
 */
export async function createTestDatabaseUrl({ migrated = true } = {}): Promise<{
  url: string;
  remove(): Promise<void>;
}> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kg-test-'));
    const url = `file:${join(dir, 'kg.db')}`;
    if (migrated) await migrate(url);
    return { url, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  counter += 1;
  const name = `kg_test_${process.pid}_${counter}_${Math.floor(Math.random() * 1e6)}`;
  await onServer(
    `CREATE DATABASE "${name}"${migrated ? ` TEMPLATE "${inject('templateDatabase')}"` : ''}`,
  );
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A migrated database of the run's kind, and a client on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url, remove } = await createTestDatabaseUrl();
  const db = createPrismaClient(url);
  return {
    db,
    url,
    dialect: testDialect(),
    async drop() {
      await db.$disconnect();
      await remove();
    },
  };
}

/**
 * Something that changes whenever a row of the database is written, and only then: SQLite's
 * count of rows changed through this connection; on PostgreSQL the version (xmin) and place
 * (ctid) of every row, which any insert, update or delete changes.
 */
export async function writeMark(db: Db): Promise<string> {
  if (testDialect() === 'sqlite') {
    const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT total_changes() AS n');
    return String(row!.n);
  }
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
  );
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await db.$queryRawUnsafe<{ mark: string | null }[]>(
        `SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY ctid) AS mark FROM "${name}"`,
      );
      return `${name}:${row?.mark ?? ''}`;
    }),
  );
  return parts.join(';');
}
