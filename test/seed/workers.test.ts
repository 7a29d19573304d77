import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';
import { rows } from '../support/dump.ts';

// Extraction on worker threads while the seeder's thread stores: the same reports in the same
// order and, row for row, the same graph as everything on one thread; a file a worker cannot
// read is reported like any other failure.

const CORPUS = DEV_CORPUS;
const dir = mkdtempSync(join(tmpdir(), 'kg-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const name of readdirSync(CORPUS)) {
  if (!name.endsWith('.gold.json')) copyFileSync(join(CORPUS, name), join(dir, name));
}
mkdirSync(join(dir, 'broken'));
writeFileSync(join(dir, 'broken', 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe]));

async function seedWith(workers: number) {
  const database = await createTestDatabase();
  await prepareDatabase(database.db, database.url);
  const report = await seedDirectory(database.db, dir, { workers, batchSize: 3 });
  return { database, report };
}

describe('seeding with extraction workers', () => {
  it('stores the same graph, row for row, as seeding on one thread', async () => {
    const one = await seedWith(0);
    const two = await seedWith(2);
    try {
      const summary = (r: typeof one.report) =>
        r.documents.map((d) => [d.source, d.status, 'error' in d ? d.error : undefined]);
      expect(summary(two.report)).toEqual(summary(one.report));
      expect(two.report.stored).toBeGreaterThanOrEqual(8);
      expect(two.report.failed).toBe(1);
      expect(two.report.timings.extract).toBeGreaterThan(0);
      if (one.database.dialect === 'sqlite') {
        expect(rows(two.database.url)).toEqual(rows(one.database.url));
      } else {
        const people = (db: typeof one.database.db) =>
          db.person.findMany({ select: { name: true, aliases: true }, orderBy: { id: 'asc' } });
        expect(await people(two.database.db)).toEqual(await people(one.database.db));
      }
    } finally {
      await one.database.drop();
      await two.database.drop();
    }
    // Two seeds of the dev corpus: past 60 s on PostgreSQL when the machine is busy.
  }, 180_000);
});
