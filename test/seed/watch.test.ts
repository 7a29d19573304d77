import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import type { SeedReport } from '../../src/seed/seed.ts';
import { watchFolder } from '../../src/seed/watch.ts';
import { tempDatabase } from '../support/build-extraction.ts';

// Several seeds, each waited for: minutes on a loaded machine.
const SLOW = { timeout: 300_000 };

// --watch: the graph follows a folder as files are added, changed and removed, through the same
// seed (skip unchanged, replace changed, prune removed).

const CORPUS = resolve(import.meta.dirname, '../fixtures/corpus');
const clients: Db[] = [];

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
});

const sources = async (db: Db) =>
  (await db.document.findMany({ select: { source: true } })).map((d) => d.source).sort();

describe('watching a folder', () => {
  it('stores new files, replaces changed ones and prunes removed ones', SLOW, async () => {
    const { db } = await tempDatabase();
    clients.push(db);
    const dir = mkdtempSync(join(tmpdir(), 'kg-watch-'));
    copyFileSync(join(CORPUS, 'dongchuan-bank-board-announcement-2025.txt'), join(dir, 'a.txt'));
    const reports: SeedReport[] = [];
    const watching = watchFolder(db, dir, {
      debounceMs: 100,
      onSeed: (report) => reports.push(report),
    });
    try {
      await watching.ready;
      expect(reports).toHaveLength(1);
      expect(await sources(db)).toEqual(['a.txt']);
      const people = await db.person.count();

      copyFileSync(join(CORPUS, 'songbai-life-claims-agent-2025.md'), join(dir, 'b.md'));
      await vi.waitFor(async () => expect(await sources(db)).toEqual(['a.txt', 'b.md']), {
        timeout: 120_000,
        interval: 100,
      });
      expect(await db.person.count()).toBeGreaterThan(people);

      const before = await db.document.findUniqueOrThrow({ where: { source: 'a.txt' } });
      writeFileSync(
        join(dir, 'a.txt'),
        `${readFileSync(join(dir, 'a.txt'), 'utf8')}\n补充说明：本公告无其他变更。\n`,
      );
      await vi.waitFor(
        async () => {
          const after = await db.document.findUniqueOrThrow({ where: { source: 'a.txt' } });
          expect(after.contentHash).not.toBe(before.contentHash);
          expect(after.id).toBe(before.id);
        },
        { timeout: 120_000, interval: 100 },
      );

      rmSync(join(dir, 'b.md'));
      await vi.waitFor(async () => expect(await sources(db)).toEqual(['a.txt']), {
        timeout: 120_000,
        interval: 100,
      });
      await watching.settled();
      expect(await db.person.count()).toBe(people);
      // The removal came as a seed that pruned the file's document.
      expect(reports.slice(1).some((r) => r.pruned === 1)).toBe(true);
    } finally {
      await watching.close();
    }
  });
});
