import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onDataChanged } from '../../src/db/changes.ts';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// onDataChanged hears every committed graph write, whichever client or process makes it: what a
// response cache subscribes to so that no process serves a graph another one has changed.

const CORPUS = DEV_CORPUS;
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let database: TestDatabase;
let writer: Db;

function folderWith(...names: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kg-changes-'));
  for (const name of names) copyFileSync(join(CORPUS, name), join(dir, name));
  return dir;
}

/** Resolves at the next change announced on the database. */
function nextChange() {
  let heard: () => void = () => {};
  const changed = new Promise<void>((resolve) => {
    heard = resolve;
  });
  const subscription = onDataChanged(database.db, () => heard());
  return { changed, subscription };
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Another client on the same database: its own connection (SQLite) or pool (PostgreSQL).
  writer = createPrismaClient(database.url);
});
afterAll(async () => {
  await writer.$disconnect();
  await database.drop();
});

describe('onDataChanged', () => {
  it('hears a write made through another client of this process', async () => {
    const { changed, subscription } = nextChange();
    await subscription.ready;
    const report = await seedDirectory(writer, folderWith('finance-llm-roundtable-2024.txt'));
    expect(report.stored).toBe(1);
    await changed;
    await subscription.close();
  });

  it('hears a seed run by another process', async () => {
    const { changed, subscription } = nextChange();
    let calls = 0;
    const counting = onDataChanged(database.url, () => calls++);
    await Promise.all([subscription.ready, counting.ready]);
    const dir = folderWith('bank-tianheng-llm-launch-2024.html');
    const env = { ...process.env, DATABASE_URL: database.url };
    await run(process.execPath, ['--import', 'tsx', join(root, 'src/commands/seed.ts'), dir], {
      cwd: root,
      env,
    });
    await changed;
    expect(calls).toBeGreaterThan(0);
    await Promise.all([subscription.close(), counting.close()]);
  });

  it('refuses a client it cannot tell the database of', () => {
    expect(() => onDataChanged({} as Db, () => {})).toThrow(/createPrismaClient/);
  });
});
