import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/** The SQLite file behind a `file:` URL, or null for other databases. */
export function sqlitePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.slice('file:'.length);
}

/** The driver adapter factory for a database URL (also used by the migration runner). */
export function adapterFor(url: string) {
  const path = sqlitePath(url);
  if (path === null) {
    throw new Error(
      `Unsupported DATABASE_URL "${url.replace(/\/\/[^@]*@/, '//***@')}": use file:…`,
    );
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // A busy timeout lets a reader wait for a concurrent seed's write lock instead of failing.
  return new PrismaBetterSqlite3({ url, timeout: 10_000 });
}

/** A Prisma client on the database named by `url`; every test suite can have its own. */
export function createPrismaClient(url: string): Db {
  return new PrismaClient({ adapter: adapterFor(url) });
}
