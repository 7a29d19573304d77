import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-pg/client.ts';
import { type Dialect, dialectOf } from './dialect.ts';
import { postgresSettings } from './postgres-pool.ts';
import { capturingConnections, rememberConnection } from './sqlite-connection.ts';

/**
 * The client type the code is written against. Both generated clients come from the same data
 * model (src/db/schemas.ts), so their delegates, arguments and results are the same; the
 * PostgreSQL one is handed out under this type.
 */
export type Db = PrismaClient;

/** The SQLite file behind a `file:` URL, or null for other databases. */
export function sqlitePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.slice('file:'.length);
}

/** The driver adapter factory for a database URL (also used by the migration runner). */
export function adapterFor(url: string) {
  if (dialectOf(url) === 'postgresql') {
    const { pool, schema } = postgresSettings(url);
    return new PrismaPg(pool, {
      schema,
      // An idle connection the server dropped (restart, failover) is logged and replaced; an
      // unhandled pool error would end the process.
      onPoolError: (error) => console.error(`database connection lost: ${error.message}`),
    });
  }
  const path = sqlitePath(url)!;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // A busy timeout lets a reader wait for a concurrent seed's write lock instead of failing.
  return new PrismaBetterSqlite3({ url, timeout: 10_000 });
}

const urls = new WeakMap<object, string>();

/** A Prisma client on the database named by `url`; every test suite can have its own. */
export function createPrismaClient(url: string): Db {
  const db =
    dialectOf(url) === 'postgresql'
      ? likeSqlite(new PostgresPrismaClient({ adapter: adapterFor(url) }))
      : sqliteClient(url);
  urls.set(db, url);
  return db;
}

/** A SQLite client whose connection bulk writes can reach (src/db/sqlite-connection.ts). */
function sqliteClient(url: string): Db {
  const adapter = capturingConnections(adapterFor(url), (connection) =>
    rememberConnection(db, connection),
  );
  const db = new PrismaClient({ adapter });
  return db;
}

/** The URL a client of createPrismaClient was made for (src/db/changes.ts listens on it). */
export function urlOf(db: Db): string | undefined {
  return urls.get(db);
}

/**
 * Which database a client, an extension of one or a transaction client talks to. Prisma keeps
 * it on every such client as `_activeProvider` (test/postgres/client.test.ts checks all three).
 */
export function dialectOfClient(db: object): Dialect {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite') return 'sqlite';
  if (provider === 'postgresql') return 'postgresql';
  throw new Error(`unknown database provider ${provider}`);
}

const LIKE_FILTERS = ['contains', 'startsWith', 'endsWith'];

/** `args` with every contains/startsWith/endsWith filter made case-insensitive. */
function caseInsensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(caseInsensitive);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const entries = Object.entries(value).map(([key, inner]) => [
    key,
    key === 'data' ? inner : caseInsensitive(inner),
  ]);
  const filter = Object.fromEntries(entries);
  const isLike = LIKE_FILTERS.some((op) => typeof filter[op] === 'string');
  return isLike && filter.mode === undefined ? { ...filter, mode: 'insensitive' } : filter;
}

/**
 * SQLite's LIKE, behind Prisma's contains/startsWith/endsWith, ignores the case of Latin letters,
 * PostgreSQL's does not: a name filter for "gpt" must find GPT-4 on both. The PostgreSQL client
 * turns those filters into ILIKE, so the API code stays the same for both databases. The cast:
 * the extended client has the same delegates, which Prisma does not let one name as `Db`.
 */
function likeSqlite(client: PostgresPrismaClient): Db {
  return client.$extends({
    name: 'like-sqlite',
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          return query(caseInsensitive(args) as typeof args);
        },
      },
    },
  }) as unknown as Db;
}
