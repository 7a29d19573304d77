import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWith, listen, seededDatabase } from '../support/serve.ts';

// The GraphQL over HTTP specification, as graphql-http's audit suite checks it, against the
// server on a loopback socket with every limit and plugin of src/api/security.ts installed.

let database: Awaited<ReturnType<typeof seededDatabase>>;
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  database = await seededDatabase();
  server = await listen(appWith(database.db));
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

describe('GraphQL over HTTP conformance', () => {
  it('passes every audit of graphql-http, the recommendations included', async () => {
    const audits = serverAudits({ url: server.url });
    expect(audits.length).toBeGreaterThanOrEqual(61);
    const failed: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});
