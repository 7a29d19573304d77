import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { facts, rows } from '../support/dump.ts';
import { writeHostileCorpus } from '../support/hostile-corpus.ts';
import { DEV_CORPUS, devDocuments, seed, seedHere, tempDatabase } from '../support/seed-process.ts';

// `npm run seed` on a folder where the dev corpus, already stored, meets the hostile files of
// hostile-corpus.ts, and one stored document whose file went bad: every failure is a line naming
// the file and the reason, everything readable is stored, the exit code says a file failed, and
// what was stored before is all still there, unchanged: the graph is exactly that of a clean seed
// of the files that could be read (the bad file's earlier version included). A file the seeder
// may not read is a chmod 000 file when the tests run as a user, and a FIFO always (as root, in
// CI, permissions refuse nothing).

const BROKEN = 'fund-research-llm-copyright-2025.txt';

describe('seeding a hostile corpus', () => {
  it('reports each bad file with its reason, stores the rest, exits 1, and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-hostile-'));
    for (const name of devDocuments()) cpSync(join(DEV_CORPUS, name), join(dir, name));
    const database = await tempDatabase();
    expect((await seedHere(database.url, dir)).failed).toBe(0);
    const before = rows(database.url);

    const hostile = writeHostileCorpus(dir);
    writeFileSync(join(dir, BROKEN), Buffer.from([0, 159, 146, 150, 0, 0, 7, 255]));
    const run = await seed(database.url, dir);

    expect(run.code).toBe(1);
    const lines = new Map(
      run.stdout
        .split('\n')
        .map((line) => line.split('  '))
        .filter((parts) => parts.length >= 2)
        .map(([source, ...rest]) => [source!, rest.join('  ')]),
    );
    for (const { source, expect: outcome } of hostile) {
      const line = lines.get(source);
      if (outcome === 'stored')
        expect({ source, line }).toEqual({ source, line: expect.not.stringMatching(/FAILED/) });
      else
        expect({ source, line }).toEqual({
          source,
          line: expect.stringMatching(new RegExp(`^FAILED: .*${outcome.source}`)),
        });
    }
    expect(lines.get(BROKEN)).toMatch(/^FAILED: cannot decode .*binary/);
    for (const name of devDocuments().filter((n) => n !== BROKEN)) {
      expect(lines.get(name)).toBe('skipped (unchanged)');
    }
    const stored = hostile.filter((f) => f.expect === 'stored');
    const failed = hostile.length - stored.length + 1;
    expect(run.stdout).toContain(
      `${hostile.length + devDocuments().length} documents: ${stored.length} stored, ${devDocuments().length - 1} skipped, ${failed} failed`,
    );
    // The subfolder linking back to its parent was walked once: nothing under sub/ was seeded.
    expect([...lines.keys()].some((source) => source.startsWith('sub/'))).toBe(false);

    // Nothing stored before is gone or changed, the bad file's document included.
    const after = rows(database.url);
    expect(after.Document!.slice(0, before.Document!.length)).toEqual(before.Document);
    const db = new Database(database.url.replace(/^file:/, ''), { readonly: true });
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();

    // And the graph is what a clean folder of the readable files gives.
    const clean = mkdtempSync(join(tmpdir(), 'kg-clean-'));
    for (const name of devDocuments()) cpSync(join(DEV_CORPUS, name), join(clean, name));
    for (const { source } of stored) cpSync(join(dir, source), join(clean, source));
    const reference = await tempDatabase();
    expect((await seedHere(reference.url, clean)).failed).toBe(0);
    expect(facts(database.url)).toEqual(facts(reference.url));
  });
});
