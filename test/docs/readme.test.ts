import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp } from '../support/api-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { examples } from '../support/markdown.ts';

// The README's example operation, run against a database seeded from seeds/ as `npm start`
// seeds it, answers what the README shows (the README's answer may leave out fields, never
// differ in one).

const root = resolve(import.meta.dirname, '../..');
const readme = examples(join(root, 'README.md'));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await prepareDatabase(database.db, database.url);
  const report = await seedDirectory(database.db, join(root, 'seeds'), { workers: 0 });
  expect(report.failed).toBe(0);
});
afterAll(() => database?.drop());

describe('the README', () => {
  it('has an example operation with its answer', () => {
    expect(readme.map((example) => example.section)).toContain('Example');
  });

  for (const example of readme) {
    it(`answers the example of "${example.section}" as it shows`, async () => {
      const { graphql } = createTestApp(database.db);
      const { status, ...answer } = await graphql(example.query);
      expect(status).toBe(200);
      expect(answer).toMatchObject(example.answer as Record<string, unknown>);
    });
  }
});
