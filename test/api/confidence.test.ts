import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE, defaultThreshold } from '../../src/api/schema/confidence.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { persistBatch, persistDocument, removeDocuments } from '../../src/store/persist.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { prepared, type Spec } from '../support/build-extraction.ts';

// Confidence and basis: each document's finding is stored with its mentions, the graph shows the
// strongest finding of any document (src/store/support.ts), follows the documents when they are
// replaced or removed, and every list can be cut at a threshold. Findings are set by hand here
// (the extraction's weights are all 0.5 today); the last test seeds through the real pipeline.

const A = {
  source: 'a.txt',
  text: '星河银行股份有限公司副行长张明远表示，大模型的幻觉问题仍需警惕。星河银行推出了“星河智答”大模型。',
  spec: {
    people: [{ ref: 'p', names: ['张明远'] }],
    institutions: [{ ref: 'i', names: ['星河银行股份有限公司', '星河银行'], kind: 'bank' }],
    models: [{ ref: 'm', names: ['星河智答'] }],
    challenges: [{ ref: 'c', key: 'hallucination', name: '幻觉', names: ['幻觉'] }],
    affiliations: [['p', 'i', '副行长']],
    developments: [['m', 'i']],
    raised: [['p', 'c']],
    support: {
      p: [0.9, 'title_after'],
      i: [0.8, 'legal_form'],
      m: [0.3, 'quoted'],
      c: [0.6, 'trigger'],
      'p>i': [0.9, 'title_after'],
      'm>i': [0.3, 'possessive'],
      'p>c': [0.4, 'speech'],
    },
  } satisfies Spec,
};

const B = {
  source: 'b.txt',
  text: '张明远介绍，星河智答由星河银行自主研发。',
  spec: {
    people: [{ ref: 'p', names: ['张明远'] }],
    institutions: [{ ref: 'i', names: ['星河银行'] }],
    models: [{ ref: 'm', names: ['星河智答'] }],
    developments: [['m', 'i']],
    support: { p: [0.4, 'pattern'], m: [0.7, 'launch_verb'], 'm>i': [0.75, 'developed_by'] },
  } satisfies Spec,
};

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let api: ReturnType<typeof createTestApp>;
beforeEach(async () => {
  database = await createTestDatabase();
  api = createTestApp(database.db);
});
afterEach(() => database.drop());

const doc = (d: { source: string; text: string; spec: Spec }) => prepared(d.source, d.text, d.spec);

async function query<T>(text: string, variables?: Record<string, unknown>) {
  const { data, errors } = await api.graphql<T>(text, variables);
  expect(errors).toBeUndefined();
  return data!;
}

interface Support {
  confidence: number;
  basis: string;
}
type Graph = {
  people: { edges: { node: Support & { name: string } }[] };
  models: {
    edges: {
      node: Support & { name: string; developments: Support[]; developer: { name: string } | null };
    }[];
  };
};

/** A page of a nested connection, as the tests read it. */
interface Page<T> {
  totalCount: number;
  edges: { node: T }[];
}

const GRAPH = `{
  people(first: 10) { edges { node { name confidence basis } } }
  models(first: 10) { edges { node {
    name confidence basis developments { confidence basis } developer { name }
  } } }
}`;

describe(`confidence (${process.env.TEST_DATABASE ?? 'sqlite'})`, () => {
  it('stores each document’s finding on its mentions and shows the strongest', async () => {
    await persistBatch(database.db, [doc(A), doc(B)]);

    const mentions = await database.db.mention.findMany({
      where: { person: { name: '张明远' } },
      select: { confidence: true, basis: true, document: { select: { source: true } } },
    });
    expect(mentions.map((m) => [m.document.source, m.confidence, m.basis]).sort()).toEqual([
      ['a.txt', 0.9, 'title_after'],
      ['b.txt', 0.4, 'pattern'],
    ]);

    const data = await query<
      Graph & {
        institutions: { edges: { node: Support & { affiliations: Page<Support> } }[] };
        challenges: { edges: { node: Support & { raised: Page<Support> } }[] };
      }
    >(`{
      people(first: 10) { edges { node { name confidence basis
        mentions(first: 5) { edges { node { confidence basis document { source } } } } } } }
      institutions(first: 10) { edges { node { confidence basis affiliations(first: 10) { edges { node { confidence basis } } } } } }
      models(first: 10) { edges { node { name confidence basis developments { confidence basis } developer { name } } } }
      challenges(first: 10) { edges { node { confidence basis raised(first: 10) { edges { node { confidence basis } } } } } }
    }`);
    expect(data.people.edges[0]!.node).toMatchObject({
      name: '张明远',
      confidence: 0.9,
      basis: 'title_after',
    });
    expect(data.institutions.edges[0]!.node).toMatchObject({
      confidence: 0.8,
      basis: 'legal_form',
      affiliations: { edges: [{ node: { confidence: 0.9, basis: 'title_after' } }] },
    });
    // The model: 0.3 in a.txt, 0.7 in b.txt; its development 0.3 and 0.75.
    expect(data.models.edges[0]!.node).toMatchObject({
      confidence: 0.7,
      basis: 'launch_verb',
      developments: [{ confidence: 0.75, basis: 'developed_by' }],
    });
    expect(data.challenges.edges[0]!.node).toMatchObject({
      confidence: 0.6,
      basis: 'trigger',
      raised: { edges: [{ node: { confidence: 0.4, basis: 'speech' } }] },
    });
  });

  it('gives the same confidences whatever the order of the documents', async () => {
    await persistDocument(database.db, doc(B));
    await persistDocument(database.db, doc(A));
    const data = await query<Graph>(GRAPH);
    expect(data.people.edges[0]!.node).toMatchObject({ confidence: 0.9, basis: 'title_after' });
    expect(data.models.edges[0]!.node).toMatchObject({
      confidence: 0.7,
      basis: 'launch_verb',
      developments: [{ confidence: 0.75, basis: 'developed_by' }],
    });
  });

  it('recomputes them when a document is replaced or removed', async () => {
    await persistBatch(database.db, [doc(A), doc(B)]);
    // a.txt again, where the person is now found on weaker evidence: b.txt's 0.4 is the best.
    const weaker = {
      ...A,
      text: `${A.text}另据报道。`,
      spec: { ...A.spec, support: { ...A.spec.support, p: [0.2, 'pattern'] } } satisfies Spec,
    };
    await persistDocument(database.db, doc(weaker));
    let data = await query<Graph>(GRAPH);
    expect(data.people.edges[0]!.node).toMatchObject({ confidence: 0.4, basis: 'pattern' });

    // Without b.txt the model and its development fall back on a.txt's findings.
    const b = await database.db.document.findUniqueOrThrow({ where: { source: 'b.txt' } });
    await removeDocuments(database.db, [b.id]);
    data = await query<Graph>(GRAPH);
    expect(data.people.edges[0]!.node).toMatchObject({ confidence: 0.2, basis: 'pattern' });
    expect(data.models.edges[0]!.node).toMatchObject({
      confidence: 0.3,
      basis: 'quoted',
      developments: [{ confidence: 0.3, basis: 'possessive' }],
    });
  });

  it('cuts every list at minConfidence, in the list and its count', async () => {
    await persistBatch(database.db, [doc(A), doc(B)]);
    const names = (c: { edges: { node: { name: string } }[] }) => c.edges.map((e) => e.node.name);
    const data = await query<{
      strong: { totalCount: number; edges: { node: { name: string } }[] };
      all: { totalCount: number; edges: { node: { name: string } }[] };
      models: { edges: { node: { name: string } }[] };
      challenges: { edges: { node: { name: string } }[] };
      people: {
        edges: {
          node: {
            affiliations: unknown[];
            strongAffiliations: unknown[];
            challenges: unknown[];
            raised: unknown[];
          };
        }[];
      };
      institutions: {
        edges: {
          node: {
            people: Page<unknown>;
            weakPeople: Page<unknown>;
            models: Page<unknown>;
            developments: Page<unknown>;
          };
        }[];
      };
      model: {
        edges: {
          node: {
            developer: { name: string } | null;
            noDeveloper: { name: string } | null;
            developers: unknown[];
          };
        }[];
      };
    }>(`{
      strong: institutions(first: 10, minConfidence: 0.8) { totalCount edges { node { name } } }
      all: institutions(first: 10) { totalCount edges { node { name } } }
      models(first: 10, minConfidence: 0.71) { edges { node { name } } }
      challenges(first: 10, minConfidence: 0.6) { edges { node { name } } }
      people(first: 10) { edges { node {
        affiliations(minConfidence: 0.8) { role }
        strongAffiliations: affiliations(minConfidence: 0.95) { role }
        challenges(minConfidence: 0.5) { name }
        raised(minConfidence: 0.4) { basis }
      } } }
      institutions(first: 10) { edges { node {
        people(first: 10, minConfidence: 0.9) { totalCount edges { node { name } } }
        weakPeople: people(first: 10, minConfidence: 0.91) { totalCount edges { node { name } } }
        models(first: 10, minConfidence: 0.7) { totalCount edges { node { name } } }
        developments(first: 10, minConfidence: 0.76) { totalCount edges { node { basis } } }
      } } }
      model: models(first: 10) { edges { node {
        developer(minConfidence: 0.7) { name }
        noDeveloper: developer(minConfidence: 0.8) { name }
        developers(minConfidence: 0.75) { name }
      } } }
    }`);
    expect(data.strong).toEqual({
      totalCount: 1,
      edges: [{ node: { name: '星河银行股份有限公司' } }],
    });
    expect(data.all.totalCount).toBe(1);
    expect(names(data.models)).toEqual([]);
    expect(names(data.challenges)).toEqual(['幻觉']);
    const person = data.people.edges[0]!.node;
    expect(person.affiliations).toHaveLength(1);
    expect(person.strongAffiliations).toHaveLength(0);
    // The raised relation is 0.4: below 0.5, though the challenge itself is 0.6.
    expect(person.challenges).toHaveLength(0);
    expect(person.raised).toHaveLength(1);
    const bank = data.institutions.edges[0]!.node;
    // Each nested page and its count hold the same threshold.
    expect([bank.people.edges.length, bank.people.totalCount]).toEqual([1, 1]);
    expect([bank.weakPeople.edges.length, bank.weakPeople.totalCount]).toEqual([0, 0]);
    // The development reaches 0.75 and the model 0.7.
    expect([bank.models.edges.length, bank.models.totalCount]).toEqual([1, 1]);
    expect([bank.developments.edges.length, bank.developments.totalCount]).toEqual([0, 0]);
    const model = data.model.edges[0]!.node;
    expect(model.developer).toEqual({ name: '星河银行股份有限公司' });
    expect(model.noDeveloper).toBeNull();
    expect(model.developers).toHaveLength(1);
  });

  it('a relation is listed only when the entity at its other end reaches the threshold', async () => {
    await persistBatch(database.db, [doc(A)]);
    // The development is 0.3 and the model 0.3: at 0.3 both are listed, above it neither.
    const data = await query<{
      institutions: { edges: { node: { at: Page<unknown>; above: Page<unknown> } }[] };
    }>(`{ institutions(first: 1) { edges { node {
      at: models(first: 10, minConfidence: 0.3) { totalCount edges { node { name } } }
      above: models(first: 10, minConfidence: 0.31) { totalCount edges { node { name } } }
    } } } }`);
    expect(data.institutions.edges[0]!.node.at.totalCount).toBe(1);
    expect(data.institutions.edges[0]!.node.above).toEqual({ totalCount: 0, edges: [] });
  });

  it('refuses a threshold outside 0…1 as the client’s mistake', async () => {
    for (const value of [-0.1, 1.5]) {
      const { errors } = await api.graphql(
        `{ people(first: 1, minConfidence: ${value}) { totalCount } }`,
      );
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/minConfidence.*between 0 and 1/);
    }
    const { errors } = await api.graphql(
      '{ people(first: 1) { edges { node { affiliations(minConfidence: 2) { role } } } } }',
    );
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('takes the default view’s threshold from MIN_CONFIDENCE, refusing a bad one', () => {
    expect(defaultThreshold({})).toBe(DEFAULT_MIN_CONFIDENCE);
    expect(defaultThreshold({ MIN_CONFIDENCE: '0.7' })).toBe(0.7);
    for (const bad of ['high', '1.2', '-1']) {
      expect(() => defaultThreshold({ MIN_CONFIDENCE: bad })).toThrow(
        `MIN_CONFIDENCE is "${bad}"; it must be a number between 0 and 1.`,
      );
    }
  });

  it('seeds what the extraction finds with its confidence and evidence', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kg-confidence-'));
    try {
      writeFileSync(
        join(folder, 'news.txt'),
        '星河银行发布会\n\n星河银行股份有限公司副行长张明远表示，大模型的幻觉问题仍需警惕。\n',
      );
      const report = await seedDirectory(database.db, folder, { onDocument: () => {} });
      expect(report.stored).toBe(1);
      const data = await query<{
        people: { edges: { node: Support & { affiliations: Support[] } }[] };
      }>(
        `{ people(first: 10) { edges { node { confidence basis affiliations { confidence basis } } } } }`,
      );
      const person = data.people.edges[0]!.node;
      // Today every rule's evidence weighs 0.5 ('pattern'), and the default view keeps it.
      expect(person).toMatchObject({ confidence: 0.5, basis: 'pattern' });
      expect(person.affiliations).toEqual([{ confidence: 0.5, basis: 'pattern' }]);
      expect(DEFAULT_MIN_CONFIDENCE).toBeLessThanOrEqual(0.5);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
