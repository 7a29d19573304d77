import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededDevCorpus } from '../support/seeded-corpus.ts';

// neighbors, path and connections over HTTP on the dev corpus seeded: who works where, who said
// what about hallucination, how two people are connected, and the limits on each walk.

let corpus: Awaited<ReturnType<typeof seededDevCorpus>>;

beforeAll(async () => {
  corpus = await seededDevCorpus();
});
afterAll(() => corpus.database.drop());
afterEach(() => {
  delete process.env.GRAPH_ROW_LIMIT;
});

interface Evidence {
  snippet: string;
  publishedAt: string | null;
  document: { title: string };
}
interface Edge {
  id: string;
  type: string;
  role: string | null;
  weight: number;
  source: { id: string; name: string };
  target: { id: string; name: string };
  documents: { title: string }[];
  evidence: Evidence[];
}
const EDGE = `id type role weight source { id name } target { id name } documents { title }
  evidence { snippet publishedAt document { title } }`;

const TYPED = '[AFFILIATION, DEVELOPER, RAISED]';
const LAUNCH = '华东数智银行发布“天衡”金融大模型2.0 欧阳明远:大模型要先过“风控关”';

interface Neighborhood {
  truncated: boolean;
  center: { name: string };
  nodes: { depth: number; entity: { id: string; __typename: string; name: string } }[];
  edges: Edge[];
}

async function neighbors(name: string, args = '') {
  const { neighbors } = await corpus.data<{ neighbors: Neighborhood }>(
    `query($id: ID!) { neighbors(id: $id${args}) {
      truncated center { name } nodes { depth entity { id __typename name } } edges { ${EDGE} }
    } }`,
    { id: await corpus.idOf(name) },
  );
  return neighbors;
}

/** Every edge joins two of the returned nodes, and no node is listed twice. */
function expectConsistent(neighborhood: Neighborhood) {
  const ids = neighborhood.nodes.map((node) => node.entity.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const edge of neighborhood.edges) {
    expect(ids).toContain(edge.source.id);
    expect(ids).toContain(edge.target.id);
  }
}

describe('neighbors', () => {
  it('gives a person’s affiliation and raised challenges with the sentences that state them', async () => {
    const around = await neighbors('欧阳明远', `, types: ${TYPED}`);
    expectConsistent(around);
    expect(around.center.name).toBe('欧阳明远');
    expect(around.nodes[0]).toMatchObject({ depth: 0, entity: { name: '欧阳明远' } });
    const affiliation = around.edges.find((edge) => edge.type === 'AFFILIATION')!;
    expect(affiliation).toMatchObject({
      role: '党委书记、董事长',
      source: { name: '欧阳明远' },
      target: { name: '华东数智银行股份有限公司' },
      documents: [{ title: LAUNCH }],
    });
    expect(affiliation.evidence[0]).toMatchObject({
      snippet: expect.stringContaining('欧阳明远'),
      publishedAt: '2024-11-08T00:00:00.000Z',
      document: { title: LAUNCH },
    });
    const raised = around.edges.filter((edge) => edge.type === 'RAISED').map((e) => e.target.name);
    expect(raised).toContain('幻觉');
  });

  it('reaches the bank’s other people and its model at depth 2', async () => {
    const around = await neighbors('欧阳明远', `, depth: 2, types: ${TYPED}, first: 100`);
    expectConsistent(around);
    const depthOf = (name: string) => around.nodes.find((n) => n.entity.name === name)?.depth;
    expect(depthOf('华东数智银行股份有限公司')).toBe(1);
    expect(depthOf('沈嘉禾')).toBe(2);
    expect(depthOf('俞晓岚')).toBe(2);
    expect(depthOf('天衡')).toBe(2);
    expect(around.edges).toContainEqual(
      expect.objectContaining({
        type: 'DEVELOPER',
        source: expect.objectContaining({ name: '华东数智银行股份有限公司' }),
        target: expect.objectContaining({ name: '天衡' }),
      }),
    );
  });

  it('links co-mentioned entities through the documents that name both', async () => {
    const around = await neighbors('欧阳明远', ', types: [CO_MENTIONED], first: 100');
    expectConsistent(around);
    const withShen = around.edges.find((edge) =>
      [edge.source.name, edge.target.name].includes('沈嘉禾'),
    )!;
    expect(withShen).toMatchObject({
      type: 'CO_MENTIONED',
      weight: 1,
      documents: [{ title: LAUNCH }],
    });
    expect(withShen.evidence.length).toBeGreaterThan(0);
    for (const evidence of withShen.evidence) expect(evidence.document.title).toBe(LAUNCH);
  });

  it('keeps to `first` nodes and says it did', async () => {
    const around = await neighbors('华东数智银行股份有限公司', ', depth: 2, first: 3');
    expect(around.nodes).toHaveLength(4);
    expect(around.truncated).toBe(true);
    expectConsistent(around);
  });

  it('refuses a walk beyond its limits with stable codes', async () => {
    const id = await corpus.idOf('欧阳明远');
    const ask = (args: string) =>
      corpus.app.graphql(`query($id: ID!) { neighbors(id: $id${args}) { truncated } }`, { id });
    expect((await ask(', depth: 4')).errors?.[0]).toMatchObject({
      message: expect.stringContaining('at most 3'),
      extensions: { code: 'DEPTH_TOO_LARGE', argument: 'depth', max: 3 },
    });
    expect((await ask(', first: 101')).errors?.[0]?.extensions).toMatchObject({
      code: 'PAGE_SIZE_TOO_LARGE',
      max: 100,
    });
    expect((await ask(', depth: 0')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });

    process.env.GRAPH_ROW_LIMIT = '10';
    expect((await ask(', depth: 2')).errors?.[0]).toMatchObject({
      message: expect.stringContaining('more than 10 rows'),
      extensions: { code: 'FAN_OUT_TOO_LARGE', limit: 10 },
    });
  });

  it('answers null for a gone entity, and refuses an ID that is not an entity', async () => {
    const gone = Buffer.from('Person:999999').toString('base64');
    expect(
      await corpus.data('query($id: ID!) { neighbors(id: $id) { truncated } }', { id: gone }),
    ).toEqual({
      neighbors: null,
    });
    const { documents } = await corpus.data<{ documents: { edges: { node: { id: string } }[] } }>(
      '{ documents(first: 1) { edges { node { id } } } }',
    );
    const wrong = await corpus.app.graphql('query($id: ID!) { neighbors(id: $id) { truncated } }', {
      id: documents.edges[0]!.node.id,
    });
    expect(wrong.errors?.[0]).toMatchObject({
      message: expect.stringContaining('entity'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

interface PathResult {
  length: number | null;
  paths: {
    length: number;
    nodes: { id: string; name: string }[];
    steps: { from: { id: string }; to: { id: string }; edges: Edge[] }[];
  }[];
}

async function path(from: string, to: string, args = '') {
  const { path } = await corpus.data<{ path: PathResult }>(
    `query($from: ID!, $to: ID!) { path(from: $from, to: $to${args}) {
      length paths { length nodes { id name } steps { from { id } to { id } edges { ${EDGE} } } }
    } }`,
    { from: await corpus.idOf(from), to: await corpus.idOf(to) },
  );
  return path;
}

/** Each step joins consecutive nodes, through edges that touch both. */
function expectWellFormed(result: PathResult) {
  for (const p of result.paths) {
    expect(p.length).toBe(result.length);
    expect(p.steps).toHaveLength(p.nodes.length - 1);
    p.steps.forEach((step, i) => {
      expect([step.from.id, step.to.id]).toEqual([p.nodes[i]!.id, p.nodes[i + 1]!.id]);
      expect(step.edges.length).toBeGreaterThan(0);
      for (const edge of step.edges) {
        expect([edge.source.id, edge.target.id].sort()).toEqual([step.from.id, step.to.id].sort());
        expect(edge.evidence.length).toBeGreaterThan(0);
      }
    });
  }
}

describe('path', () => {
  it('connects two people of the same bank, in different documents, through the bank', async () => {
    const result = await path('欧阳明远', '俞晓岚', `, types: ${TYPED}`);
    expectWellFormed(result);
    expect(result.length).toBe(2);
    expect(result.paths[0]!.nodes.map((n) => n.name)).toEqual([
      '欧阳明远',
      '华东数智银行股份有限公司',
      '俞晓岚',
    ]);
    const [first, second] = result.paths[0]!.steps;
    expect(first!.edges).toEqual([
      expect.objectContaining({ type: 'AFFILIATION', role: '党委书记、董事长' }),
    ]);
    expect(second!.edges).toEqual([
      expect.objectContaining({ type: 'AFFILIATION', role: '首席风险官' }),
    ]);
  });

  it('finds who else raised hallucination, across documents', async () => {
    const result = await path('欧阳明远', '翟书白', `, types: ${TYPED}`);
    expectWellFormed(result);
    expect(result.length).toBe(2);
    expect(result.paths.map((p) => p.nodes[1]!.name)).toContain('幻觉');
  });

  it('is one step for two people a document names together', async () => {
    const result = await path('欧阳明远', '沈嘉禾');
    expectWellFormed(result);
    expect(result.length).toBe(1);
    expect(result.paths[0]!.steps[0]!.edges.map((edge) => edge.type)).toContain('CO_MENTIONED');
  });

  it('is the shortest: the target is not within one step less', async () => {
    const result = await path('沈嘉禾', '翟书白', `, types: ${TYPED}, maxDepth: 4`);
    expectWellFormed(result);
    expect(result.length).not.toBeNull();
    const target = await corpus.idOf('翟书白');
    const within = async (depth: number) => {
      const around = await neighbors(
        '沈嘉禾',
        `, depth: ${Math.min(depth, 3)}, types: ${TYPED}, first: 100`,
      );
      expect(around.truncated).toBe(false);
      return around.nodes.some((node) => node.entity.id === target);
    };
    expect(await within(result.length! - 1)).toBe(false);
    if (result.length! <= 3) expect(await within(result.length!)).toBe(true);
  });

  it('answers length 0 from an entity to itself, and null beyond maxDepth', async () => {
    expect((await path('欧阳明远', '欧阳明远')).length).toBe(0);
    const far = await path('欧阳明远', '翟书白', `, types: ${TYPED}, maxDepth: 1`);
    expect(far).toEqual({ length: null, paths: [] });
  });

  it('refuses maxDepth above 4', async () => {
    const id = await corpus.idOf('欧阳明远');
    const { errors } = await corpus.app.graphql(
      'query($id: ID!) { path(from: $id, to: $id, maxDepth: 5) { length } }',
      { id },
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'DEPTH_TOO_LARGE',
      argument: 'maxDepth',
      max: 4,
    });
  });
});

describe('connections', () => {
  const query = `query($a: ID!, $b: ID!) { connections(a: $a, b: $b) {
    a { name } b { name }
    documents { title }
    direct { type weight }
    shared { entity { __typename name } edges { type role source { name } target { name } evidence { snippet } } }
    challenges: shared(kinds: [CHALLENGE]) { entity { name } }
  } }`;
  type Connections = {
    a: { name: string };
    documents: { title: string }[];
    direct: { type: string; weight: number }[];
    shared: { entity: { __typename: string; name: string }; edges: Edge[] }[];
    challenges: { entity: { name: string } }[];
  };
  const between = async (a: string, b: string) =>
    (
      await corpus.data<{ connections: Connections }>(query, {
        a: await corpus.idOf(a),
        b: await corpus.idOf(b),
      })
    ).connections;

  it('gives the bank two of its people share, and no common document', async () => {
    const shared = await between('欧阳明远', '俞晓岚');
    expect(shared.documents).toEqual([]);
    expect(shared.direct).toEqual([]);
    const bank = shared.shared.find((s) => s.entity.name === '华东数智银行股份有限公司')!;
    expect(bank.entity.__typename).toBe('Institution');
    expect(bank.edges.map((edge) => [edge.source.name, edge.role])).toEqual([
      ['欧阳明远', '党委书记、董事长'],
      ['俞晓岚', '首席风险官'],
    ]);
  });

  it('gives the challenge two people raised, and the document that names both', async () => {
    expect((await between('欧阳明远', '翟书白')).challenges.map((c) => c.entity.name)).toContain(
      '幻觉',
    );
    const colleagues = await between('欧阳明远', '沈嘉禾');
    expect(colleagues.documents).toEqual([{ title: LAUNCH }]);
    expect(colleagues.direct).toEqual([{ type: 'CO_MENTIONED', weight: 1 }]);
    expect(colleagues.shared.map((s) => s.entity.name)).toContain('华东数智银行股份有限公司');
  });
});
