import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// Walks read the stated relations from an in-memory index on SQLite (src/graph/relation-index.ts)
// instead of querying them level by level. The answers must be those of the queries
// (RELATION_INDEX=off), and a walk after a commit, from any connection, must see it.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let writer: Db;
let indexed: ReturnType<typeof createTestApp>;
let queried: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  writer = createPrismaClient(database.url);
  indexed = createTestApp(database.db);
  process.env.RELATION_INDEX = 'off';
  try {
    queried = createTestApp(database.db);
  } finally {
    delete process.env.RELATION_INDEX;
  }
});

afterAll(async () => {
  await writer.$disconnect();
  await database.drop();
});

const id = (type: string, rowId: number) => Buffer.from(`${type}:${rowId}`).toString('base64');

const NEIGHBORS = `query($id: ID!, $types: [EdgeType!]) {
  neighbors(id: $id, depth: 3, first: 100, types: $types) {
    truncated
    nodes { depth entity { __typename id name } }
    edges { id type role weight source { id } target { id } evidence { snippet } }
  }
}`;

const PATH = `query($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxDepth: 4, first: 20, types: [AFFILIATION, DEVELOPER, RAISED]) {
    length
    paths { nodes { id name } steps { edges { id type role } } }
  }
}`;

async function entities() {
  const [people, institutions, models, challenges] = await Promise.all([
    database.db.person.findMany({ select: { id: true } }),
    database.db.institution.findMany({ select: { id: true } }),
    database.db.model.findMany({ select: { id: true } }),
    database.db.challenge.findMany({ select: { id: true } }),
  ]);
  return [
    ...people.map((row) => id('Person', row.id)),
    ...institutions.map((row) => id('Institution', row.id)),
    ...models.map((row) => id('Model', row.id)),
    ...challenges.map((row) => id('Challenge', row.id)),
  ];
}

describe('relation index', () => {
  it('gives every neighbourhood and path the queries give', async () => {
    const all = await entities();
    expect(all.length).toBeGreaterThan(5);
    for (const entity of all) {
      for (const types of [null, ['AFFILIATION', 'DEVELOPER'], ['RAISED', 'CO_MENTIONED']]) {
        const variables = { id: entity, types };
        const answer = await indexed.graphql(NEIGHBORS, variables);
        expect(answer.errors).toBeUndefined();
        expect(answer).toEqual(await queried.graphql(NEIGHBORS, variables));
      }
    }
    for (const from of all) {
      for (const to of all) {
        const answer = await indexed.graphql(PATH, { from, to });
        expect(answer).toEqual(await queried.graphql(PATH, { from, to }));
      }
    }
  });

  it('refuses a level beyond the row limit as the queries do', async () => {
    process.env.GRAPH_ROW_LIMIT = '1';
    try {
      const all = await entities();
      const codes = async (app: typeof indexed) =>
        Promise.all(
          all.map(async (entity) =>
            (await app.graphql(NEIGHBORS, { id: entity, types: null })).errors?.map(
              (error) => error.extensions?.code,
            ),
          ),
        );
      const refused = await codes(indexed);
      expect(refused).toContainEqual(['FAN_OUT_TOO_LARGE']);
      expect(refused).toEqual(await codes(queried));
    } finally {
      delete process.env.GRAPH_ROW_LIMIT;
    }
  });

  it('sees a relation committed by another connection on the next walk, and its removal', async () => {
    const person = await writer.person.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const institution = await writer.institution.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const edgesOf = async () => {
      const answer = await indexed.graphql<{
        neighbors: { edges: { type: string; role: string | null }[] };
      }>(NEIGHBORS, { id: id('Person', person.id), types: ['AFFILIATION'] });
      return answer.data!.neighbors.edges.map((edge) => edge.role);
    };
    expect(await edgesOf()).not.toContain('测试顾问');
    const added = await writer.affiliation.create({
      data: { personId: person.id, institutionId: institution.id, role: '测试顾问' },
    });
    expect(await edgesOf()).toContain('测试顾问');
    await writer.affiliation.delete({ where: { id: added.id } });
    expect(await edgesOf()).not.toContain('测试顾问');
  });
});
