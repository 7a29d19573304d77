import { type Db, sqlitePath } from './client.ts';
import { migrateInThread } from './migrate.ts';

/**
 * How many pages the write-ahead log may hold before a commit copies it back into the database
 * file (SQLite's default is 1,000: 4 MB). A batch of 100 documents dirties more than that, so the
 * default checkpointed at every commit, and a page of an index that every batch touches was
 * copied (and synced) once per batch. Seeding 10,000 documents spent 11.4-11.7 s in COMMIT and
 * wrote 3.3 GB for a 320 MB database; with 20,000 pages 7.0 s and 2.4 GB, with 100,000 pages
 * 5.5 s and 2.1 GB. The log file grows to about this size (128 MB) and is removed when the last
 * connection closes.
 */
const WAL_CHECKPOINT_PAGES = 32_768;

/**
 * Brings the database at `url` to the current schema, and on SQLite turns on write-ahead
 * logging (readers do not block the seeder) with synchronous=NORMAL, safe under WAL and much
 * cheaper per transaction, checkpointed every WAL_CHECKPOINT_PAGES. Call it once before seeding
 * or serving.
 */
export async function prepareDatabase(db: Db, url: string): Promise<void> {
  await migrateInThread(url);
  if (sqlitePath(url) === null) return;
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
}
