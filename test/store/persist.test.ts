import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { persistBatch, persistDocument, removeDocuments } from '../../src/store/persist.ts';
import {
  graphByName,
  prepared,
  rowCounts,
  type Spec,
  tempDatabase,
} from '../support/build-extraction.ts';

const A = {
  source: 'a.txt',
  text: '招联消费金融股份有限公司首席信息官王耀南表示，大模型的幻觉问题需要重视。\n招联正在推进招联智鹿二代的研发，参数规模达到130亿。',
  spec: {
    people: [{ ref: 'p1', names: ['王耀南'] }],
    institutions: [
      { ref: 'i1', names: ['招联消费金融股份有限公司', '招联'], kind: 'consumer_finance' },
    ],
    models: [
      {
        ref: 'm1',
        names: ['招联智鹿'],
        versions: [
          { version: '二代', label: '招联智鹿二代', parameters: '130亿', parameterCount: 1.3e10 },
        ],
      },
    ],
    challenges: [{ ref: 'c1', key: 'hallucination', name: '幻觉', names: ['幻觉'] }],
    affiliations: [['p1', 'i1', '首席信息官']],
    developments: [['m1', 'i1']],
    raised: [['p1', 'c1']],
  } satisfies Spec,
};

const B = {
  source: 'b.txt',
  text: '招联在消费金融领域推出了新的服务。王耀南认为算力成本是最大的挑战。',
  spec: {
    people: [{ ref: 'p', names: ['王耀南'] }],
    institutions: [{ ref: 'i', names: ['招联'] }],
    challenges: [{ ref: 'c', key: 'compute_cost', name: '成本', names: ['算力成本'] }],
    raised: [['p', 'c']],
  } satisfies Spec,
};

const C = {
  source: 'c.txt',
  text: '华东数智银行股份有限公司发布公告。',
  spec: {
    institutions: [{ ref: 'i', names: ['华东数智银行股份有限公司'], kind: 'bank' }],
  } satisfies Spec,
};

const D = {
  source: 'sub/d.txt',
  text: '华东数智银行副行长张伟出席了会议。张行长表示，模型的可解释性仍是难点。',
  spec: {
    people: [{ ref: 'p', names: ['张伟', '~张行长'] }],
    institutions: [{ ref: 'i', names: ['华东数智银行'] }],
    affiliations: [['p', 'i', '副行长']],
  } satisfies Spec,
};

const E = {
  source: 'e.txt',
  text: '张行长在会上发言。诸葛总认为数据质量决定了模型的上限。',
  spec: {
    people: [
      { ref: 'p', names: ['~张行长'] },
      { ref: 'q', names: ['~诸葛总'] },
    ],
  } satisfies Spec,
};

const F = {
  source: 'f.md',
  text: '诸葛总再次强调了人才的重要性。',
  spec: { people: [{ ref: 'q', names: ['~诸葛总'] }] } satisfies Spec,
};

const all = [A, B, C, D, E, F];
const prep = (d: { source: string; text: string; spec: Spec }) =>
  prepared(d.source, d.text, d.spec);
const parse = (aliases: string) => JSON.parse(aliases) as string[];

let db: Db;
const databases: Db[] = [];
async function freshDb() {
  const { db: client } = await tempDatabase();
  databases.push(client);
  return client;
}

beforeEach(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await Promise.all(databases.map((d) => d.$disconnect()));
});

describe('persist: resolution across documents', () => {
  it('resolves a short name learned in one document in another (招联)', async () => {
    await persistDocument(db, prep(A));
    await persistDocument(db, prep(B));
    const institutions = await db.institution.findMany();
    expect(institutions).toHaveLength(1);
    expect(institutions[0]!.name).toBe('招联消费金融股份有限公司');
    expect(parse(institutions[0]!.aliases)).toEqual(['招联']);
    expect(institutions[0]!.kind).toBe('consumer_finance');
    const people = await db.person.findMany({
      include: { raised: { include: { challenge: true } } },
    });
    expect(people).toHaveLength(1);
    expect(people[0]!.raised.map((r) => r.challenge.name).sort()).toEqual(['幻觉', '成本']);
    const cost = await db.challenge.findUniqueOrThrow({ where: { key: 'compute_cost' } });
    expect([cost.name, parse(cost.aliases), cost.label]).toEqual([
      '成本',
      ['算力成本'],
      'compute cost',
    ]);
  });

  it('matches a full legal name and the name without its legal form (华东数智银行)', async () => {
    await persistDocument(db, prep(D));
    await persistDocument(db, prep(C));
    const institutions = await db.institution.findMany({ include: { affiliations: true } });
    expect(institutions).toHaveLength(1);
    expect(institutions[0]!.name).toBe('华东数智银行股份有限公司');
    expect(parse(institutions[0]!.aliases)).toEqual(['华东数智银行']);
    expect(institutions[0]!.kind).toBe('bank');
    expect(institutions[0]!.affiliations).toHaveLength(1);
  });

  it('never resolves weak names across documents', async () => {
    await persistBatch(db, [prep(D), prep(E), prep(F)]);
    const people = await db.person.findMany({ orderBy: { id: 'asc' } });
    expect(people.map((p) => p.name)).toEqual(['张伟', '张行长', '诸葛总', '诸葛总']);
    expect(parse(people[0]!.aliases)).toEqual(['张行长']);
  });

  it('prefers the entity its longest name hits and merges no two existing entities', async () => {
    const P = prepared('p.txt', '星河证券股份有限公司发布年报。', {
      institutions: [{ ref: 'i', names: ['星河证券股份有限公司'] }],
    });
    const Q = prepared('q.txt', '星河是一家科技公司。', {
      institutions: [{ ref: 'i', names: ['星河'] }],
    });
    const R = prepared('r.txt', '星河证券股份有限公司(星河)推出了投顾助手。', {
      institutions: [{ ref: 'i', names: ['星河证券股份有限公司', '星河'] }],
    });
    await persistDocument(db, P);
    await persistDocument(db, Q);
    const result = await persistDocument(db, R);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('also matches');
    const institutions = await db.institution.findMany({ orderBy: { id: 'asc' } });
    expect(institutions.map((i) => i.name)).toEqual(['星河证券股份有限公司', '星河']);
    expect(parse(institutions[0]!.aliases)).toEqual(['星河']);
  });

  it('stores models with versions, developer and the largest parameter count', async () => {
    const [result] = await persistBatch(db, [prep(A)]);
    expect(result!.counts).toEqual({
      people: 1,
      institutions: 1,
      models: 1,
      challenges: 1,
      relations: 4,
    });
    const model = await db.model.findFirstOrThrow({
      include: { versions: true, developments: { include: { institution: true } } },
    });
    expect(model.name).toBe('招联智鹿');
    expect(parse(model.aliases)).toEqual(['招联智鹿二代']);
    expect(model.parameters).toBe('130亿');
    expect(model.versions.map((v) => v.version)).toEqual(['二代']);
    expect(model.developments[0]!.institution.name).toBe('招联消费金融股份有限公司');
    // Mentions are written by raw INSERTs: dates must read back and compare as Prisma's own.
    const day = new Date('2024-09-15T00:00:00Z');
    const all = await db.mention.count();
    expect(await db.mention.count({ where: { publishedAt: { gte: day, lte: day } } })).toBe(all);
    expect(await db.name.count({ where: { strong: true } })).toBeGreaterThan(0);
    const mention = await db.mention.findFirstOrThrow({ where: { kind: 'VERSION' } });
    expect(mention.publishedAt).toEqual(day);
    expect(mention.surface).toBe('招联智鹿二代');
    expect(mention.snippet).toBe('招联正在推进招联智鹿二代的研发，参数规模达到130亿。');
    expect(A.text.slice(mention.snippetStart, mention.snippetStart + mention.snippet.length)).toBe(
      mention.snippet,
    );
  });
});

describe('persist: replacing and removing documents', () => {
  it('derives model facts from the documents that state them, now', async () => {
    const bigger = {
      source: 'f.txt',
      text: '招联智鹿二代于2024年3月发布，参数规模达到700亿。',
      spec: {
        models: [
          {
            ref: 'm',
            names: ['招联智鹿'],
            versions: [
              {
                version: '二代',
                label: '招联智鹿二代',
                parameters: '700亿',
                parameterCount: 7e10,
                releasedAt: '2024-03',
              },
            ],
          },
        ],
      } satisfies Spec,
    };
    const facts = async () => {
      const model = await db.model.findFirstOrThrow({ include: { versions: true } });
      const [version] = model.versions;
      return [model.parameters, model.releasedAt, version!.parameters, version!.releasedAt];
    };
    await persistBatch(db, [prep(A), prep(bigger)]);
    expect(await facts()).toEqual(['700亿', '2024-03', '700亿', '2024-03']);
    // f.txt changes and no longer states a size or a date: A's 130亿 is what remains.
    const quiet = {
      source: 'f.txt',
      text: '招联智鹿二代正在内测。',
      spec: {
        models: [
          { ref: 'm', names: ['招联智鹿'], versions: [{ version: '二代', label: '招联智鹿二代' }] },
        ],
      } satisfies Spec,
    };
    await persistDocument(db, prep(quiet));
    expect(await facts()).toEqual(['130亿', null, '130亿', null]);
    await persistDocument(db, prep(bigger));
    expect(await facts()).toEqual(['700亿', '2024-03', '700亿', '2024-03']);
    // Removed, it takes its facts along.
    const f = await db.document.findUniqueOrThrow({ where: { source: 'f.txt' } });
    await removeDocuments(db, [f.id]);
    expect(await facts()).toEqual(['130亿', null, '130亿', null]);
  });

  it('re-persisting the same document keeps every id and count', async () => {
    await persistBatch(db, all.map(prep));
    const before = await rowCounts(db);
    const ids = await db.person.findMany({
      select: { id: true, key: true },
      orderBy: { id: 'asc' },
    });
    const institutionIds = await db.institution.findMany({
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    await persistDocument(db, prep(A));
    await persistDocument(db, prep(E));
    expect(await rowCounts(db)).toEqual(before);
    expect(
      await db.person.findMany({ select: { id: true, key: true }, orderBy: { id: 'asc' } }),
    ).toEqual(ids);
    expect(await db.institution.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(
      institutionIds,
    );
  });

  it('a changed document replaces its facts and gc removes what only it supported', async () => {
    await persistBatch(db, [prep(A), prep(B)]);
    const changed = prepared(
      'a.txt',
      '招联消费金融股份有限公司副总经理李娜表示，数据质量至关重要。',
      {
        people: [{ ref: 'p', names: ['李娜'] }],
        institutions: [{ ref: 'i', names: ['招联消费金融股份有限公司'] }],
        challenges: [{ ref: 'c', key: 'data_quality', name: '数据质量', names: ['数据质量'] }],
        affiliations: [['p', 'i', '副总经理']],
        raised: [['p', 'c']],
      },
    );
    const [result] = await persistBatch(db, [changed]);
    expect(result!.replaced).toBe(true);
    expect(await db.document.count()).toBe(2);
    // 王耀南 stays (b.txt names him) but loses the affiliation and the challenge a.txt gave him.
    const wang = await db.person.findFirstOrThrow({
      where: { name: '王耀南' },
      include: { affiliations: true, raised: { include: { challenge: true } } },
    });
    expect(wang.affiliations).toHaveLength(0);
    expect(wang.raised.map((r) => r.challenge.name)).toEqual(['成本']);
    // 招联智鹿 and 幻觉 were only in the old a.txt.
    expect(await db.model.count()).toBe(0);
    expect(await db.modelVersion.count()).toBe(0);
    expect(await db.development.count()).toBe(0);
    expect((await db.challenge.findMany()).map((c) => c.name).sort()).toEqual(['成本', '数据质量']);
    const institution = await db.institution.findFirstOrThrow();
    expect(institution.name).toBe('招联消费金融股份有限公司');
    expect(parse(institution.aliases)).toEqual(['招联']);
    const mentions = await db.mention.findMany({ where: { document: { source: 'a.txt' } } });
    expect(mentions.every((m) => changed.doc.text.includes(m.surface))).toBe(true);
  });

  it('recomputes names when the document that gave the canonical one goes', async () => {
    await persistBatch(db, [prep(A), prep(B)]);
    const a = await db.document.findUniqueOrThrow({ where: { source: 'a.txt' } });
    await removeDocuments(db, [a.id]);
    const institution = await db.institution.findFirstOrThrow();
    expect(institution.name).toBe('招联');
    expect(parse(institution.aliases)).toEqual([]);
    expect(await db.affiliation.count()).toBe(0);
    expect(await db.challenge.count()).toBe(1);
    expect(await db.name.count({ where: { documentId: a.id } })).toBe(0);
  });
});

describe('persist: order independence', () => {
  it('gives the same graph whatever the order and batching of the documents', async () => {
    const orders = [all, [...all].reverse(), [D, B, F, A, E, C]];
    const graphs = [];
    for (const order of orders) {
      const one = await freshDb();
      for (const d of order) await persistDocument(one, prep(d));
      graphs.push(await graphByName(one));
    }
    const batched = await freshDb();
    await persistBatch(batched, [C, E, A, F, D, B].map(prep));
    graphs.push(await graphByName(batched));
    for (const graph of graphs.slice(1)) expect(graph).toEqual(graphs[0]);
    expect(graphs[0]!.institutions).toHaveLength(2);
    expect(graphs[0]!.people).toHaveLength(5);
  });
});
