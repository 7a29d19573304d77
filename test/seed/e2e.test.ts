import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { formatOf } from '../../src/ingest/read.ts';
import { prepareDocument } from '../../src/seed/pipeline.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { persistDocument } from '../../src/store/persist.ts';
import { graphByName, rowCounts, tempDatabase } from '../support/build-extraction.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// The whole pipeline (read, decode, clean, segment, extract, resolve, persist) on a real document
// of the corpus, through seedDirectory and through the seed command itself.

const CORPUS = DEV_CORPUS;
const ROUNDTABLE = 'finance-llm-roundtable-2024.txt';
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const clients: Db[] = [];

function folderWith(...names: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kg-e2e-'));
  for (const name of names) copyFileSync(join(CORPUS, name), join(dir, name));
  return dir;
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
});

describe('seeding a corpus document end to end', () => {
  it('seeds the roundtable twice with identical counts, and --force changes nothing', async () => {
    const { db } = await tempDatabase();
    clients.push(db);
    const dir = folderWith(ROUNDTABLE);
    const first = await seedDirectory(db, dir);
    expect(first.stored).toBe(1);
    const stored = first.documents[0]!;
    if (stored.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(stored)}`);
    expect(stored.counts.people).toBeGreaterThan(3);
    expect(stored.counts.institutions).toBeGreaterThan(3);
    const counts = await rowCounts(db);
    expect(counts.people).toBe(stored.counts.people);
    expect(counts.institutions).toBe(stored.counts.institutions);
    expect(counts.mentions).toBeGreaterThan(counts.names);
    const graph = await graphByName(db);

    const second = await seedDirectory(db, dir);
    expect(second.documents).toEqual([{ source: ROUNDTABLE, status: 'skipped' }]);
    expect(await rowCounts(db)).toEqual(counts);

    const forced = await seedDirectory(db, dir, { force: true });
    expect(forced.stored).toBe(1);
    expect(await rowCounts(db)).toEqual(counts);
    expect(await graphByName(db)).toEqual(graph);

    // Every mention's surface is where its offsets say, inside its snippet.
    const doc = await db.document.findUniqueOrThrow({
      where: { source: ROUNDTABLE },
      include: { mentions: true },
    });
    for (const m of doc.mentions) {
      expect(doc.text.slice(m.start, m.end)).toBe(m.surface);
      expect(doc.text.slice(m.snippetStart, m.snippetStart + m.snippet.length)).toBe(m.snippet);
    }
  });

  it('npm run seed prints a line per document and exits 1 only while a file fails', async () => {
    const { url, db } = await tempDatabase();
    clients.push(db);
    const dir = folderWith(ROUNDTABLE);
    writeFileSync(join(dir, 'broken.html'), Buffer.from([0, 0, 0, 1, 2, 3, 255, 0, 0, 0, 9, 0]));
    const env = { ...process.env, DATABASE_URL: url };
    const cli = ['--import', 'tsx', join(root, 'src/commands/seed.ts'), dir];
    const failing = await run(process.execPath, cli, { cwd: root, env }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failing?.code).toBe(1);
    const lines = failing!.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^broken\.html {2}FAILED: /);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ROUNDTABLE} {2}金融\\+大模型成行业趋势.* \\d+ people, \\d+ institutions, \\d+ models, \\d+ challenges, \\d+ relations$`,
      ),
    );
    expect(lines[2]).toMatch(/^2 documents: 1 stored, 0 skipped, 1 failed, 0 pruned in /);

    rmSync(join(dir, 'broken.html'));
    const again = await run(process.execPath, [...cli, '--prune'], { cwd: root, env });
    const [line, totals] = again.stdout.split('\n');
    expect(line).toBe(`${ROUNDTABLE}  skipped (unchanged)`);
    expect(totals).toMatch(/^1 documents: 0 stored, 1 skipped, 0 failed, 0 pruned in /);
  });

  it('the whole corpus gives the same graph whatever order its documents come in', async () => {
    const docs = readdirSync(CORPUS)
      .filter((name) => formatOf(name) !== null)
      .map((name) => {
        const raw = {
          source: name,
          format: formatOf(name)!,
          bytes: readFileSync(join(CORPUS, name)),
        };
        return prepareDocument(raw).prepared;
      });
    expect(docs.length).toBeGreaterThanOrEqual(8);
    const shuffled = docs.map((_, i) => docs[(i * 5 + 3) % docs.length]!);
    const graphs = [];
    for (const order of [docs, [...docs].reverse(), shuffled]) {
      const { db } = await tempDatabase();
      clients.push(db);
      for (const doc of order) await persistDocument(db, doc);
      graphs.push(await graphByName(db));
    }
    expect(graphs[1]).toEqual(graphs[0]);
    expect(graphs[2]).toEqual(graphs[0]);
  });
});
