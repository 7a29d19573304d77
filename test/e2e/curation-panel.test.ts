import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { browserLauncher, browserSuiteSkipped } from '../support/browser.ts';
import { FIXTURE_CORPUS } from '../support/corpus-copy.ts';

// The explorer's curation panel in a real browser against the real server started with
// CURATION_TOKENS, on the repository's test corpus: without a token the panel offers nothing;
// with one, correcting a role and rejecting an affiliation show at once, and a merge redraws the
// entity kept.

const root = resolve(import.meta.dirname, '../..');
const skipped = browserSuiteSkipped();

let folder: string;
let server: ChildProcess;
let baseUrl: string;
let browser: Browser;
let page: Page;

function startServer(databaseUrl: string): Promise<string> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DIR: '',
      CURATION_TOKENS: 'carol:panel-token',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/ready at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (ready) resolveUrl(ready[1]!);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  if (skipped) return;
  folder = mkdtempSync(join(tmpdir(), 'kg-e2e-curation-'));
  const databaseUrl = `file:${join(folder, 'kg.db')}`;
  const db = createPrismaClient(databaseUrl);
  await prepareDatabase(db, databaseUrl);
  const report = await seedDirectory(db, FIXTURE_CORPUS, { workers: 0, onDocument: () => {} });
  expect(report.failed).toBe(0);
  await db.$disconnect();
  baseUrl = await startServer(databaseUrl);
  const launcher = browserLauncher();
  if ('unavailable' in launcher) throw new Error(launcher.unavailable);
  browser = await launcher.launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function settled() {
  await page.waitForFunction(
    () => (window as unknown as { explorer: { busy: number } }).explorer.busy === 0,
  );
}

async function openEntity(name: string) {
  await page.fill('#search', name);
  await page.waitForSelector('#results li .kind');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(() => page.locator('#evidence h2').textContent()).toBe(name);
}

describe.skipIf(skipped)('the curation panel', { timeout: 300_000 }, () => {
  // The token is typed, then a panel button clicked at once, as a user does: the click must
  // not be lost to the token field's change event on blur (it used to redraw the panel).
  it('offers corrections only with a token, and shows them once made', async () => {
    await page.goto(`${baseUrl}/`);
    await openEntity('蒲星河');
    expect(await page.locator('#evidence .curation').count()).toBe(0);

    await page.fill('#token', 'panel-token');
    await page.locator('#token').dispatchEvent('change');
    await settled();
    const panel = page.locator('#evidence .curation');
    await expect.poll(() => panel.count()).toBe(1);

    // Correct role: a field opens in place, holding the role as it is.
    await panel.getByRole('button', { name: 'Correct role' }).click();
    const role = panel.locator('.curate-edit .curate-field');
    expect(await role.inputValue()).toBe('副行长');
    await role.fill('原副行长');
    await panel.getByRole('button', { name: 'Save role' }).click();
    await settled();
    await expect
      .poll(() => page.locator('#evidence .facts').textContent(), { timeout: 60_000 })
      .toContain('原副行长');

    // Reject it: the affiliation leaves the panel.
    const reopened = page.locator('#evidence .curation');
    await reopened.getByRole('button', { name: 'Reject' }).click();
    await reopened.locator('.curate-edit .curate-field').fill('已辞职');
    await reopened.getByRole('button', { name: 'Confirm reject' }).click();
    await settled();
    await expect
      .poll(async () => (await page.locator('#evidence').textContent()) ?? '', { timeout: 60_000 })
      .not.toContain('原副行长');

    // Merge 诸葛明澜 into 诸葛云舒: the panel then shows the kept person with both roles.
    await openEntity('诸葛明澜');
    await page.fill('#evidence .curate-merge .curate-field', '诸葛云舒');
    await page.locator('#evidence .curate-merge').getByRole('button', { name: 'Merge' }).click();
    // Asked in place before anything is sent.
    await expect
      .poll(() => page.locator('#evidence .curate-confirm').textContent())
      .toContain('Merge 诸葛明澜 into 诸葛云舒?');
    await page.getByRole('button', { name: 'Confirm merge' }).click();
    await settled();
    await expect
      .poll(() => page.locator('#evidence h2').textContent(), { timeout: 60_000 })
      .toBe('诸葛云舒');
    const facts = (await page.locator('#evidence .facts').textContent()) ?? '';
    expect(facts).toContain('首席技术官');
    expect(facts).toContain('副总经理兼首席信息官');

    // The log over the API records who did all three.
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ curations { edges { node { action curator } } } }' }),
    });
    const { data } = (await response.json()) as {
      data: { curations: { edges: { node: { action: string; curator: string } }[] } };
    };
    expect(data.curations.edges.map((e) => e.node)).toEqual([
      { action: 'MERGE_ENTITIES', curator: 'carol' },
      { action: 'REJECT_FACT', curator: 'carol' },
      { action: 'CORRECT_ROLE', curator: 'carol' },
    ]);
  });
});
