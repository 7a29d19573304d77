import Database from 'better-sqlite3';
import { onDataChanged } from './changes.ts';
import { type Db, sqlitePath, urlOf } from './client.ts';

// The data version: a number that moves whenever any process commits to the graph. What reads
// the graph and keeps something derived from it (the response cache, HTTP ETags, the relation
// index) compares it before trusting what it kept.
//   SQLite: `PRAGMA data_version` on a read-only connection of its own changes whenever any other
//     connection, in any process, commits to the file; reading it costs a few microseconds.
//   PostgreSQL: the version moves when the change notification of src/db/changes.ts arrives.

/** A number that changes whenever the graph changes; `close` releases what it watches with. */
export interface DataVersion {
  current(): number;
  /** Resolves once changes committed from now on move the version. */
  ready: Promise<void>;
  close(): Promise<void>;
}

function sqliteVersion(path: string): DataVersion {
  let connection: Database.Database | null = null;
  // Prepared once: `connection.pragma()` prepares its statement anew on every call, and the
  // version is read several times per request (2-3% of a request's CPU in bench/profile.ts).
  let read: Database.Statement | null = null;
  let generation = 0;
  let seen: number | null = null;
  return {
    ready: Promise.resolve(),
    current() {
      try {
        connection ??= new Database(path, { readonly: true, fileMustExist: true });
        read ??= connection.prepare('PRAGMA data_version').pluck();
        const now = read.get() as number;
        if (seen !== null && now !== seen) generation++;
        seen = now;
      } catch {
        // Unreadable for a moment (locked, not created yet): count it as a change, never as none.
        generation++;
        connection?.close();
        connection = null;
        read = null;
        seen = null;
      }
      return generation;
    },
    async close() {
      connection?.close();
      connection = null;
      read = null;
    },
  };
}

function notifiedVersion(db: Db): DataVersion {
  let generation = 0;
  const subscription = onDataChanged(db, () => {
    generation++;
  });
  return {
    current: () => generation,
    ready: subscription.ready,
    close: () => subscription.close(),
  };
}

/** The data version of the database `db` talks to. */
export function dataVersion(db: Db): DataVersion {
  const url = urlOf(db);
  const path = url === undefined ? null : sqlitePath(url);
  return path !== null && path !== ':memory:' ? sqliteVersion(path) : notifiedVersion(db);
}
