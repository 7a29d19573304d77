import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run extract -- <file>` as a user runs it (the TypeScript entry, without the build step):
// every entity and relation is printed with its confidence and the name of its evidence.

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'kg-extract-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run extract', () => {
  it('prints the confidence and evidence name of every entity and relation', async () => {
    const file = join(scratch, 'news.txt');
    writeFileSync(
      file,
      '星河银行发布会\n\n星河银行股份有限公司副行长张明远表示，大模型的幻觉问题仍需警惕。星河银行股份有限公司推出了“星河智答”大模型。\n',
    );
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/commands/extract.ts'), file],
      { cwd: root },
    );
    const lineOf = (name: string) => stdout.split('\n').find((l) => l.trim().startsWith(name));
    const support = /\[(0|1)\.\d\d [a-z_-]+\]/g;
    // The person and its affiliation; the institution; the model and its developer; the
    // challenge and who raised it.
    expect(lineOf('张明远')?.match(support)).toHaveLength(2);
    expect(lineOf('星河银行股份有限公司')?.match(support)).toHaveLength(1);
    expect(lineOf('星河智答')?.match(support)).toHaveLength(2);
    expect(lineOf('幻觉')?.match(support)).toHaveLength(2);

    const json = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/commands/extract.ts'), file, '--json'],
      { cwd: root },
    );
    const { extraction } = JSON.parse(json.stdout);
    for (const list of ['people', 'institutions', 'models', 'challenges', 'affiliations']) {
      for (const found of extraction[list]) {
        expect(found.confidence).toBeGreaterThan(0);
        expect(found.basis).toMatch(/^[a-z][a-z0-9_-]*$/);
      }
    }
  }, 60_000);
});
