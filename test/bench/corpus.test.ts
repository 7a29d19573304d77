import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus/generate.ts';

// The benchmark's synthetic corpus: the same seed gives the same files, and a small corpus is
// the beginning of a larger one, so 1,000 and 10,000 documents measure the same kind of text.

const root = mkdtempSync(join(tmpdir(), 'kg-bench-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('generateCorpus', () => {
  it('is deterministic, and a smaller corpus is a prefix of a larger one', () => {
    generateCorpus(join(root, 'a'), 12);
    generateCorpus(join(root, 'b'), 12);
    generateCorpus(join(root, 'c'), 24);
    const a = read(join(root, 'a'));
    expect(read(join(root, 'b'))).toEqual(a);
    const c = read(join(root, 'c'));
    for (const [name, content] of Object.entries(a)) expect(c[name]).toBe(content);
  });

  it('writes text dumps and HTML pages with bylines, furniture and compound surnames', () => {
    generateCorpus(join(root, 'd'), 60);
    const files = read(join(root, 'd'));
    const names = Object.keys(files);
    expect(names.filter((name) => name.endsWith('.txt')).length).toBeGreaterThan(10);
    expect(names.filter((name) => name.endsWith('.html')).length).toBeGreaterThan(10);
    const all = Object.values(files).join('\n');
    for (const marker of ['记者', '新闻热榜', '股份有限公司', '以下简称', '参数规模', '<footer']) {
      expect(all).toContain(marker);
    }
    expect(all).toMatch(
      /(欧阳|司马|诸葛|上官|慕容|东方|皇甫|令狐|宇文|尉迟|公孙|司徒)\p{Script=Han}{1,2}/u,
    );
    expect(new Set(Object.values(files)).size).toBe(60);
  });
});
