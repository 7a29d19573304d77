import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialectOf } from '../../src/db/dialect.ts';
import { diffFromMigrations, migrate } from '../../src/db/migrate.ts';
import { postgresqlSchema, prismaPaths, schemaText } from '../../src/db/schemas.ts';
import { createTestDatabaseUrl, testDialect } from '../support/database.ts';

// Each database has its own migrations folder; both must build exactly prisma/schema.prisma.

describe(`${testDialect()} migrations`, () => {
  const folder = prismaPaths[testDialect()].migrations;

  it('are applied once to an empty database, and found current the second time', async () => {
    const { url, remove } = await createTestDatabaseUrl({ migrated: false });
    try {
      expect(dialectOf(url)).toBe(testDialect());
      const all = readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(await migrate(url)).toEqual(all);
      expect(await migrate(url)).toEqual([]);
    } finally {
      await remove();
    }
  });

  it('build exactly the data model: a new migration would be empty', async () => {
    const { url, remove } = await createTestDatabaseUrl({ migrated: false });
    try {
      const sql = await diffFromMigrations(url, schemaText(testDialect()));
      expect(sql).toMatch(/This is an empty migration/);
    } finally {
      await remove();
    }
  });

  it('are locked to their provider', () => {
    const lock = readFileSync(join(folder, 'migration_lock.toml'), 'utf8');
    expect(lock).toMatch(new RegExp(`provider = "${testDialect()}"`));
  });
});

describe('the PostgreSQL schema', () => {
  it('is prisma/schema.prisma with the provider and client swapped, and is up to date', () => {
    const derived = postgresqlSchema(readFileSync(prismaPaths.sqlite.schema, 'utf8'));
    expect(readFileSync(prismaPaths.postgresql.schema, 'utf8')).toBe(derived);
    expect(derived).toMatch(/provider = "postgresql"/);
    expect(derived).toMatch(/output\s+= "..\/..\/src\/generated\/prisma-pg"/);
    expect(derived).not.toMatch(/prisma-pothos-types/);
    const models = (text: string) => text.match(/^model \w+/gm);
    expect(models(derived)).toEqual(models(readFileSync(prismaPaths.sqlite.schema, 'utf8')));
  });
});
