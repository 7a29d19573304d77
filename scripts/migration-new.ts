// Writes the next migration for both databases: the SQL between what each migrations folder
// builds and prisma/schema.prisma (PostgreSQL: its derived variant), as
// `prisma migrate dev --create-only` would.
//   npm run migration:new -- <name>
// The PostgreSQL diff needs a server to replay the migrations on: MIGRATION_POSTGRES_URL (a
// superuser, or a role that may create databases), else a throwaway one started from this
// machine's PostgreSQL binaries (scripts/postgres-server.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../src/db/dialect.ts';
import { diffFromMigrations, migrationLock } from '../src/db/migrate.ts';
import { prismaPaths, schemaText } from '../src/db/schemas.ts';
import { startPostgresServer } from './postgres-server.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run migration:new -- <name>');
  process.exit(2);
}

async function postgresDiff(): Promise<string> {
  const given = process.env.MIGRATION_POSTGRES_URL;
  if (given) return diffFromMigrations(given, schemaText('postgresql'));
  const server = await startPostgresServer();
  try {
    return await diffFromMigrations(server.url, schemaText('postgresql'));
  } finally {
    await server.stop();
  }
}

async function sqliteDiff(): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'kg-migration-'));
  try {
    return await diffFromMigrations(`file:${join(scratch, 'scratch.db')}`, schemaText('sqlite'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const diffs: [Dialect, string][] = [
  ['sqlite', await sqliteDiff()],
  ['postgresql', await postgresDiff()],
];

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
for (const [dialect, sql] of diffs) {
  const folder = prismaPaths[dialect].migrations;
  if (!sql.trim() || /This is an empty migration/.test(sql)) {
    console.log(`${dialect}: the migrations build schema.prisma already, nothing to write`);
    continue;
  }
  const dir = join(folder, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  writeFileSync(join(folder, 'migration_lock.toml'), migrationLock(dialect));
  console.log(`${dialect}: wrote ${dir}/migration.sql`);
}
