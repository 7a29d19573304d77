import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  it('model_facts carries the facts of a graph seeded before it over to ModelFact', async () => {
    const { url, remove } = await createTestDatabaseUrl({ migrated: false });
    const all = prismaPaths[testDialect()].migrations;
    const before = join(scratch, `${testDialect()}-before-model-facts`);
    cpSync(all, before, { recursive: true });
    const factsMigration = readdirSync(before).find((name) => name.endsWith('_model_facts'))!;
    rmSync(join(before, factsMigration), { recursive: true });
    const db = createPrismaClient(url);
    try {
      await migrate(url, before);
      const insert = (sql: string) => db.$executeRawUnsafe(sql);
      await insert(`INSERT INTO "Document" ("id", "source", "title", "format", "encoding",
        "contentHash", "text") VALUES (1, 'a.txt', 'a', 'text', 'utf-8', 'h1', '天衡发布'),
        (2, 'b.txt', 'b', 'text', 'utf-8', 'h2', '天衡2.0')`);
      await insert(`INSERT INTO "Model" ("id", "key", "name", "parameters", "parameterCount",
        "releasedAt") VALUES (1, '天衡', '天衡', '700亿', 70000000000, '2024-03'),
        (2, '问策', '问策', NULL, NULL, NULL)`);
      await insert(`INSERT INTO "ModelVersion" ("id", "modelId", "version", "parameters",
        "parameterCount", "releasedAt") VALUES (1, 1, '2', '1000亿', 100000000000, NULL)`);
      await insert(`INSERT INTO "Mention" ("documentId", "kind", "start", "end", "surface",
        "snippet", "snippetStart", "modelId", "modelVersionId") VALUES
        (2, 'MODEL', 0, 2, '天衡', '天衡2.0', 0, 1, NULL),
        (1, 'MODEL', 0, 2, '天衡', '天衡发布', 0, 1, NULL),
        (2, 'VERSION', 0, 5, '天衡2.0', '天衡2.0', 0, NULL, 1),
        (1, 'MODEL', 0, 2, '问策', '天衡发布', 0, 2, NULL)`);
      expect(await migrate(url)).toEqual([factsMigration]);
      const facts = await db.modelFact.findMany({
        orderBy: { id: 'asc' },
        select: {
          documentId: true,
          modelId: true,
          modelVersionId: true,
          parameters: true,
          parameterCount: true,
          releasedAt: true,
        },
      });
      // One fact per model and version that had any, from the earliest document mentioning it.
      expect(facts).toEqual([
        {
          documentId: 1,
          modelId: 1,
          modelVersionId: null,
          parameters: '700亿',
          parameterCount: 70000000000,
          releasedAt: '2024-03',
        },
        {
          documentId: 2,
          modelId: 1,
          modelVersionId: 1,
          parameters: '1000亿',
          parameterCount: 100000000000,
          releasedAt: null,
        },
      ]);
    } finally {
      await db.$disconnect();
      await remove();
    }
  });
});
