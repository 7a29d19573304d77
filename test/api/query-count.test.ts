import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertMorePeople, insertSmallGraph } from '../support/graph-queries.ts';

// Every Prisma call the schema makes is recorded (src/db/observe.ts). A nested selection must
// cost a small, fixed number of them whatever the number of rows: an N+1 regression fails here.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  app = createTestApp(database.db);
});
afterAll(() => database.drop());

/** The Prisma calls one operation costs, after checking it succeeded. */
async function callsOf(query: string) {
  return (await run(query)).calls;
}

async function run(query: string) {
  app.prismaCalls.length = 0;
  const result = await app.graphql<{ people: { edges: unknown[] } }>(query);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { data: result.data!, calls: [...app.prismaCalls] };
}

const deepPeople = `{
  people(first: 100) {
    edges { node {
      name aliases
      affiliations { role institution {
        name aliases kind
        models(first: 2) { totalCount edges { node {
          name developer { name aliases } developers { name } versions { version }
        } } }
        people(first: 2) { edges { node { name } } }
        documents(first: 2) { edges { node { title } } }
      } }
      challenges { name people(first: 2) { totalCount edges { node { name } } } }
      mentions(first: 3) { totalCount edges { node { snippet document { title } } } }
    } }
  }
}`;

describe('Prisma calls per operation', () => {
  it('loads people → affiliations → institution → models → developer in one query', async () => {
    const small = await run(deepPeople);
    expect(small.data.people.edges).toHaveLength(3);
    expect(small.calls).toEqual(['Person.findMany']);

    await insertMorePeople(database.db, 30);
    const large = await run(deepPeople);
    expect(large.data.people.edges).toHaveLength(33);
    expect(large.calls).toEqual(small.calls);
  });

  it('filters every list by confidence in the same query', async () => {
    const calls = await callsOf(`{
      people(first: 100, minConfidence: 0.4) {
        edges { node {
          name confidence basis
          affiliations(minConfidence: 0.4) { role confidence institution {
            name
            models(first: 5, minConfidence: 0.4) { edges { node { name developer(minConfidence: 0.4) { name } } } }
            people(first: 5, minConfidence: 0.4) { edges { node { name } } }
          } }
          challenges(minConfidence: 0.4) { name people(first: 5, minConfidence: 0.4) { edges { node { name } } } }
          raised(minConfidence: 0.4) { confidence basis }
        } }
      }
    }`);
    expect(calls).toEqual(['Person.findMany']);
  });

  it('counts an institution’s people and an entity’s documents in one query per level', async () => {
    const calls = await callsOf(`{
      institutions(first: 100) { edges { node {
        people(first: 2) { totalCount edges { node { name documents(first: 1) { totalCount } } } }
        documents(first: 2) { totalCount edges { node { title } } }
      } } }
    }`);
    expect(calls.sort()).toEqual(
      ['Institution.findMany', 'Name.groupBy', 'Name.groupBy', 'Affiliation.groupBy'].sort(),
    );
  });

  it('filters across relations inside the one query of a connection and its count', async () => {
    const calls = await callsOf(`{
      institutions(first: 100, orderBy: [{ field: NAME, direction: DESC }], where: {
        category: { in: [BANK, TECH] }
        OR: [
          { affiliations: { some: { role: { contains: "首席" }, person: { raised: { some: {} } } } } }
          { developments: { some: { model: { name: { startsWith: "天衡" } } } } }
        ]
        NOT: { mentions: { none: { document: { publishedAt: { gte: "2024-01-01T00:00:00Z" } } } } }
      }) {
        totalCount
        edges { node { name people(first: 3) { edges { node { name } } } } }
      }
    }`);
    expect(calls.sort()).toEqual(['Institution.count', 'Institution.findMany']);
  });

  it('adds one count query for totalCount, and nothing per row', async () => {
    const calls = await callsOf('{ people(first: 100) { totalCount edges { node { name } } } }');
    expect(calls.sort()).toEqual(['Person.count', 'Person.findMany']);
  });

  it('loads a document with the entities it mentions and their relations in one query', async () => {
    const calls = await callsOf(`{
      documents(first: 10) { edges { node {
        title
        people { name affiliations { institution { name } } }
        institutions { name models(first: 5) { edges { node { name } } } }
        models { name developer { name } versions { version } }
        challenges { name people(first: 5) { edges { node { name } } } }
        mentions(first: 5) { edges { node { surface person { name } model { name } } } }
      } } }
    }`);
    expect(calls).toEqual(['Document.findMany']);
  });

  it('loads models with developers, versions and documents in one query', async () => {
    const calls = await callsOf(`{
      models(first: 100) { edges { node {
        name developer { name people(first: 5) { edges { node { name } } } } developers { name }
        developments { supportCount }
        versions { version mentions(first: 2) { edges { node { snippet } } } }
        documents(first: 5) { edges { node { title people { name } } } }
      } } }
    }`);
    expect(calls).toEqual(['Model.findMany']);
  });
});
