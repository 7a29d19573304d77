import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADERS, MAX_DEPTH, securitySettings } from '../../src/api/security.ts';
import { createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';
import { appWith, recordingLogger } from '../support/serve.ts';

// The switches that differ in production, from the environment: introspection, GraphiQL, CSRF
// prevention; and what a client sees of a failure: never a stack trace or the database's words.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let production: ReturnType<typeof appWith>;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  production = appWith(database.db, securitySettings({ NODE_ENV: 'production' }));
});
afterAll(() => database.drop());

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function postJson(app: ReturnType<typeof appWith>, query: string, headers = {}) {
  return app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query }),
  });
}

describe('settings from the environment', () => {
  it('production turns introspection and GraphiQL off and CSRF prevention on', () => {
    expect(securitySettings({})).toMatchObject({
      introspection: true,
      graphiql: true,
      csrfPrevention: false,
    });
    expect(securitySettings({ NODE_ENV: 'production' })).toMatchObject({
      introspection: false,
      graphiql: false,
      csrfPrevention: true,
    });
    expect(
      securitySettings({
        NODE_ENV: 'production',
        GRAPHQL_INTROSPECTION: 'on',
        GRAPHIQL: 'true',
        CSRF_PREVENTION: 'off',
      }),
    ).toMatchObject({ introspection: true, graphiql: true, csrfPrevention: false });
  });

  it('reads every limit from its variable, and refuses a value that is not a positive integer', () => {
    const settings = securitySettings({
      GRAPHQL_MAX_DEPTH: '5',
      GRAPHQL_MAX_COST: '100',
      MAX_REQUEST_BODY_BYTES: '2048',
      EXECUTION_TIMEOUT_MS: '250',
    });
    expect(settings).toMatchObject({
      maxDepth: 5,
      maxRequestBodyBytes: 2048,
      executionTimeoutMs: 250,
      budget: { maxCost: 100 },
    });
    expect(securitySettings({}).maxDepth).toBe(MAX_DEPTH);
    expect(() => securitySettings({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH/);
    expect(() => securitySettings({ GRAPHIQL: 'maybe' })).toThrow(/GRAPHIQL/);
  });
});

describe('in production', () => {
  it('refuses introspection with a code, and hides the names "Did you mean" would give', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Person") { name } }',
    ]) {
      const { status, body } = await json(await postJson(production, query));
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Introspection is disabled on this server.',
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      ]);
    }
    const typename = await json(await postJson(production, '{ __typename }'));
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    const typo = await json(await postJson(production, '{ peple(first: 1) { totalCount } }'));
    expect(JSON.stringify(typo.body)).not.toContain('people');
    const development = appWith(database.db, securitySettings({}));
    const hint = await json(await postJson(development, '{ peple(first: 1) { totalCount } }'));
    expect(JSON.stringify(hint.body)).toContain('Did you mean \\"people\\"');
  });

  it('serves no GraphiQL page, and still the explorer', async () => {
    const page = await production.fetch('http://yoga/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await page.text()).not.toContain('GraphiQL');
    const explorer = await production.fetch('http://yoga/');
    expect(explorer.status).toBe(200);
  });

  it('refuses what a browser sends without a preflight unless it carries a CSRF header', async () => {
    const url = `http://yoga/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const bare = await json(
      await production.fetch(url, { headers: { accept: 'application/json' } }),
    );
    expect(bare.status).toBe(403);
    expect(bare.body.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'CSRF_HEADER_REQUIRED', headers: CSRF_HEADERS },
      }),
    ]);
    const form = await production.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(form.status).toBe(403);
    const text = await production.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(text.status).toBe(403);
    for (const header of CSRF_HEADERS) {
      const allowed = await production.fetch(url, {
        headers: { accept: 'application/json', [header]: '1' },
      });
      expect(await json(allowed)).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }
    // GraphiQL and the explorer post JSON, which no page can do cross-site without a preflight.
    expect((await postJson(production, '{ __typename }')).status).toBe(200);
  });
});

describe('error masking', () => {
  it('shows no stack trace, no database words, in production or in tests', async () => {
    const broken = await createTestDatabase();
    try {
      await insertSmallGraph(broken.db);
      await broken.db.$executeRawUnsafe('DROP TABLE "Mention"');
      for (const settings of [securitySettings({ NODE_ENV: 'production' }), securitySettings({})]) {
        const { logger, errors } = recordingLogger();
        const app = appWith(broken.db, settings, logger);
        const response = await postJson(
          app,
          '{ people(first: 5) { edges { node { name mentions(first: 1) { totalCount } } } } }',
        );
        const text = await response.text();
        expect(text).toContain('Unexpected error.');
        expect(text).not.toMatch(/stack|originalError|prisma|sqlite|mention|table|\.ts\b|at /i);
        // The server keeps what the client is not told.
        expect(JSON.stringify(errors.map(String))).toMatch(/Mention/);
      }
    } finally {
      await broken.drop();
    }
  });
});
