import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { prismaPaths } from '../../src/db/schemas.ts';
import { persistDocument } from '../../src/store/persist.ts';
import { prepared } from '../support/build-extraction.ts';
import { createTestDatabaseUrl, testDialect } from '../support/database.ts';

// A graph seeded before confidence existed: the `confidence` migration gives its rows the default
// evidence ('pattern', 0.5), keeps the search index's triggers, and later seeds derive the
// confidence of the old rows from old and new findings alike.

const scratch = mkdtempSync(join(tmpdir(), 'kg-migrate-confidence-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TRIGGERS = {
  sqlite: `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'`,
  postgresql: `SELECT COUNT(*) AS n FROM information_schema.triggers WHERE event_object_table IN ('Person', 'Institution', 'Model', 'Challenge')`,
};

describe(`${testDialect()}: the confidence migration on an existing graph`, () => {
  it('gives existing rows the default and lets new findings refresh them', async () => {
    const { url, remove } = await createTestDatabaseUrl({ migrated: false });
    const all = prismaPaths[testDialect()].migrations;
    const before = join(scratch, `${testDialect()}-before-confidence`);
    cpSync(all, before, { recursive: true });
    // The folder as it stood before the confidence migration: it and every later one removed.
    const names = readdirSync(before)
      .filter((name) => /^\d+_/.test(name))
      .sort();
    const confidence = names.find((name) => name.endsWith('_confidence'))!;
    const fromConfidence = names.slice(names.indexOf(confidence));
    for (const name of fromConfidence) rmSync(join(before, name), { recursive: true });
    const db = createPrismaClient(url);
    const triggers = async () =>
      Number(((await db.$queryRawUnsafe(TRIGGERS[testDialect()])) as { n: unknown }[])[0]!.n);
    try {
      await migrate(url, before);
      const triggersBefore = await triggers();
      expect(triggersBefore).toBeGreaterThan(0);
      const insert = (sql: string) => db.$executeRawUnsafe(sql);
      await insert(`INSERT INTO "Document" ("id", "source", "title", "format", "encoding",
        "contentHash", "text") VALUES (1, 'old.txt', 'old', 'txt', 'utf-8', 'h1', '星河银行副行长张明远')`);
      await insert(`INSERT INTO "Person" ("id", "key", "name") VALUES (1, '张明远', '张明远')`);
      await insert(
        `INSERT INTO "Institution" ("id", "key", "name") VALUES (1, '星河银行', '星河银行')`,
      );
      await insert(`INSERT INTO "Affiliation" ("id", "personId", "institutionId", "role")
        VALUES (1, 1, 1, '副行长')`);
      await insert(`INSERT INTO "Name" ("documentId", "kind", "name", "key", "strong", "personId")
        VALUES (1, 'PERSON', '张明远', '张明远', true, 1)`);
      await insert(`INSERT INTO "Name" ("documentId", "kind", "name", "key", "strong", "institutionId")
        VALUES (1, 'INSTITUTION', '星河银行', '星河银行', true, 1)`);
      await insert(`INSERT INTO "Mention" ("documentId", "kind", "start", "end", "surface",
        "snippet", "snippetStart", "personId", "institutionId", "affiliationId") VALUES
        (1, 'PERSON', 7, 10, '张明远', '星河银行副行长张明远', 0, 1, NULL, NULL),
        (1, 'INSTITUTION', 0, 4, '星河银行', '星河银行副行长张明远', 0, NULL, 1, NULL),
        (1, 'AFFILIATION', 7, 10, '张明远', '星河银行副行长张明远', 0, NULL, NULL, 1)`);

      if (testDialect() === 'postgresql') {
        // Rows inserted with their ids leave PostgreSQL's sequences behind.
        for (const table of ['Document', 'Person', 'Institution', 'Affiliation']) {
          await db.$queryRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), MAX("id")) FROM "${table}"`,
          );
        }
      }

      expect(await migrate(url)).toEqual(fromConfidence);
      expect(await triggers()).toBe(triggersBefore);
      const support = { confidence: true, basis: true } as const;
      const pattern = { confidence: 0.5, basis: 'pattern' };
      expect(await db.person.findMany({ select: support })).toEqual([pattern]);
      expect(await db.institution.findMany({ select: support })).toEqual([pattern]);
      expect(await db.affiliation.findMany({ select: support })).toEqual([pattern]);
      expect(await db.mention.findMany({ select: support })).toEqual([pattern, pattern, pattern]);

      // A new document finds the same person and affiliation on stronger evidence.
      await persistDocument(
        db,
        prepared('new.txt', '星河银行副行长张明远表示，转型仍在推进。', {
          people: [{ ref: 'p', names: ['张明远'] }],
          institutions: [{ ref: 'i', names: ['星河银行'] }],
          affiliations: [['p', 'i', '副行长']],
          support: { p: [0.9, 'title_after'], 'p>i': [0.8, 'title_after'] },
        }),
      );
      expect(await db.person.findMany({ select: { id: true, ...support } })).toEqual([
        { id: 1, confidence: 0.9, basis: 'title_after' },
      ]);
      expect(await db.affiliation.findMany({ select: { id: true, ...support } })).toEqual([
        { id: 1, confidence: 0.8, basis: 'title_after' },
      ]);
      expect(await db.institution.findMany({ select: support })).toEqual([pattern]);
    } finally {
      await db.$disconnect();
      await remove();
    }
  });
});
