import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { formatOf } from '../../src/ingest/read.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { graphByName, rowCounts } from '../support/build-extraction.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// Seeds in several processes, on disjoint parts of a corpus, into one PostgreSQL database end
// with the graph one sequential seed gives on SQLite (so also: both databases hold the same graph). The parts hold
// different documents naming some of the same people and institutions under different names, so
// seeds that interleaved their entity resolution would create an entity twice or derive its
// names from only some of its documents. Each document comes in three copies (three sources) to
// give the seeds more writes to interleave.

const CORPUS = DEV_CORPUS;
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const clients: Db[] = [];
const documents = readdirSync(CORPUS).filter((name) => formatOf(name) !== null);
const COPIES = ['a', 'b', 'c'];
const PARTS = 3;

/** Copies of `names` into `dir`, each under every prefix of COPIES. */
function copies(dir: string, names: string[]) {
  for (const name of names) {
    for (const prefix of COPIES) copyFileSync(join(CORPUS, name), join(dir, `${prefix}-${name}`));
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(clients.map((db) => db.$disconnect()));
});

describe('parallel seeding', () => {
  it('three seed processes on disjoint parts give the graph of one sequential seed on SQLite', async () => {
    const everything = copies(mkdtempSync(join(tmpdir(), 'kg-parallel-all-')), documents);
    const parts = Array.from({ length: PARTS }, (_, part) =>
      copies(
        mkdtempSync(join(tmpdir(), `kg-parallel-${part}-`)),
        documents.filter((_, i) => i % PARTS === part),
      ),
    );

    const parallel = await createTestDatabase();
    clients.push(parallel.db);
    const env = { ...process.env, DATABASE_URL: parallel.url };
    const seeding = Promise.all(
      parts.map((dir) =>
        run(
          process.execPath,
          ['--import', 'tsx', join(root, 'src/commands/seed.ts'), dir, '--batch-size', '1'],
          { cwd: root, env },
        ).catch((error: Error & { stdout?: string; stderr?: string }) => {
          throw new Error(`${error.message}\n${error.stdout}\n${error.stderr}`);
        }),
      ),
    );
    // The reference, while they run: one sequential seed of everything, on SQLite.
    const sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), 'kg-parallel-sqlite-')), 'kg.db')}`;
    await migrate(sqliteUrl);
    const sequential = createPrismaClient(sqliteUrl);
    clients.push(sequential);
    const report = await seedDirectory(sequential, everything);
    expect(report.stored).toBe(documents.length * COPIES.length);

    const seeds = await seeding;
    for (const seed of seeds) expect(seed.stdout).toMatch(/ stored, 0 skipped, 0 failed/);
    expect(await parallel.db.document.count()).toBe(documents.length * COPIES.length);

    const duplicates = await parallel.db.institution.groupBy({
      by: ['name'],
      _count: { _all: true },
      having: { name: { _count: { gt: 1 } } },
    });
    expect(duplicates).toEqual([]);
    expect(await graphByName(parallel.db)).toEqual(await graphByName(sequential));
    expect(await rowCounts(parallel.db)).toEqual(await rowCounts(sequential));
  });
});
