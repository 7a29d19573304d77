import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { facts, rows } from '../support/dump.ts';
import { DEV_CORPUS, devDocuments, tempDatabase } from '../support/seed-process.ts';

// Re-seeding the real corpus through the real pipeline, compared as whole-database dumps: the
// same folder again changes nothing; after a document changes or goes (--prune), the graph holds
// exactly the facts a fresh seed of the folder as it now is would hold: the old version's facts,
// and the entities only it supported, are gone. (test/seed checks the same rules table by table
// on hand-made extractions.)

const clients: Db[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
});

async function database() {
  const { url } = await tempDatabase();
  const db = createPrismaClient(url);
  clients.push(db);
  await prepareDatabase(db, url);
  return { url, db };
}

function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-reseed-'));
  for (const name of devDocuments()) cpSync(join(DEV_CORPUS, name), join(dir, name));
  return dir;
}

/** The facts of a fresh database seeded from `dir` as it is now. */
async function freshFacts(dir: string) {
  const { url, db } = await database();
  const report = await seedDirectory(db, dir);
  expect(report.failed).toBe(0);
  return facts(url);
}

const ROUNDTABLE = 'finance-llm-roundtable-2024.txt';

describe('re-seeding', () => {
  it('the same folder again writes nothing; --force rewrites the same facts', async () => {
    const dir = corpusCopy();
    const { url, db } = await database();
    expect((await seedDirectory(db, dir)).failed).toBe(0);
    const stored = rows(url);
    const again = await seedDirectory(db, dir);
    expect(again.skipped).toBe(devDocuments().length);
    expect(rows(url)).toEqual(stored);
    const before = facts(url);
    expect((await seedDirectory(db, dir, { force: true })).stored).toBe(devDocuments().length);
    expect(facts(url)).toEqual(before);
    // The documents keep their ids; only their names and mentions are written anew.
    expect(rows(url).Document).toEqual(stored.Document);
  });

  it('a changed document replaces its facts: the graph is that of a fresh seed', async () => {
    const dir = corpusCopy();
    const { url, db } = await database();
    await seedDirectory(db, dir);
    const before = facts(url);
    // The roundtable loses one speaker, 冉翀 of 众源资本, who is in no other document, and its
    // second half.
    const text = readFileSync(join(dir, ROUNDTABLE), 'utf8')
      .replaceAll('众源资本高级投资副总裁', '')
      .replaceAll('冉翀', '');
    writeFileSync(join(dir, ROUNDTABLE), text.slice(0, Math.floor(text.length / 2)));
    const report = await seedDirectory(db, dir);
    expect(report.documents.filter((d) => d.status === 'stored')).toEqual([
      expect.objectContaining({ source: ROUNDTABLE, replaced: true }),
    ]);
    const after = facts(url);
    const named = (table: string[] | undefined, name: string) =>
      (table ?? []).some((row) => row.includes(name));
    expect(named(before.Person, '冉翀')).toBe(true);
    expect(named(after.Person, '冉翀')).toBe(false);
    expect(named(after.Institution, '众源资本')).toBe(false);
    expect(after.Mention!.length).toBeLessThan(before.Mention!.length);
    expect(after).toEqual(await freshFacts(dir));
  });

  it('--prune removes the documents whose files are gone and what only they supported', async () => {
    const dir = corpusCopy();
    const { url, db } = await database();
    await seedDirectory(db, dir);
    const before = facts(url);
    rmSync(join(dir, ROUNDTABLE));
    rmSync(join(dir, 'bank-tianheng-llm-launch-2024.html'));
    expect(facts(url)).toEqual(before);
    const kept = await seedDirectory(db, dir);
    expect(kept.pruned).toBe(0);
    expect(facts(url)).toEqual(before);
    const pruned = await seedDirectory(db, dir, { prune: true });
    expect(pruned.pruned).toBe(2);
    const after = facts(url);
    expect(after.Document).toHaveLength(devDocuments().length - 2);
    expect(after.Person!.length).toBeLessThan(before.Person!.length);
    expect(after.Institution!.length).toBeLessThan(before.Institution!.length);
    expect(after).toEqual(await freshFacts(dir));
  });

  // A model's parameters and release date are derived from what each document states
  // (ModelFact, src/store/model-facts.ts): 天衡's 700亿/2024-03 and 问策's 1300亿/2024-06 are
  // stated only by bank-tianheng-llm-launch-2024.html and must go with it.
  it('--prune also forgets model parameters and dates only the pruned document stated', async () => {
    const dir = corpusCopy();
    const { url, db } = await database();
    await seedDirectory(db, dir);
    rmSync(join(dir, 'bank-tianheng-llm-launch-2024.html'));
    await seedDirectory(db, dir, { prune: true });
    expect(facts(url).Model).toEqual((await freshFacts(dir)).Model);
  });
});
