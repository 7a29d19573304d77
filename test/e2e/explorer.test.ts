import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { browserLauncher, browserSuiteSkipped } from '../support/browser.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// The explorer page in a real browser (headless Chromium: test/support/browser.ts) against the
// real server, started as `npm start` starts it, on a temp database seeded from the dev corpus.

const root = resolve(import.meta.dirname, '../..');
const screenshots = join(root, 'test-results');
const skipped = browserSuiteSkipped();

let folder: string;
let databaseUrl: string;
let server: ChildProcess;
let baseUrl: string;
let browser: Browser;
let page: Page;

/** Starts src/server.ts on a free loopback port and resolves with its base URL. */
function startServer(databaseUrl: string): Promise<string> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', SEED_DIR: '' },
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
  folder = mkdtempSync(join(tmpdir(), 'kg-e2e-'));
  databaseUrl = `file:${join(folder, 'kg.db')}`;
  const db = createPrismaClient(databaseUrl);
  await prepareDatabase(db, databaseUrl);
  const report = await seedDirectory(db, DEV_CORPUS, { onDocument: () => {} });
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

/** Waits until the page has no request or layout under way. */
async function settled() {
  await page.waitForFunction(
    () => (window as unknown as { explorer: { busy: number } }).explorer.busy === 0,
  );
}

/** The names of the nodes drawn, and where a node is on the page. */
function graph() {
  return page.evaluate(() => {
    const { cy } = (window as unknown as { explorer: { cy: import('cytoscape').Core } }).explorer;
    return cy.nodes().map((node) => node.data('label') as string);
  });
}

async function clickElement(selector: string) {
  const box = (await page.locator('#graph').boundingBox())!;
  const at = await page.evaluate((selector) => {
    const { cy } = (window as unknown as { explorer: { cy: import('cytoscape').Core } }).explorer;
    const elements = cy.$(selector);
    const node = elements.nodes()[0];
    return node ? node.renderedPosition() : elements.edges()[0]!.renderedMidpoint();
  }, selector);
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

// A software-rendered browser on a busy machine: each test took ~40 s here, close to the
// default limit.
describe.skipIf(skipped)('the explorer', { timeout: 240_000 }, () => {
  it('searches, draws the neighbourhood, expands a node and shows the evidence', async () => {
    await page.goto(`${baseUrl}/`);
    expect(await page.title()).toContain('graph explorer');

    // Search by a two-character alias and pick the hit with the keyboard.
    await page.fill('#search', '数智');
    await page.waitForSelector('#results li .kind.Institution');
    expect(await page.locator('#results li').first().textContent()).toContain(
      '华东数智银行股份有限公司',
    );
    await page.keyboard.press('Enter');
    await settled();
    expect(await page.locator('#evidence h2').textContent()).toBe('华东数智银行股份有限公司');
    expect(await page.locator('#evidence .snippet').count()).toBeGreaterThan(0);
    const drawn = await graph();
    expect(drawn).toEqual(expect.arrayContaining(['欧阳明远', '沈嘉禾', '天衡']));

    // Clicking a person expands it: the challenges 欧阳明远 raised join the graph.
    const [id] = await page.evaluate(() => {
      const { cy } = (window as unknown as { explorer: { cy: import('cytoscape').Core } }).explorer;
      return cy.nodes('[label = "欧阳明远"]').map((node) => node.id());
    });
    await clickElement(`node[id = "${id}"]`);
    await settled();
    expect(await page.locator('#evidence h2').textContent()).toBe('欧阳明远');
    expect(await graph()).toContain('幻觉');
    expect((await graph()).length).toBeGreaterThan(drawn.length);

    // Clicking his affiliation shows the sentence that states it, with its document.
    await clickElement(`edge[type = "AFFILIATION"][source = "${id}"]`);
    const panel = page.locator('#evidence');
    await expect.poll(() => panel.locator('h2').textContent()).toContain('党委书记、董事长');
    const evidence = await panel.locator('.snippet').first().textContent();
    expect(evidence).toContain('欧阳明远');
    expect(evidence).toContain('华东数智银行发布“天衡”金融大模型2.0');
    expect(evidence).toContain('2024-11-08');

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'explorer.png') });
  });

  it('serves everything it needs from the server itself', async () => {
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) {
        external.push(request.url());
      }
    });
    await page.reload();
    await page.fill('#search', '幻觉');
    await page.waitForSelector('#results li .kind.Challenge');
    expect(external).toEqual([]);
  });
});

describe.skipIf(skipped)('live updates', { timeout: 240_000 }, () => {
  it('redraws the open neighbourhood when a seed run adds a document', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(
      () => (window as unknown as { explorer: { live: boolean } }).explorer.live,
    );
    await page.fill('#search', '数智');
    await page.waitForSelector('#results li .kind.Institution');
    await page.keyboard.press('Enter');
    await settled();
    expect(await graph()).not.toContain('司空明远');

    // A seed run in this process, the server in another: it learns of the commit from the
    // database, and the page from the graphChanged subscription.
    const news = join(folder, 'news');
    mkdirSync(news);
    writeFileSync(
      join(news, 'risk-officer.txt'),
      '华东数智银行任命首席风险官\n\n2025年6月3日，华东数智银行首席风险官司空明远表示，大模型的幻觉问题需要持续治理。\n',
    );
    const db = createPrismaClient(databaseUrl);
    const report = await seedDirectory(db, news, { onDocument: () => {} });
    await db.$disconnect();
    expect(report.stored).toBe(1);

    await page.waitForFunction(
      () => (window as unknown as { explorer: { updates: number } }).explorer.updates > 0,
    );
    await settled();
    expect(await graph()).toContain('司空明远');
    expect(await page.locator('#status').textContent()).toContain('documents 1 added');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'explorer-live.png') });
  });
});

describe.skipIf(skipped)('GraphiQL', { timeout: 240_000 }, () => {
  it('opens on the example operations with nothing loaded from outside the server', async () => {
    const external: string[] = [];
    const graphiql = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    graphiql.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        external.push(url);
      }
    });
    await graphiql.goto(`${baseUrl}/graphql`);
    await graphiql.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await expect.poll(() => graphiql.content(), { timeout: 30_000 }).toContain('query Search');
    expect(external).toEqual([]);
    mkdirSync(screenshots, { recursive: true });
    await graphiql.screenshot({ path: join(screenshots, 'graphiql.png') });
    await graphiql.close();
  });
});
