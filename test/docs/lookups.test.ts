import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp } from '../support/api-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';
import { examples } from '../support/markdown.ts';

// docs/lookups.md shows each lookup with its answer on the dev corpus (test/fixtures/dev) seeded
// into an empty database: each is run here and must answer what the page shows.

const root = resolve(import.meta.dirname, '../..');
const lookups = examples(join(root, 'docs/lookups.md'));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await prepareDatabase(database.db, database.url);
  const report = await seedDirectory(database.db, DEV_CORPUS, { workers: 0 });
  expect(report.failed).toBe(0);
});
afterAll(() => database?.drop());

describe('docs/lookups.md', () => {
  it('shows lookups with their answers', () => {
    expect(lookups.length).toBeGreaterThanOrEqual(10);
  });

  lookups.forEach((lookup, i) => {
    it(`answers lookup ${i + 1} (${lookup.section}) as it shows`, async () => {
      const { graphql } = createTestApp(database.db);
      const { status, ...answer } = await graphql(lookup.query);
      expect(status).toBe(200);
      expect(answer).toMatchObject(lookup.answer as Record<string, unknown>);
    });
  });
});
