import { createLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOrigins, createApp } from '../../src/api/yoga.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// What a client sees over HTTP: GraphiQL, health routes, page limits and error masking.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let test: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  test = createTestApp(database.db);
});
afterAll(() => database.drop());

describe('routes', () => {
  it('serves GraphiQL on GET /graphql to a browser, opening on example operations', async () => {
    const response = await test.app.fetch('http://yoga/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    for (const operation of ['Search', 'Neighbors', 'Path', 'Connections', 'SaidInPeriod']) {
      expect(html).toContain(`query ${operation}`);
    }
  });

  it('answers GET /graphql?query= with JSON for a client', async () => {
    const response = await test.app.fetch(
      `http://yoga/graphql?query=${encodeURIComponent('{ people(first: 1) { edges { node { name } } } }')}`,
      { headers: { accept: 'application/json' } },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { people: { edges: [{ node: { name: '黄进' } }] } },
    });
  });

  it('serves the explorer at /, and reports health and readiness', async () => {
    const root = await test.app.fetch('http://yoga/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(await root.text()).toContain('/explorer/cytoscape.min.js');
    expect((await test.app.fetch('http://yoga/health')).status).toBe(200);
    expect((await test.app.fetch('http://yoga/ready')).status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.fetch('http://yoga/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  it('lets any origin read the API by default', async () => {
    const response = await preflight(test.app, 'http://localhost:5173');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('keeps to the origins CORS_ORIGINS lists, or to none', async () => {
    const silent = createLogger('silent');
    const listed = createApp({
      db: database.db,
      logger: silent,
      corsOrigins: corsOrigins('https://a.example, https://b.example'),
    });
    const allowed = await preflight(listed, 'https://b.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    const refused = await preflight(listed, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBe('null');

    const closed = createApp({ db: database.db, logger: silent, corsOrigins: corsOrigins('none') });
    const none = await preflight(closed, 'https://a.example');
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    expect(corsOrigins(undefined)).toBe('*');
    expect(corsOrigins('*')).toBe('*');
  });
});

describe('page size', () => {
  it('rejects first above 100 with a clear error instead of clamping it', async () => {
    for (const field of ['people', 'institutions', 'models', 'challenges', 'documents']) {
      const result = await test.graphql(`{ ${field}(first: 101) { edges { node { id } } } }`);
      expect(result.data).toEqual({ [field]: null });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({
        message: expect.stringContaining('at most 100'),
        path: [field],
        extensions: { code: 'PAGE_SIZE_TOO_LARGE', argument: 'first', max: 100 },
      });
    }
  });

  it('rejects it on nested connections too, and accepts exactly 100', async () => {
    const nested = await test.graphql(
      '{ people(first: 1) { edges { node { mentions(first: 1000) { totalCount } } } } }',
    );
    expect(nested.errors![0]!.extensions).toMatchObject({ code: 'PAGE_SIZE_TOO_LARGE' });
    const limit = await test.graphql(
      '{ people(first: 100) { edges { node { mentions(first: 100) { totalCount } } } } }',
    );
    expect(limit.errors).toBeUndefined();
  });

  it('tells a malformed cursor or global ID apart from a server failure', async () => {
    const cursor = await test.graphql('{ people(first: 1, after: "nonsense") { totalCount } }');
    expect(cursor.errors![0]).toMatchObject({
      message: expect.stringContaining('Invalid cursor'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const id = await test.graphql('{ node(id: "not-a-global-id") { id } }');
    expect(id.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('error masking', () => {
  it('does not leak what went wrong inside a resolver, and logs it on the server', async () => {
    // A real failure: a database that lost the Challenge table.
    const broken = await createTestDatabase();
    try {
      await insertSmallGraph(broken.db);
      // PostgreSQL drops a table others refer to only with those references (CASCADE).
      const cascade = broken.dialect === 'postgresql' ? ' CASCADE' : '';
      await broken.db.$executeRawUnsafe(`DROP TABLE "Challenge"${cascade}`);
      const logged: unknown[] = [];
      const logger = {
        ...createLogger('silent'),
        error: (...args: unknown[]) => logged.push(...args),
      };
      const result = await createTestApp(broken.db, logger).graphql(
        '{ people(first: 10) { edges { node { name } } } challenges(first: 10) { edges { node { name } } } }',
      );
      expect(result.data).toEqual({
        people: {
          edges: [
            { node: { name: '黄进' } },
            { node: { name: '李耀' } },
            { node: { name: '徐万青' } },
          ],
        },
        challenges: null,
      });
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: 'Unexpected error.',
          path: ['challenges'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      // Prisma's own words would be "The table `main.Challenge` does not exist…".
      const { path: _path, ...shown } = result.errors![0]!;
      expect(JSON.stringify(shown)).not.toMatch(/challenge|table|exist|sqlite|prisma/i);
      expect(logged).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/Challenge/) }),
      ]);
    } finally {
      await broken.drop();
    }
  });
});
