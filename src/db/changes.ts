import Database from 'better-sqlite3';
import type pg from 'pg';
import { type Db, sqlitePath, urlOf } from './client.ts';
import { dialectOf, redactUrl } from './dialect.ts';
import { postgresClient } from './postgres-locks.ts';

// "The graph changed": what a cache needs to hear from every process that writes, not only its
// own. Several servers may serve one database while seeds write to it.
//   PostgreSQL: every graph write sends a NOTIFY in its transaction (src/db/write-transaction.ts);
//     one LISTEN connection per process and database hears it when the write commits.
//   SQLite: `PRAGMA data_version` on a connection of its own changes whenever any connection,
//     in any process, commits to the file; it is read every `pollMs` (a few microseconds each),
//     and at once after a write made by this process.
// After a lost PostgreSQL connection, listeners are told once it is back: whatever changed in
// between was missed, so everything must be taken as changed.

/** The PostgreSQL channel graph writes NOTIFY (its payload: the schema written to). */
export const CHANGE_CHANNEL = 'kg_data_changed';

export type DataChangeListener = () => void;

export interface WatchOptions {
  /** SQLite: how often the data version is read (ms); 500 by default. */
  pollMs?: number;
}

export interface DataChangeSubscription {
  /** Resolves once changes committed from now on will be heard. */
  ready: Promise<void>;
  /** Stops calling the listener; the last one to leave closes the watcher's connection. */
  close(): Promise<void>;
}

interface Watcher {
  listeners: Set<DataChangeListener>;
  ready: Promise<void>;
  /** Look for a change now (a write of this process has committed). */
  poke(): void;
  stop(): Promise<void>;
}

const watchers = new Map<string, Watcher>();

function emit(listeners: Set<DataChangeListener>) {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      console.error('data change listener failed', error);
    }
  }
}

function sqliteWatcher(path: string, pollMs: number): Watcher {
  const listeners = new Set<DataChangeListener>();
  let connection: Database.Database | null = null;
  let version: number | null = null;
  const check = () => {
    try {
      connection ??= new Database(path, { fileMustExist: true });
      const now = connection.pragma('data_version', { simple: true }) as number;
      if (version !== null && now !== version) emit(listeners);
      version = now;
    } catch {
      // Not created yet, or busy: the next poll tries again.
    }
  };
  check();
  const timer = setInterval(check, pollMs);
  timer.unref();
  return {
    listeners,
    ready: Promise.resolve(),
    poke: () => setImmediate(check),
    async stop() {
      clearInterval(timer);
      connection?.close();
    },
  };
}

function postgresWatcher(url: string): Watcher {
  const listeners = new Set<DataChangeListener>();
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let retry: NodeJS.Timeout | undefined;
  let firstReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    firstReady = resolve;
  });

  const connect = async (reconnecting: boolean) => {
    const current = postgresClient(url);
    client = current;
    const reconnect = (error?: Error) => {
      if (stopped || client !== current) return;
      client = null;
      if (error) console.error(`${redactUrl(url)}: change listener lost: ${error.message}`);
      current.end().catch(() => {});
      retry = setTimeout(() => void connect(true), retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    current.on('error', reconnect);
    current.on('end', () => reconnect());
    try {
      await current.connect();
      const { rows } = await current.query<{ schema: string }>('SELECT current_schema() AS schema');
      const schema = rows[0]?.schema;
      current.on('notification', (message) => {
        if (message.channel === CHANGE_CHANNEL && message.payload === schema) emit(listeners);
      });
      await current.query(`LISTEN ${CHANGE_CHANNEL}`);
      retryMs = 500;
      firstReady();
      if (reconnecting) emit(listeners);
    } catch (error) {
      reconnect(error as Error);
    }
  };
  void connect(false);

  return {
    listeners,
    ready,
    poke: () => {},
    async stop() {
      stopped = true;
      clearTimeout(retry);
      firstReady();
      await client?.end().catch(() => {});
    },
  };
}

/**
 * Calls `listener` after any process commits a change to the graph in the database `db` (a
 * client of createPrismaClient) or `url` names. Listeners of one database share one watcher per
 * process.
 */
export function onDataChanged(
  target: Db | string,
  listener: DataChangeListener,
  options: WatchOptions = {},
): DataChangeSubscription {
  const url = typeof target === 'string' ? target : urlOf(target);
  if (url === undefined) throw new Error('onDataChanged: not a client made by createPrismaClient');
  let watcher = watchers.get(url);
  if (!watcher) {
    watcher =
      dialectOf(url) === 'postgresql'
        ? postgresWatcher(url)
        : sqliteWatcher(sqlitePath(url)!, options.pollMs ?? 500);
    watchers.set(url, watcher);
  }
  const held = watcher;
  held.listeners.add(listener);
  return {
    ready: held.ready,
    async close() {
      held.listeners.delete(listener);
      if (held.listeners.size === 0 && watchers.get(url) === held) {
        watchers.delete(url);
        await held.stop();
      }
    },
  };
}

/**
 * Called after this process committed a write through `db`: watchers that must look for changes
 * (SQLite) look now rather than at their next poll.
 */
export function announceLocalChange(db: Db): void {
  const url = urlOf(db);
  if (url !== undefined) watchers.get(url)?.poke();
}
