import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// The API over a graph seeded from real documents of the dev corpus, as `npm start` serves it.

const corpus = DEV_CORPUS;
const files = ['finance-llm-roundtable-2024.txt', 'bank-tianheng-llm-launch-2024.html'];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), 'kg-api-corpus-'));
  for (const file of files) copyFileSync(join(corpus, file), join(folder, file));
  const report = await seedDirectory(database.db, folder, { onDocument: () => {} });
  expect(report.stored).toBe(files.length);
  app = createTestApp(database.db);
});
afterAll(async () => {
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

interface Evidence {
  surface: string;
  start: number;
  end: number;
  snippet: string;
  snippetStart: number;
  document: { title: string; text: string };
}

describe('a graph seeded from the dev corpus', () => {
  it('answers the contract query for every person with one query and one count', async () => {
    app.prismaCalls.length = 0;
    const result = await app.graphql<{
      people: {
        totalCount: number;
        edges: {
          node: {
            name: string;
            aliases: string[];
            affiliations: { role: string; institution: { name: string; aliases: string[] } }[];
            challenges: { name: string; aliases: string[] }[];
            mentions: { edges: { node: Evidence }[] };
          };
        }[];
      };
    }>(`{
      people(first: 100) { totalCount edges { node {
        name aliases
        affiliations { role institution { name aliases } }
        challenges { name aliases }
        mentions(first: 3) { edges { node {
          surface start end snippet snippetStart document { title text }
        } } }
      } } }
    }`);
    expect(result.errors).toBeUndefined();
    // totalCount is a count of its own; everything nested comes with the people.
    expect(app.prismaCalls.sort()).toEqual(['Person.count', 'Person.findMany']);
    const people = result.data!.people.edges.map((edge) => edge.node);
    expect(people).toHaveLength(result.data!.people.totalCount);
    expect(people.map((person) => person.name)).toEqual(expect.arrayContaining(['黄进', '李耀']));

    for (const person of people) {
      expect(person.name).not.toBe('');
      expect(person.aliases).not.toContain(person.name);
      for (const { node: mention } of person.mentions.edges) {
        // Every fact points back to where its document states it.
        expect(mention.document.text.slice(mention.start, mention.end)).toBe(mention.surface);
        expect(mention.document.text.slice(mention.snippetStart)).toContain(mention.snippet);
        expect(mention.start).toBeGreaterThanOrEqual(mention.snippetStart);
      }
    }
    const huang = people.find((person) => person.name === '黄进')!;
    expect(huang.affiliations).toContainEqual(expect.objectContaining({ role: '副行长' }));
    expect(huang.mentions.edges.length).toBeGreaterThan(0);
  });

  it('lists the institutions, models and challenges the documents name', async () => {
    const result = await app.graphql<{
      institutions: { edges: { node: { name: string; aliases: string[] } }[] };
      models: {
        edges: {
          node: {
            name: string;
            developer: { name: string } | null;
            developers: { name: string }[];
          };
        }[];
      };
      challenges: {
        edges: { node: { name: string; aliases: string[]; documents: { totalCount: number } } }[];
      };
    }>(`{
      institutions(first: 100) { edges { node { name aliases } } }
      models(first: 100) { edges { node { name developer { name } developers { name } } } }
      challenges(first: 100) { edges { node { name aliases documents(first: 1) { totalCount } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const institutions = result.data!.institutions.edges.map((edge) => edge.node.name);
    expect(institutions).toEqual(expect.arrayContaining(['蚂蚁集团', '众邦银行']));
    const models = result.data!.models.edges.map((edge) => edge.node);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      // The developer is the best supported of the developers, or null when there is none.
      if (model.developer) expect(model.developers[0]).toEqual(model.developer);
      else expect(model.developers).toEqual([]);
    }
    for (const { node: challenge } of result.data!.challenges.edges) {
      expect(challenge.documents.totalCount).toBeGreaterThan(0);
    }
  });
});
