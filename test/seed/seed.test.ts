import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { prismaPaths } from '../../src/db/schemas.ts';
import { defaultSteps, type Steps } from '../../src/seed/pipeline.ts';
import { isEmpty, type SeedOptions, seedDirectory } from '../../src/seed/seed.ts';
import {
  extraction,
  graphByName,
  rowCounts,
  type Spec,
  tempDatabase,
} from '../support/build-extraction.ts';
import { testDialect, writeMark } from '../support/database.ts';

// Real files in a temp folder through the real read, decode, clean, segment and resolve steps;
// only extract is replaced, by the hand-made extraction of each file.

const files: Record<string, { text: string; spec: Spec }> = {
  'a.txt': {
    text: '招联推进大模型应用\n\n发布时间: 2024-09-15\n\n招联消费金融股份有限公司首席信息官王耀南表示，大模型的幻觉问题需要重视。\n\n招联正在推进招联智鹿二代的研发。\n',
    spec: {
      people: [{ ref: 'p', names: ['王耀南'] }],
      institutions: [{ ref: 'i', names: ['招联消费金融股份有限公司', '招联'] }],
      models: [
        { ref: 'm', names: ['招联智鹿'], versions: [{ version: '二代', label: '招联智鹿二代' }] },
      ],
      challenges: [{ ref: 'c', key: 'hallucination', name: '幻觉', names: ['幻觉'] }],
      affiliations: [['p', 'i', '首席信息官']],
      developments: [['m', 'i']],
      raised: [['p', 'c']],
    },
  },
  'sub/b.md': {
    text: '# 消费金融的成本难题\n\n招联在消费金融领域推出了新的服务。王耀南认为成本是最大的挑战。\n',
    spec: {
      people: [{ ref: 'p', names: ['王耀南'] }],
      institutions: [{ ref: 'i', names: ['招联'] }],
      challenges: [{ ref: 'c', key: 'compute_cost', name: '成本', names: ['成本'] }],
      raised: [['p', 'c']],
    },
  },
  'sub/deeper/c.html': {
    text: '<html><head><title>华东数智银行发布公告</title></head><body><article><h1>华东数智银行发布公告</h1><p>华东数智银行股份有限公司副行长张伟表示，模型的可解释性仍是难点。张行长还说，数据质量决定了模型的上限。</p></article></body></html>',
    spec: {
      people: [{ ref: 'p', names: ['张伟', '~张行长'] }],
      institutions: [{ ref: 'i', names: ['华东数智银行股份有限公司'] }],
      affiliations: [['p', 'i', '副行长']],
    },
  },
};

/** The extraction each file's text calls for; a text no spec knows fails like a broken extractor. */
const specs = new Map<string, Spec>(Object.values(files).map((f) => [firstLine(f.text), f.spec]));
function firstLine(text: string) {
  return text
    .replace(/<[^>]+>/g, '\n')
    .trim()
    .split('\n')[0]!
    .replace(/^# /, '');
}
const steps: Steps = {
  ...defaultSteps,
  extract: (doc) => {
    const spec = specs.get(doc.title);
    if (!spec) throw new Error(`no extraction for "${doc.title}"`);
    return extraction(doc.text, spec);
  },
};

let db: Db;
let dir: string;
const clients: Db[] = [];

function write(source: string, content: string | Buffer) {
  const path = join(dir, source);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

const seed = (options: SeedOptions = {}) => seedDirectory(db, dir, { steps, ...options });

let url: string;

beforeEach(async () => {
  ({ db, url } = await tempDatabase());
  clients.push(db);
  dir = mkdtempSync(join(tmpdir(), 'kg-seed-docs-'));
  for (const [source, { text }] of Object.entries(files)) write(source, text);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
});

describe('seedDirectory', () => {
  it('stores every document under the folder with its relative path as source', async () => {
    expect(await isEmpty(db)).toBe(true);
    write('notes.json', '{}');
    const report = await seed();
    expect(report.failed).toBe(0);
    expect(report.documents.map((d) => [d.source, d.status])).toEqual([
      ['a.txt', 'stored'],
      ['sub/b.md', 'stored'],
      ['sub/deeper/c.html', 'stored'],
    ]);
    expect(await isEmpty(db)).toBe(false);
    const first = report.documents[0]!;
    expect(first.status === 'stored' && first.title).toBe('招联推进大模型应用');
    expect(first.status === 'stored' && first.counts).toEqual({
      people: 1,
      institutions: 1,
      models: 1,
      challenges: 1,
      relations: 4,
    });
    const institutions = await db.institution.findMany({ orderBy: { name: 'asc' } });
    expect(institutions.map((i) => i.name)).toEqual([
      '华东数智银行股份有限公司',
      '招联消费金融股份有限公司',
    ]);
    const doc = await db.document.findUniqueOrThrow({ where: { source: 'a.txt' } });
    expect(doc.publishedAt?.toISOString()).toBe('2024-09-15T00:00:00.000Z');
    expect(report.timings.extract).toBeGreaterThan(0);
  });

  it('re-seeding unchanged files skips them all and writes nothing', async () => {
    const fresh = await writeMark(db);
    await seed();
    expect(await writeMark(db)).not.toBe(fresh);
    const counts = await rowCounts(db);
    const ids = await db.person.findMany({
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    });
    const documents = await db.document.findMany({ orderBy: { id: 'asc' } });
    const changes = await writeMark(db);
    const report = await seed();
    expect(report.skipped).toBe(3);
    expect(report.stored).toBe(0);
    expect(await writeMark(db)).toBe(changes);
    expect(await rowCounts(db)).toEqual(counts);
    expect(
      await db.person.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    ).toEqual(ids);
    expect(await db.document.findMany({ orderBy: { id: 'asc' } })).toEqual(documents);
  });

  it('--force re-extracts unchanged files and gives the same graph and ids', async () => {
    await seed();
    const counts = await rowCounts(db);
    const graph = await graphByName(db);
    const ids = await db.institution.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const report = await seed({ force: true });
    expect(report.stored).toBe(3);
    expect(await rowCounts(db)).toEqual(counts);
    expect(await graphByName(db)).toEqual(graph);
    expect(await db.institution.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(
      ids,
    );
  });

  it('a changed file replaces its facts; gc removes what only it supported', async () => {
    await seed();
    write(
      'a.txt',
      files['a.txt']!.text.replace('招联正在推进招联智鹿二代的研发。', '招联暂无新的研发计划。'),
    );
    specs.set('招联推进大模型应用', {
      ...files['a.txt']!.spec,
      models: [],
      developments: [],
    });
    try {
      const report = await seed();
      expect(report.documents.map((d) => d.status)).toEqual(['stored', 'skipped', 'skipped']);
      expect(report.documents[0]!.status === 'stored' && report.documents[0]!.replaced).toBe(true);
    } finally {
      specs.set('招联推进大模型应用', files['a.txt']!.spec);
    }
    expect(await db.model.count()).toBe(0);
    expect(await db.development.count()).toBe(0);
    expect(await db.modelVersion.count()).toBe(0);
    expect(await db.document.count()).toBe(3);
  });

  it('--prune removes documents whose file is gone, and what only they supported', async () => {
    await seed();
    rmSync(join(dir, 'sub/deeper/c.html'));
    const kept = await seed();
    expect(kept.pruned).toBe(0);
    expect(await db.document.count()).toBe(3);
    const report = await seed({ prune: true });
    expect(report.pruned).toBe(1);
    expect(report.documents.at(-1)).toEqual({ source: 'sub/deeper/c.html', status: 'pruned' });
    expect(await db.document.count()).toBe(2);
    expect((await db.person.findMany()).map((p) => p.name)).toEqual(['王耀南']);
    expect((await db.institution.findMany()).map((i) => i.name)).toEqual([
      '招联消费金融股份有限公司',
    ]);
    expect(await db.affiliation.count()).toBe(1);
  });

  it('reports a failing file and stores the others, keeping what was stored for it', async () => {
    await seed();
    // a.txt becomes binary (decode refuses it), a new file is too large, one has no extraction.
    write('a.txt', Buffer.from([0, 1, 2, 3, 0, 0, 0, 255, 254, 0, 7, 8, 0, 0, 0, 0]));
    write('big.txt', `大文件\n\n${'字'.repeat(5000)}`);
    write('unknown.txt', '没有人认识的文件\n\n正文。\n');
    write('new.txt', '招联的新闻\n\n招联在消费金融领域推出了新的服务。\n');
    specs.set('招联的新闻', { institutions: [{ ref: 'i', names: ['招联'] }] });
    const lines: string[] = [];
    const report = await seed({
      maxBytes: 10_000,
      onDocument: (d) => lines.push(`${d.source} ${d.status}`),
    });
    expect(lines).toEqual([
      'a.txt failed',
      'big.txt failed',
      'new.txt stored',
      'sub/b.md skipped',
      'sub/deeper/c.html skipped',
      'unknown.txt failed',
    ]);
    const failures = report.documents.filter((d) => d.status === 'failed');
    expect(failures.map((d) => d.status === 'failed' && d.error)).toEqual([
      expect.stringContaining('binary'),
      expect.stringContaining('too large'),
      expect.stringContaining('no extraction'),
    ]);
    expect(await db.document.count()).toBe(4);
    const a = await db.document.findUniqueOrThrow({
      where: { source: 'a.txt' },
      include: { mentions: true },
    });
    expect(a.mentions.length).toBeGreaterThan(0);
    expect(await db.model.count()).toBe(1);
  });

  it('a document that fails to persist costs its batch nothing', async () => {
    // A resolve step that points an affiliation at a person that does not exist: only the
    // database write notices, inside the batch's transaction.
    const broken: Steps = {
      ...steps,
      resolve: (extracted) => {
        const resolved = defaultSteps.resolve(extracted);
        const institution = resolved.institutions[0]!;
        if (institution.names.some((n) => n.name === '招联')) return resolved;
        const evidence = institution.mentions[0]!;
        return {
          ...resolved,
          affiliations: [
            { person: 7, institution: 0, role: '行长', evidence, finding: institution.finding },
          ],
        };
      },
    };
    const report = await seed({ steps: broken, batchSize: 3 });
    expect(report.documents.map((d) => [d.source, d.status])).toEqual([
      ['a.txt', 'stored'],
      ['sub/b.md', 'stored'],
      ['sub/deeper/c.html', 'failed'],
    ]);
    expect(await db.document.count()).toBe(2);
    expect(await db.person.count()).toBe(1);
  });

  it('batches give the same graph as one transaction per document', async () => {
    await seed();
    const single = await graphByName(db);
    const { db: other } = await tempDatabase();
    clients.push(other);
    const report = await seedDirectory(other, dir, { steps, batchSize: 2 });
    expect(report.stored).toBe(3);
    expect(await graphByName(other)).toEqual(single);
    expect(await rowCounts(other)).toEqual(await rowCounts(db));
  });

  it('follows links to files, not links that loop back up the tree, and reports broken ones', async () => {
    symlinkSync(dir, join(dir, 'sub/loop'));
    symlinkSync(join(dir, 'a.txt'), join(dir, 'sub/link-to-a.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'sub/dead-link.txt'));
    const report = await seed();
    expect(report.documents.map((d) => [d.source, d.status])).toEqual([
      ['a.txt', 'stored'],
      ['sub/b.md', 'stored'],
      ['sub/dead-link.txt', 'failed'],
      ['sub/deeper/c.html', 'stored'],
      ['sub/link-to-a.txt', 'stored'],
    ]);
    expect(report.documents[2]).toMatchObject({ error: 'file not found (a broken link?)' });
  });

  it.runIf(testDialect() === 'postgresql')(
    'prepareDatabase leaves a migrated database as it is',
    async () => {
      expect(await prepareDatabase(db, url)).toBeUndefined();
      const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(applied.length).toBe(readdirSync(prismaPaths.postgresql.migrations).length - 1);
      expect((await seed()).stored).toBe(3);
    },
  );

  it.runIf(testDialect() === 'sqlite')(
    'prepareDatabase migrates and turns on write-ahead logging',
    async () => {
      await prepareDatabase(db, url);
      const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
      expect(mode!.journal_mode).toBe('wal');
      const [sync] =
        await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous');
      expect(Number(sync!.synchronous)).toBe(1);
      expect((await seed()).stored).toBe(3);
    },
  );
});
