import pg from 'pg';
import { redactUrl } from './dialect.ts';
import { postgresSettings } from './postgres-pool.ts';

// Advisory locks: several processes (servers starting together, seeds running side by side)
// share one PostgreSQL database, and some of their work must not interleave. The keys are
// arbitrary constants, the same in every process of this project.

/** Held while the migrations are applied. */
const MIGRATION_LOCK = 4_107_231_801;
/** Held, for one transaction, by every write to the graph (src/db/write-transaction.ts). */
export const GRAPH_WRITE_LOCK = 4_107_231_802;

/** How long a process waits for another one's migrations before giving up. */
const MIGRATION_WAIT_MS = 300_000;

/** A single connection (not a pool) for a `postgresql://` URL. */
export function postgresClient(url: string, database?: string): pg.Client {
  const { pool } = postgresSettings(url);
  const connectionString = new URL(pool.connectionString!);
  if (database !== undefined) connectionString.pathname = `/${encodeURIComponent(database)}`;
  return new pg.Client({ ...pool, connectionString: connectionString.toString() });
}

/**
 * Creates the database a URL names when the server does not have it yet (as `prisma migrate
 * deploy` does), connecting to the `postgres` maintenance database to do so.
 */
async function ensureDatabase(url: string): Promise<void> {
  const probe = postgresClient(url);
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => {});
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = postgresClient(url, 'postgres');
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Another process created it first.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Runs `migrate` while holding the migration lock of the database at `url`, on a connection of
 * its own: processes that start together apply the migrations one after the other, and the later
 * ones find nothing left to do. Fails, rather than waits forever, after five minutes.
 */
export async function withMigrationLock<T>(url: string, migrate: () => Promise<T>): Promise<T> {
  await ensureDatabase(url);
  const client = postgresClient(url);
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`SET statement_timeout = ${MIGRATION_WAIT_MS}`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await migrate();
  } catch (error) {
    if ((error as { code?: string }).code === '57014') {
      throw new Error(`${redactUrl(url)}: another process held the migration lock too long`);
    }
    throw error;
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}
