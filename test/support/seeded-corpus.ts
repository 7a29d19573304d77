import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp, createTestDatabase } from './api-fixture.ts';
import { DEV_CORPUS } from './dev-corpus.ts';

export { DEV_CORPUS } from './dev-corpus.ts';

/**
 * A test database holding the whole dev corpus, seeded as `npm run seed` would, and the app on
 * it. Each test file gets its own.
 */
export async function seededDevCorpus() {
  const database = await createTestDatabase();
  const documents = readdirSync(DEV_CORPUS).filter((file) => /\.(txt|html?|md)$/.test(file));
  const report = await seedDirectory(database.db, DEV_CORPUS, { onDocument: () => {} });
  expect(report.failed).toBe(0);
  expect(report.stored).toBe(documents.length);
  const app = createTestApp(database.db);

  /** The data of an operation that must succeed. */
  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await app.graphql<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  /** The global ID of the best search hit for `name`, which must match it exactly. */
  async function idOf(name: string): Promise<string> {
    const { search } = await data<{
      search: { edges: { match: string; node: { id: string; name: string } }[] };
    }>('query($q: String!) { search(query: $q, first: 1) { edges { match node { id name } } } }', {
      q: name,
    });
    expect(search.edges[0]?.match).toBe('EXACT');
    return search.edges[0]!.node.id;
  }

  return { database, app, data, idOf };
}
