import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';

// Prisma's SQLite adapter keeps its better-sqlite3 connection to itself, and every statement sent
// through Prisma pays for its query interpreter, an argument mapping per bound value and a fresh
// `prepare`. For the rows that grow with the text (a seed of 1,000 documents writes 63,000
// mentions) that costs more than SQLite's own work: the same rows inserted on the connection with
// one prepared statement take about half the time (src/store/persist-rows.ts has the figures).
// This module keeps the connection of every SQLite client created by src/db/client.ts, so that
// code holding a transaction of that client can write on it directly. Prisma's SQLite adapter has
// one connection and a transaction is the connection's, so what is written there belongs to the
// transaction Prisma opened.

type Connection = Database.Database;

const connections = new WeakMap<object, Connection>();

/**
 * `factory` with every adapter it connects handing its connection to `keep`: Prisma connects
 * lazily (and again after $disconnect), so the connection is known from the first query on.
 */
export function capturingConnections(
  factory: SqlDriverAdapterFactory,
  keep: (connection: Connection) => void,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      const client = (adapter as { client?: unknown }).client;
      if (!(client instanceof Database)) {
        throw new Error('the SQLite adapter no longer exposes its better-sqlite3 connection');
      }
      keep(client);
      return adapter;
    },
  };
}

/**
 * The client itself under whatever Prisma hands out for it: a PrismaClient is a proxy of its
 * instance, a transaction client another, and both keep the instance as `_originalClient`
 * (test/db/sqlite-connection.test.ts checks it).
 */
const instanceOf = (db: object): object =>
  (db as { _originalClient?: object })._originalClient ?? db;

/** Records the connection of a client made by src/db/client.ts. */
export function rememberConnection(client: object, connection: Connection): void {
  connections.set(instanceOf(client), connection);
}

/**
 * The better-sqlite3 connection under a SQLite client or one of its transaction clients, or
 * undefined when Prisma has not connected yet or the client is not one of ours.
 */
export function sqliteConnectionOf(db: object): Connection | undefined {
  return connections.get(instanceOf(db));
}

const statements = new WeakMap<Connection, Map<string, Database.Statement>>();
/** Bulk statements come in a few shapes (a table and its columns); more would be a leak. */
const MAX_CACHED_STATEMENTS = 100;

/**
 * `sql` prepared once per connection. Its integers read as numbers, as Prisma returns them (the
 * adapter makes the connection read them as BigInt; row ids stay far below 2^53).
 */
export function preparedOn(connection: Connection, sql: string): Database.Statement {
  let cache = statements.get(connection);
  if (!cache) {
    cache = new Map();
    statements.set(connection, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    statement = connection.prepare(sql);
    if (statement.reader) statement.safeIntegers(false);
    cache.set(sql, statement);
  }
  return statement;
}
