import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { counts, rows } from '../support/dump.ts';
import {
  copiedCorpus,
  devDocuments,
  seed,
  startScript,
  tempDatabase,
} from '../support/seed-process.ts';

// The seed command killed with SIGKILL in the middle of a run (no handler runs, no transaction
// is finished), then run again: the database ends exactly as after one uninterrupted run, row
// for row and id for id. Batches of five documents, so that the kill can fall inside a batch's
// transaction as well as between two.

const COPIES = 15;
const BATCH = ['--batch-size', '5'];
const reported = (stdout: string) => stdout.split('\n').filter((l) => / {2}\S/.test(l)).length;

describe('a seed killed mid-run', () => {
  it('leaves a consistent database, and the rerun gives the graph of an uninterrupted run', async () => {
    const corpus = copiedCorpus(COPIES);
    const total = COPIES * devDocuments().length;

    const whole = await tempDatabase();
    const uninterrupted = await seed(whole.url, corpus, ...BATCH);
    expect(uninterrupted.code).toBe(0);
    expect(uninterrupted.stdout).toContain(`${total} documents: ${total} stored`);

    const killed = await tempDatabase();
    const run = startScript('src/commands/seed.ts', [corpus, ...BATCH], {
      DATABASE_URL: killed.url,
    });
    await run.waitFor((stdout) => reported(stdout) >= 10);
    run.child.kill('SIGKILL');
    const ended = await run.finished;
    expect(ended.signal).toBe('SIGKILL');
    expect(ended.stdout).not.toMatch(/documents: .* stored/);

    // What the killed run left: whole batches only, and a database SQLite finds sound.
    const db = new Database(killed.url.replace(/^file:/, ''));
    const [check] = db.pragma('integrity_check') as { integrity_check: string }[];
    const stored = (db.prepare('SELECT count(*) AS n FROM "Document"').get() as { n: number }).n;
    db.close();
    expect(check!.integrity_check).toBe('ok');
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(total);
    expect(stored % 5).toBe(0);

    const rerun = await seed(killed.url, corpus, ...BATCH);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(
      `${total} documents: ${total - stored} stored, ${stored} skipped`,
    );

    const expected = rows(whole.url);
    const actual = rows(killed.url);
    expect(counts(actual)).toEqual(counts(expected));
    expect(actual).toEqual(expected);
  });
});
