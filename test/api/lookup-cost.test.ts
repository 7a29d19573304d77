import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDevCorpus } from '../support/seeded-corpus.ts';

// What the lookups cost in database calls, on the dev corpus seeded. Every Prisma call is
// recorded, raw SQL included (the search index's, as "SQL.$queryRawUnsafe"): a nested selection
// costs a fixed number of calls, the same for one row or a hundred.

let corpus: Awaited<ReturnType<typeof seededDevCorpus>>;

beforeAll(async () => {
  corpus = await seededDevCorpus();
});
afterAll(() => corpus.database.drop());

/**
 * The queries walks make for one table of stated relations, `times` times: none on SQLite, whose
 * walks read them from the in-memory relation index.
 */
function relationQueries(table: string, times = 1): string[] {
  return corpus.database.dialect === 'sqlite' ? [] : Array(times).fill(`${table}.findMany`);
}

/** The calls one operation costs, sorted, after checking it succeeded. */
async function callsOf(query: string, variables?: Record<string, unknown>) {
  corpus.app.prismaCalls.length = 0;
  await corpus.data(query, variables);
  return [...corpus.app.prismaCalls].sort();
}

// Four levels below each entity: institution → models → developer → its people.
const deepEntity = `
  __typename name aliases kind
  ... on Person { affiliations { institution { models(first: 3) { edges { node {
    developer { people(first: 3) { edges { node { name } } } }
  } } } } } }
  ... on Institution { models(first: 3) { edges { node {
    developer { affiliations(first: 3) { edges { node { person { name } } } } }
  } } } }
  ... on Model { developer { people(first: 3) { edges { node { affiliations { role } } } } } }
  ... on Challenge { people(first: 3) { edges { node { affiliations { institution { name } } } } } }
  mentions(first: 2) { edges { node { snippet document { title } } } }`;

describe('calls per lookup', () => {
  it('search: one SQL statement, then one query per kind of entity on the page', async () => {
    const search = (first: number, q = '银行') =>
      callsOf(
        `query($q: String!, $first: Int) { search(query: $q, first: $first) {
          totalCount edges { match node { ${deepEntity} } }
        } }`,
        { q, first },
      );
    // Only institutions match 银行: 2 calls for a depth-4 selection, with 1 hit or all of them.
    expect(await search(1)).toEqual(['Institution.findMany', 'SQL.$queryRawUnsafe']);
    expect(await search(10)).toEqual(['Institution.findMany', 'SQL.$queryRawUnsafe']);
    // 招联 is an institution and a model.
    expect(await search(20, '招联')).toEqual([
      'Institution.findMany',
      'Model.findMany',
      'SQL.$queryRawUnsafe',
    ]);
  });

  it('connections with filters and period-bound mentions: one query and one count', async () => {
    const people = (first: number) =>
      callsOf(`{
        people(first: ${first}, from: "2024-01-01T00:00:00Z", orderBy: [{ field: MENTION_COUNT, direction: DESC }]) {
          totalCount
          edges { node {
            name
            affiliations { role institution { models(first: 3) { edges { node {
              developer { name } versions { version }
            } } } } }
            mentions(from: "2025-01-01T00:00:00Z", first: 3) { totalCount edges { node { snippet document { title } } } }
          } }
        }
      }`);
    expect(await people(1)).toEqual(['Person.count', 'Person.findMany']);
    expect(await people(30)).toEqual(['Person.count', 'Person.findMany']);
  });

  it('a document with every entity it names, four levels deep: one query', async () => {
    expect(
      await callsOf(`{ documents(first: 3, orderBy: [{ field: PUBLISHED_AT, direction: DESC }]) { edges { node {
        title entities { ${deepEntity} }
      } } } }`),
    ).toEqual(['Document.findMany']);
  });

  it('neighbors: the edge queries of each level, then one query per kind of row', async () => {
    const id = await corpus.idOf('华东数智银行股份有限公司');
    const around = (depth: number, first: number) =>
      callsOf(
        `query($id: ID!) { neighbors(id: $id, depth: ${depth}, first: ${first}) {
          nodes { depth entity { ${deepEntity} } }
          edges { type source { name } target { name } documents { title } evidence { snippet document { title } } }
        } }`,
        { id },
      );
    // The bank alone at depth 1: its affiliations and developments (on SQLite from the
    // in-memory relation index, src/graph/relation-index.ts, so no query) and co-mentions
    // (nothing it could have raised), then one query per kind of row: 7 calls on SQLite, 9 on
    // PostgreSQL, for 3 nodes or 100.
    const hub = [
      ...relationQueries('Affiliation'),
      'Challenge.findMany',
      ...relationQueries('Development'),
      'Document.findMany',
      'Institution.findMany',
      'Mention.findMany',
      'Model.findMany',
      'Name.findMany',
      'Person.findMany',
    ];
    expect(await around(1, 100)).toEqual(hub);
    expect((await around(1, 3)).length).toBeLessThanOrEqual(hub.length);
    // Deeper levels add at most the 4 edge queries each, never a query per node.
    for (const depth of [2, 3]) {
      const calls = await around(depth, 100);
      const count = (call: string) => calls.filter((c) => c === call).length;
      for (const edges of ['Affiliation', 'Development', 'Raised', 'Name']) {
        expect(count(`${edges}.findMany`)).toBeLessThanOrEqual(depth);
      }
      for (const rows of ['Person', 'Institution', 'Model', 'Challenge', 'Mention', 'Document']) {
        expect(count(`${rows}.findMany`)).toBe(1);
      }
    }
  });

  it('path and connections: bounded the same way', async () => {
    const a = await corpus.idOf('欧阳明远');
    const b = await corpus.idOf('翟书白');
    const path = await callsOf(
      `query($a: ID!, $b: ID!) { path(from: $a, to: $b, types: [AFFILIATION, DEVELOPER, RAISED], first: 20) {
        length paths { nodes { name } steps { from { name } to { name } edges { type evidence { snippet document { title } } } } }
      } }`,
      { a, b },
    );
    // One level from each end (two people: their affiliations and raised challenges, queried
    // on PostgreSQL only), then the people and challenges on the paths, and the evidence of
    // every step in one query.
    expect(path).toEqual([
      ...relationQueries('Affiliation', 2),
      'Challenge.findMany',
      'Mention.findMany',
      'Person.findMany',
      ...relationQueries('Raised', 2),
    ]);
    const connections = await callsOf(
      `query($a: ID!, $b: ID!) { connections(a: $a, b: $b) {
        documents { title } shared { entity { ${deepEntity} } edges { evidence { snippet } } }
      } }`,
      { a, b },
    );
    expect(connections.length).toBeLessThanOrEqual(10);
    expect(connections.filter((call) => call === 'Mention.findMany')).toHaveLength(1);
  });
});
