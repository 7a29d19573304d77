import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/client.ts';
import { migrate, migrateInThread } from '../../src/db/migrate.ts';
import { prismaPaths } from '../../src/db/schemas.ts';
import { createTestDatabaseUrl, testDialect } from '../support/database.ts';

// The seed command and the server migrate with the schema engine in a thread of its own
// (src/db/migrate.ts): the same migrations applied, the engine's errors reported as they were.

const scratch = mkdtempSync(join(tmpdir(), 'kg-migrate-thread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const migrationNames = (folder: string) =>
  readdirSync(folder)
    .filter((name) => /^\d+_/.test(name))
    .sort();

describe(`${testDialect()}: migrations applied in a thread`, () => {
  it('builds a new database and finds it current the second time', async () => {
    const { url, remove } = await createTestDatabaseUrl({ migrated: false });
    const db = createPrismaClient(url);
    try {
      const all = migrationNames(prismaPaths[testDialect()].migrations);
      expect(await migrateInThread(url)).toEqual(all);
      expect(await migrateInThread(url)).toEqual([]);
      expect(await db.person.count()).toBe(0);
    } finally {
      await db.$disconnect();
      await remove();
    }
  });

  it('reports a migration that fails as migrating in the process does', async () => {
    const folder = join(scratch, testDialect());
    cpSync(prismaPaths[testDialect()].migrations, folder, { recursive: true });
    mkdirSync(join(folder, '29991231000000_broken'));
    writeFileSync(
      join(folder, '29991231000000_broken', 'migration.sql'),
      'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n',
    );
    const failure = async (run: (url: string) => Promise<string[]>) => {
      const { url, remove } = await createTestDatabaseUrl();
      try {
        return await run(url).then(
          () => 'applied',
          (error: Error) => error.message,
        );
      } finally {
        await remove();
      }
    };
    const inThread = await failure((url) => migrateInThread(url, folder));
    expect(inThread).toMatch(/NoSuchTable|29991231000000_broken/);
    expect(inThread).toBe(await failure((url) => migrate(url, folder)));
  });
});
