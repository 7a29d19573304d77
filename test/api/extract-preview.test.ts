import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import evidence from '../../src/extract/data/evidence.json' with { type: 'json' };
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';

// Query.extract runs the pipeline on a text and stores nothing.
describe('Query.extract', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = createTestApp(database.db);
  });
  afterAll(() => database.drop());

  const query = `query($text: String!, $format: DocumentFormat) {
    extract(text: $text, format: $format) {
      title text
      entities { ref kind name names evidence { text sentence } }
      relations { type from to role evidence { sentence } }
    }
  }`;

  it('returns entities and relations with the sentence behind each, and stores nothing', async () => {
    const text =
      '星河银行大模型发布会\n\n星河银行股份有限公司副行长张明远表示，大模型的幻觉问题仍需警惕。';
    const { data, errors } = await api.graphql<{
      extract: {
        entities: { ref: string; kind: string; name: string; evidence: { sentence: string }[] }[];
        relations: { type: string; from: string; to: string; role: string | null }[];
      };
    }>(query, { text });
    expect(errors).toBeUndefined();
    const entities = data!.extract.entities;
    const person = entities.find((e) => e.kind === 'PERSON');
    const bank = entities.find((e) => e.kind === 'INSTITUTION');
    expect(person?.name).toBe('张明远');
    expect(bank?.name).toBe('星河银行股份有限公司');
    expect(person?.evidence[0]?.sentence).toContain('副行长张明远表示');
    const affiliation = data!.extract.relations.find((r) => r.type === 'AFFILIATION');
    expect(affiliation).toMatchObject({ from: person?.ref, to: bank?.ref, role: '副行长' });
    const raised = data!.extract.relations.find((r) => r.type === 'RAISED');
    expect(entities.find((e) => e.ref === raised?.to)?.name).toBe('幻觉');
    expect(await database.db.person.count()).toBe(0);
    expect(await database.db.document.count()).toBe(0);
  });

  it('gives every entity and relation a confidence and the name of its evidence', async () => {
    const text =
      '星河银行大模型发布会\n\n星河银行股份有限公司副行长张明远表示，大模型的幻觉问题仍需警惕。星河银行股份有限公司推出了“星河智答”大模型。';
    const { data, errors } = await api.graphql<{
      extract: {
        entities: { kind: string; confidence: number; basis: string }[];
        relations: { type: string; confidence: number; basis: string }[];
      };
    }>(
      `query($text: String!) { extract(text: $text) {
        entities { kind confidence basis } relations { type confidence basis }
      } }`,
      { text },
    );
    expect(errors).toBeUndefined();
    const found = [...data!.extract.entities, ...data!.extract.relations];
    expect(new Set(data!.extract.entities.map((e) => e.kind))).toEqual(
      new Set(['PERSON', 'INSTITUTION', 'MODEL', 'CHALLENGE']),
    );
    expect(new Set(data!.extract.relations.map((r) => r.type))).toEqual(
      new Set(['AFFILIATION', 'RAISED', 'DEVELOPER']),
    );
    // Each confidence is the weight its evidence has in the table.
    for (const { confidence, basis } of found) {
      expect(Object.keys(evidence.weights)).toContain(basis);
      expect(confidence).toBe(evidence.weights[basis as keyof typeof evidence.weights]);
    }
  });

  it('cleans HTML before extracting', async () => {
    const html =
      '<html><head><title>测试</title></head><body><nav><a href="/">首页</a></nav><div class="content"><p>云川证券首席经济学家李清和认为，算力成本依然很高，中小机构难以承受这样的投入，需要行业共同努力解决。</p></div><footer>关于我们</footer></body></html>';
    const { data, errors } = await api.graphql<{
      extract: { text: string; entities: { name: string }[] };
    }>(query, { text: html, format: 'HTML' });
    expect(errors).toBeUndefined();
    expect(data!.extract.text).not.toContain('首页');
    expect(data!.extract.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['李清和', '云川证券', '成本']),
    );
  });

  it('refuses a text that is too long, with a stable code', async () => {
    const { errors } = await api.graphql(query, { text: '字'.repeat(200_001) });
    expect(errors?.[0]?.extensions?.code).toBe('TEXT_TOO_LONG');
  });
});
