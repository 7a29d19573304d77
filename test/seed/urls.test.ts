import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { type DocumentReport, type SeedReport, seedSources } from '../../src/seed/seed.ts';
import { graphByName, tempDatabase } from '../support/build-extraction.ts';
import { writeMark } from '../support/database.ts';
import { ANNOUNCEMENT, makePdf } from '../support/pdf.ts';
import { atom, rss, type Site, sitemap, sitemapIndex, startSite } from '../support/site.ts';

// Seeding from URLs against a web site on a loopback port: a sitemap's pages give the same graph
// as the same pages seeded from files, a re-seed asks conditionally and changes nothing, and
// every kind of failure is reported for its URL while the rest is stored.
// Each test seeds several times (and the PDF one from two routes): minutes on a loaded machine.
const SLOW = { timeout: 300_000 };

const CORPUS = resolve(import.meta.dirname, '../fixtures/corpus');
const PAGES = {
  '/news/dongchuan.txt': {
    file: 'dongchuan-bank-board-announcement-2025.txt',
    type: 'text/plain; charset=utf-8',
  },
  '/news/songbai.md': { file: 'songbai-life-claims-agent-2025.md', type: 'text/markdown' },
  '/news/yuanlan.html': {
    file: 'qa-yuanlan-securities-research-2024.html',
    type: 'text/html; charset=utf-8',
  },
  // GBK bytes without a <meta charset>: only the Content-Type header says what they are.
  '/news/hengtuo.html': {
    file: 'hengtuo-securities-agent-2024.html',
    type: 'text/html; charset=GBK',
  },
};

let site: Site;
const clients: Db[] = [];
const url = (path: string) => `${site.origin}${path}`;
// Short waits: the tests must not sit through production backoffs.
const FETCH = { retryBaseMs: 5, timeoutMs: 1_000 };

async function database() {
  const { db } = await tempDatabase();
  clients.push(db);
  return db;
}

const bySource = (report: SeedReport) =>
  Object.fromEntries(report.documents.map((d) => [d.source, d]));

beforeAll(async () => {
  let flaky = 0;
  site = await startSite({
    '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
    ...Object.fromEntries(
      Object.entries(PAGES).map(([path, { file, type }]) => [
        path,
        { type, body: readFileSync(join(CORPUS, file)) },
      ]),
    ),
    '/sitemap.xml': sitemap(Object.keys(PAGES).map((p) => `/${p.slice(1)}`)),
    '/sitemap-index.xml': sitemapIndex(['/sitemap.xml']),
    '/feed.rss': rss(['/news/dongchuan.txt', '/news/songbai.md']),
    '/atom.xml': atom(['/news/yuanlan.html']),
    '/moved': (_request, response) => {
      response.writeHead(301, { location: '/news/yuanlan.html' }).end();
    },
    '/loop-a': (_request, response) => response.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_request, response) => response.writeHead(302, { location: '/loop-a' }).end(),
    '/slow': (_request, response) => {
      const timer = setTimeout(() => response.end('too late'), 5_000);
      response.on('close', () => clearTimeout(timer));
    },
    '/flaky': (_request, response) => {
      flaky += 1;
      if (flaky <= 2) response.writeHead(503, { 'retry-after': '0' }).end('busy');
      else
        response
          .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end(readFileSync(join(CORPUS, 'qa-chenghu-bank-interview-2025.txt')));
    },
    '/down': (_request, response) => response.writeHead(503).end('down for good'),
    '/too-many': (_request, response) => response.writeHead(429, { 'retry-after': '0' }).end(),
    '/big.html': { type: 'text/html', body: `<p>${'大'.repeat(200_000)}</p>` },
    '/private/secret.html': { type: 'text/html', body: '<p>内部资料</p>' },
    '/bad-feed.xml': { type: 'application/xml', body: '<html><p>not a feed</html' },
    '/other.xml': { type: 'application/xml', body: '<?xml version="1.0"?><catalog/>' },
    '/image.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
    '/announcement.pdf': { type: 'application/pdf', body: makePdf(ANNOUNCEMENT) },
    '/scan.pdf': { type: 'application/pdf', body: makePdf([{ lines: [] }, { lines: [] }]) },
  });
});

afterAll(async () => {
  await site.close();
  await Promise.all(clients.map((c) => c.$disconnect()));
});

/** The stored documents and mentions with each URL turned into the file name it came from. */
async function documentsAndMentions(db: Db, sourceName: (source: string) => string) {
  const documents = await db.document.findMany({
    select: { source: true, title: true, text: true, publishedAt: true, encoding: true },
  });
  const mentions = await db.mention.findMany({
    select: {
      kind: true,
      start: true,
      end: true,
      snippet: true,
      document: { select: { source: true } },
    },
  });
  return {
    documents: documents.map((d) => JSON.stringify({ ...d, source: sourceName(d.source) })).sort(),
    mentions: mentions
      .map((m) => JSON.stringify({ ...m, document: sourceName(m.document.source) }))
      .sort(),
  };
}

describe('seeding from URLs', () => {
  it(
    'a sitemap gives the graph its pages give as files; a re-seed asks conditionally and changes nothing',
    SLOW,
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'kg-urls-'));
      const names: Record<string, string> = {};
      for (const [path, { file }] of Object.entries(PAGES)) {
        const name = path.split('/').at(-1)!;
        copyFileSync(join(CORPUS, file), join(folder, name));
        names[url(path)] = name;
      }
      const fromFiles = await database();
      const filesReport = await seedSources(fromFiles, [folder]);
      expect(filesReport.stored).toBe(4);

      const fromUrls = await database();
      const totals: number[] = [];
      const first = await seedSources(fromUrls, [url('/sitemap.xml')], {
        fetch: FETCH,
        onTotal: (total) => totals.push(total),
      });
      expect(first.failed).toBe(0);
      expect(first.stored).toBe(4);
      expect(bySource(first)[url('/sitemap.xml')]).toEqual({
        source: url('/sitemap.xml'),
        status: 'listed',
        kind: 'sitemap',
        urls: 4,
      });
      expect(totals).toEqual([1, 5]);
      expect(await graphByName(fromUrls)).toEqual(await graphByName(fromFiles));
      expect(await documentsAndMentions(fromUrls, (s) => names[s] ?? s)).toEqual(
        await documentsAndMentions(fromFiles, (s) => s),
      );
      const hengtuo = await fromUrls.document.findUniqueOrThrow({
        where: { source: url('/news/hengtuo.html') },
      });
      expect(hengtuo.encoding).toBe('gb18030');
      expect(hengtuo.etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect(hengtuo.lastModified).toBe('Mon, 07 Apr 2025 08:00:00 GMT');

      const mark = await writeMark(fromUrls);
      site.requests.length = 0;
      const again = await seedSources(fromUrls, [url('/sitemap.xml')], { fetch: FETCH });
      expect(again.stored + again.failed).toBe(0);
      expect(again.skipped).toBe(4);
      const pageRequests = site.requests.filter((r) => r.path.startsWith('/news/'));
      expect(pageRequests).toHaveLength(4);
      for (const request of pageRequests) {
        expect(request.ifNoneMatch).toMatch(/^"/);
        expect(request.ifModifiedSince).toBe('Mon, 07 Apr 2025 08:00:00 GMT');
      }
      expect(await writeMark(fromUrls)).toBe(mark);

      // A page that changes is fetched whole and replaces its document.
      const changed = `${readFileSync(join(CORPUS, PAGES['/news/dongchuan.txt'].file), 'utf8')}\n补充说明：本公告无其他变更。\n`;
      site.set('/news/dongchuan.txt', { type: 'text/plain; charset=utf-8', body: changed });
      const third = await seedSources(fromUrls, [url('/sitemap.xml')], { fetch: FETCH });
      expect(bySource(third)[url('/news/dongchuan.txt')]).toMatchObject({
        status: 'stored',
        replaced: true,
      });
      site.set('/news/dongchuan.txt', {
        type: PAGES['/news/dongchuan.txt'].type,
        body: readFileSync(join(CORPUS, PAGES['/news/dongchuan.txt'].file)),
      });
    },
  );

  it(
    'follows sitemap indexes, RSS and Atom feeds, redirects, retries, and lists of URLs',
    SLOW,
    async () => {
      const db = await database();
      const list = join(mkdtempSync(join(tmpdir(), 'kg-list-')), 'urls.txt');
      writeFileSync(list, `# pages to seed\n${url('/moved')}\n\n${url('/flaky')}\n`);
      const report = await seedSources(
        db,
        [url('/sitemap-index.xml'), url('/feed.rss'), url('/atom.xml'), `@${list}`],
        { fetch: FETCH },
      );
      const seen = bySource(report);
      expect(report.failed).toBe(0);
      expect(seen[url('/sitemap-index.xml')]).toMatchObject({
        status: 'listed',
        kind: 'sitemap index',
        urls: 1,
      });
      expect(seen[url('/feed.rss')]).toMatchObject({ status: 'listed', kind: 'RSS feed', urls: 2 });
      expect(seen[url('/atom.xml')]).toMatchObject({
        status: 'listed',
        kind: 'Atom feed',
        urls: 1,
      });
      // /moved redirects to a page the Atom feed lists too: stored once, under its final URL.
      expect(report.documents.filter((d) => d.source === url('/news/yuanlan.html'))).toEqual([
        expect.objectContaining({ status: 'stored' }),
        { source: url('/news/yuanlan.html'), status: 'skipped', reason: 'seen already' },
      ]);
      expect(seen[url('/flaky')]).toMatchObject({ status: 'stored' });
      expect(
        (await db.document.findMany({ select: { source: true } })).map((d) => d.source).sort(),
      ).toEqual(
        [
          url('/flaky'),
          url('/news/dongchuan.txt'),
          url('/news/hengtuo.html'),
          url('/news/songbai.md'),
          url('/news/yuanlan.html'),
        ].sort(),
      );
    },
  );

  it('reports each failing source with its reason, stores the rest', SLOW, async () => {
    const db = await database();
    const sources = [
      url('/news/dongchuan.txt'),
      url('/missing.html'),
      url('/slow'),
      url('/down'),
      url('/too-many'),
      url('/loop-a'),
      url('/big.html'),
      url('/private/secret.html'),
      url('/bad-feed.xml'),
      url('/other.xml'),
      url('/image.png'),
      url('/scan.pdf'),
      // Port 9 (discard) on loopback: nothing listens there.
      'http://127.0.0.1:9/page.html',
      'ftp://127.0.0.1/file.txt',
      join(tmpdir(), 'no-such-folder-kg'),
    ];
    const report = await seedSources(db, sources, {
      fetch: FETCH,
      maxBytes: 100_000,
    });
    const seen = bySource(report);
    const error = (source: string) => {
      const found = seen[source] as DocumentReport | undefined;
      return found?.status === 'failed' ? found.error : `not failed: ${JSON.stringify(found)}`;
    };
    expect(seen[url('/news/dongchuan.txt')]?.status).toBe('stored');
    expect(error(url('/missing.html'))).toBe('HTTP 404');
    expect(error(url('/slow'))).toMatch(/^timed out after 1 s$/);
    expect(error(url('/down'))).toBe('HTTP 503');
    expect(error(url('/too-many'))).toBe('HTTP 429');
    expect(error(url('/loop-a'))).toBe('too many redirects (more than 5)');
    expect(error(url('/big.html'))).toMatch(/^too large: \d+ bytes \(the limit is 100000\)$/);
    expect(error(url('/private/secret.html'))).toBe('disallowed by robots.txt');
    expect(error(url('/bad-feed.xml'))).toMatch(/^not XML: /);
    expect(error(url('/other.xml'))).toBe('not a sitemap or feed: the XML holds <catalog>');
    expect(error(url('/image.png'))).toBe('not a document: image/png');
    expect(error(url('/scan.pdf'))).toMatch(/^no text in the PDF: its 2 pages are images/);
    expect(error('http://127.0.0.1:9/page.html')).toBe('unreachable: connection refused');
    expect(report.failed).toBe(sources.length - 1);
    expect(await db.document.count()).toBe(1);
    // Retries: three more requests after the first, for 503 and 429 alike.
    expect(site.requests.filter((r) => r.path === '/down')).toHaveLength(4);
  });
});

describe('seeding PDFs', () => {
  it(
    'a PDF announcement gives its people, institution and roles, with their page in the evidence',
    SLOW,
    async () => {
      const db = await database();
      const report = await seedSources(db, [url('/announcement.pdf')], { fetch: FETCH });
      expect(report.failed).toBe(0);
      const document = await db.document.findUniqueOrThrow({
        where: { source: url('/announcement.pdf') },
      });
      expect(document.format).toBe('pdf');
      expect(document.title).toBe(
        '岚山证券股份有限公司关于聘任首席信息官及“岚山智策”大模型上线的公告',
      );
      expect(document.text).not.toMatch(/- [12] -/);
      // Wrapped lines are joined into their sentence.
      expect(document.text).toContain('并对其内容的真实性');
      const affiliations = await db.affiliation.findMany({
        select: {
          role: true,
          person: { select: { name: true } },
          institution: { select: { name: true } },
          mentions: { select: { page: true, snippet: true } },
        },
      });
      const byPerson = Object.fromEntries(affiliations.map((a) => [a.person.name, a]));
      expect(byPerson.欧阳明澈).toMatchObject({
        role: '首席信息官',
        institution: { name: '岚山证券股份有限公司' },
      });
      expect(byPerson.欧阳明澈!.mentions.map((m) => m.page)).toEqual([1]);
      expect(byPerson.司马青岚).toMatchObject({
        role: '董事长',
        institution: { name: '岚山证券股份有限公司' },
      });
      expect(byPerson.司马青岚!.mentions.map((m) => m.page)).toEqual([2]);
      const pages = await db.mention.findMany({ select: { page: true } });
      expect(new Set(pages.map((m) => m.page))).toEqual(new Set([1, 2]));

      // The same PDF as a file gives the same mentions and pages.
      const folder = mkdtempSync(join(tmpdir(), 'kg-pdf-'));
      writeFileSync(join(folder, 'announcement.pdf'), makePdf(ANNOUNCEMENT));
      const fromFile = await database();
      expect((await seedSources(fromFile, [join(folder, 'announcement.pdf')])).stored).toBe(1);
      const pagesOf = async (client: Db) =>
        (await client.mention.findMany({ select: { kind: true, surface: true, page: true } }))
          .map((m) => JSON.stringify(m))
          .sort();
      expect(await pagesOf(fromFile)).toEqual(await pagesOf(db));
    },
  );
});
