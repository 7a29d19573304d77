import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOUNCEMENT, makePdf } from '../support/pdf.ts';
import { ROOT, startScript, tempDatabase } from '../support/seed-process.ts';
import { type Site, sitemap, startSite } from '../support/site.ts';

// Each test starts the seed command (through tsx) once or twice: minutes on a loaded machine.
const SLOW = { timeout: 300_000 };

// `npm run seed -- <sources>…` as a user runs it: any mix of URLs, files, folders and @lists;
// per-document lines when not on a terminal (unchanged for the folder case), --json, a progress
// bar on a terminal (under script(1), which gives the command a pseudo-terminal), and an exit
// code that says whether any source failed.

const CORPUS = resolve(import.meta.dirname, '../fixtures/corpus');
const run = promisify(execFile);
let site: Site;

beforeAll(async () => {
  site = await startSite({
    '/a.txt': {
      type: 'text/plain; charset=utf-8',
      body: readFileSync(join(CORPUS, 'dongchuan-bank-board-announcement-2025.txt')),
    },
    '/notice.pdf': { type: 'application/pdf', body: makePdf(ANNOUNCEMENT) },
    '/sitemap.xml': sitemap(['/a.txt', '/notice.pdf']),
  });
});

afterAll(async () => {
  await site.close();
});

const seed = (url: string, ...args: string[]) =>
  startScript('src/commands/seed.ts', args, { DATABASE_URL: url }).finished;

describe('npm run seed with sources', () => {
  it(
    'takes URLs, a file, a folder and a list; prints a line each; fails when one failed',
    SLOW,
    async () => {
      const { dir, url } = await tempDatabase();
      const folder = mkdtempSync(join(tmpdir(), 'kg-cli-folder-'));
      copyFileSync(join(CORPUS, 'songbai-life-claims-agent-2025.md'), join(folder, 'songbai.md'));
      const file = join(dir, 'huihe.txt');
      copyFileSync(join(CORPUS, 'huihe-consumer-finance-renamed-2025.txt'), file);
      const list = join(dir, 'urls.txt');
      writeFileSync(list, `${site.origin}/missing.html\n`);

      const first = await seed(url, `${site.origin}/sitemap.xml`, file, folder, `@${list}`);
      expect(first.code, first.stderr).toBe(1);
      const lines = first.stdout.trim().split('\n');
      expect(lines[0]).toBe(`${site.origin}/sitemap.xml  sitemap: 2 links`);
      expect(lines).toContain(`${site.origin}/missing.html  FAILED: HTTP 404`);
      expect(lines.find((l) => l.startsWith('huihe.txt  '))).toMatch(
        /^huihe\.txt {2}\S.* {2}\d+ people, \d+ institutions, \d+ models, \d+ challenges, \d+ relations$/,
      );
      expect(lines.find((l) => l.startsWith('songbai.md  '))).toBeDefined();
      expect(lines.find((l) => l.startsWith(`${site.origin}/notice.pdf  `))).toMatch(
        /岚山证券股份有限公司关于聘任首席信息官.* 2 people, /,
      );
      expect(lines.at(-2)).toMatch(
        /^5 documents: 4 stored, 0 skipped, 1 failed, 0 pruned in [\d.]+ s \([\d.]+ documents\/s\)$/,
      );

      const json = await seed(url, `${site.origin}/sitemap.xml`, file, '--json');
      expect(json.code, json.stderr).toBe(0);
      const objects = json.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(objects.slice(0, -1)).toEqual([
        { source: `${site.origin}/sitemap.xml`, status: 'listed', kind: 'sitemap', urls: 2 },
        { source: 'huihe.txt', status: 'skipped' },
        { source: `${site.origin}/a.txt`, status: 'skipped' },
        { source: `${site.origin}/notice.pdf`, status: 'skipped' },
      ]);
      expect(objects.at(-1)).toMatchObject({
        summary: { stored: 0, skipped: 3, failed: 0, pruned: 0 },
      });
    },
  );

  it('refuses --prune and --watch with anything but one folder', SLOW, async () => {
    const { url } = await tempDatabase();
    const result = await seed(url, `${site.origin}/sitemap.xml`, '--prune');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--prune needs exactly one folder/);
  });

  it('shows a progress bar on a terminal, and the summary', SLOW, async () => {
    const { dir, url } = await tempDatabase();
    const typescript = join(dir, 'typescript');
    const command = [
      process.execPath,
      '--import',
      'tsx',
      join(ROOT, 'src/commands/seed.ts'),
      `${site.origin}/sitemap.xml`,
    ]
      .map((part) => `'${part}'`)
      .join(' ');
    await run('script', ['-qfec', command, typescript], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, COLUMNS: '100' },
    });
    const screen = readFileSync(typescript, 'utf8');
    expect(screen).toMatch(/[█░]+ 3\/3 documents \| [\d.]+\/s \| ETA \d+s \| 0 failed/);
    expect(screen).toMatch(/2 documents: 2 stored, 0 skipped, 0 failed, 0 pruned/);
    // No per-document lines on a terminal.
    expect(screen).not.toContain(`${site.origin}/a.txt  `);
  });
});
