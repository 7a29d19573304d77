import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../runtime/paths.ts';
import type { Dialect } from './dialect.ts';

// One data model, prisma/schema.prisma (SQLite), is the source of truth. The PostgreSQL schema is
// derived from it: the provider swapped, its client generated next to the SQLite one, and the
// Pothos types (the same for both) generated once. scripts/prisma-schemas.ts writes the derived
// file so `prisma generate` (and the Prisma CLI, where it can run) can read it.

/** Where each database's schema and migrations live. */
export const prismaPaths: Record<Dialect, { schema: string; migrations: string }> = {
  sqlite: {
    schema: join(projectRoot, 'prisma/schema.prisma'),
    migrations: join(projectRoot, 'prisma/migrations'),
  },
  postgresql: {
    schema: join(projectRoot, 'prisma/postgresql/schema.prisma'),
    migrations: join(projectRoot, 'prisma/postgresql/migrations'),
  },
};

const HEADER = `// Generated from prisma/schema.prisma by scripts/prisma-schemas.ts (npm run generate): edit
// that file, not this one.

`;

/** The PostgreSQL variant of the SQLite schema text. */
export function postgresqlSchema(sqlite: string): string {
  const swapped = sqlite
    .replace(/(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(
      /(generator client \{[^}]*output\s*=\s*)"\.\.\/src\/generated\/prisma"/,
      (_, head) => `${head}"../../src/generated/prisma-pg"`,
    )
    // The Pothos types do not depend on the database: the SQLite schema generates them.
    .replace(/\n\ngenerator pothos \{[^}]*\}\n/, '\n');
  if (!swapped.includes('provider = "postgresql"') || !swapped.includes('prisma-pg"')) {
    throw new Error('prisma/schema.prisma: datasource or client generator not where expected');
  }
  return HEADER + swapped;
}

/** The schema text for a database, derived from prisma/schema.prisma. */
export function schemaText(dialect: Dialect): string {
  const source = readFileSync(prismaPaths.sqlite.schema, 'utf8');
  return dialect === 'sqlite' ? source : postgresqlSchema(source);
}
