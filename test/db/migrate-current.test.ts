import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { prismaPaths } from '../../src/db/schemas.ts';
import { createTestDatabaseUrl, testDialect } from '../support/database.ts';

// A database whose migrations are all applied is found current with one query, without the
// schema engine: on SQLite the engine wants the file to itself, so a seed could not start while a
// server ran on it (nor a second server). A migration the database has not had still goes
// through the engine.

const scratch = mkdtempSync(join(tmpdir(), 'kg-migrate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`${testDialect()}: migrate on a current database`, () => {
  it('returns at once while another client has the database open', async () => {
    const { url, remove } = await createTestDatabaseUrl();
    const server = createPrismaClient(url);
    try {
      // As a running server has it: write-ahead logging on (prepareDatabase), a query answered.
      if (testDialect() === 'sqlite') await server.$queryRawUnsafe('PRAGMA journal_mode = WAL');
      await server.person.findMany({ take: 1 });
      const started = performance.now();
      expect(await migrate(url)).toEqual([]);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await server.$disconnect();
      await remove();
    }
  });

  it('still applies a migration the database has not had', async () => {
    const { url, remove } = await createTestDatabaseUrl();
    const folder = join(scratch, testDialect());
    cpSync(prismaPaths[testDialect()].migrations, folder, { recursive: true });
    mkdirSync(join(folder, '29991231000000_extra'));
    writeFileSync(
      join(folder, '29991231000000_extra', 'migration.sql'),
      'CREATE TABLE "BenchExtra" ("id" INTEGER NOT NULL PRIMARY KEY);\n',
    );
    const db = createPrismaClient(url);
    try {
      expect(await migrate(url, folder)).toEqual(['29991231000000_extra']);
      expect(await migrate(url, folder)).toEqual([]);
      expect(await db.$queryRawUnsafe('SELECT COUNT(*) AS n FROM "BenchExtra"')).toHaveLength(1);
    } finally {
      await db.$disconnect();
      await remove();
    }
  });
});
