import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/api/schema/index.ts';
import {
  type FuzzRequest,
  hostileRequest,
  idPool,
  Random,
  randomOperation,
} from '../support/fuzz.ts';
import { appWith, listen, seededDatabase } from '../support/serve.ts';

// Generated requests against the server on a loopback socket, on the dev corpus: random
// selections over the real schema with random (often wrong) arguments, and hostile requests
// (deep nesting, thousands of aliases, garbage bodies, wrong content types and methods, huge or
// mistyped variables). Every answer must be a well-formed GraphQL result or error, with a stable
// code on every error, never a 5xx, never an internal error, never a stack trace; and the server
// must still answer afterwards. FUZZ_SEED reproduces a run; FUZZ_CASES makes it longer.

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.FUZZ_CASES ?? 300);

let database: Awaited<ReturnType<typeof seededDatabase>>;
let server: Awaited<ReturnType<typeof listen>>;
let ids: string[];

beforeAll(async () => {
  database = await seededDatabase();
  server = await listen(appWith(database.db));
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ search(query: "行", first: 10) { edges { node { id } } }
        documents(first: 2) { edges { node { id mentions(first: 1) { edges { node { id } } } } } } }`,
    }),
  });
  const { data } = (await response.json()) as {
    data: {
      search: { edges: { node: { id: string } }[] };
      documents: {
        edges: { node: { id: string; mentions: { edges: { node: { id: string } }[] } } }[];
      };
    };
  };
  ids = idPool([
    ...data.search.edges.map((e) => e.node.id),
    ...data.documents.edges.flatMap((e) => [
      e.node.id,
      ...e.node.mentions.edges.map((m) => m.node.id),
    ]),
  ]);
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

const ALLOWED_STATUS = new Set([200, 204, 400, 403, 404, 405, 406, 413, 415]);
// What an answer must never show a client: internals of the server or of the database.
const INTERNALS = /stack|prisma|sqlite|node_modules|\.ts:\d|\bat [\w.]+ \(|Unexpected error/i;

interface ErrorShape {
  message?: unknown;
  extensions?: { code?: unknown };
}

/** What is wrong with one answer, or null when it is a well-formed result or error. */
function problemWith(status: number, contentType: string, text: string): string | null {
  if (!ALLOWED_STATUS.has(status)) return `status ${status}`;
  if (text === '') {
    // Only a preflight, a HEAD, a refused method, and a request accepting no format the server
    // writes (406) may be answered without a body.
    return [200, 204, 405, 406].includes(status) ? null : `status ${status} with an empty body`;
  }
  if (contentType.includes('text/html')) return status === 200 ? null : `HTML with ${status}`;
  if (!/json/.test(contentType)) return `content type ${contentType}`;
  let body: { data?: unknown; errors?: ErrorShape[] };
  try {
    body = JSON.parse(text);
  } catch {
    return 'a body that is not JSON';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not an object';
  if (!('data' in body) && !('errors' in body)) return 'neither data nor errors';
  if (status >= 400 && !Array.isArray(body.errors)) return `status ${status} without errors`;
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) return 'errors not a list';
    for (const error of body.errors) {
      if (typeof error.message !== 'string') return 'an error without a message';
      if (typeof error.extensions?.code !== 'string') {
        return `an error without a code: ${error.message}`;
      }
    }
    const shown = JSON.stringify(body.errors);
    if (INTERNALS.test(shown)) return `internals shown: ${shown.slice(0, 300)}`;
  }
  return null;
}

async function send(request: FuzzRequest) {
  const response = await fetch(`${server.url}${request.search ?? ''}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

describe(`fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it('answers every generated request with a well-formed result or coded error', async () => {
    const random = new Random(SEED);
    const failures: string[] = [];
    const seen = new Map<string, number>();
    let answered = 0;
    for (let i = 0; i < CASES; i++) {
      const request: FuzzRequest = random.chance(0.6)
        ? {
            kind: 'random operation',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json',
            },
            body: JSON.stringify({ query: randomOperation(random, schema, ids) }),
          }
        : hostileRequest(random, ids);
      const { status, contentType, text } = await send(request);
      const problem = problemWith(status, contentType, text);
      // Data, even partial: the operation reached the resolvers.
      if (status === 200 && /"data":\{"/.test(text)) answered++;
      seen.set(request.kind.split(':')[0]!, (seen.get(request.kind.split(':')[0]!) ?? 0) + 1);
      if (problem) {
        const body = String(request.body ?? request.search ?? '').slice(0, 400);
        failures.push(`case ${i} (${request.kind}): ${problem}\n  request: ${body}`);
      }
    }
    expect(failures).toEqual([]);
    // The generators reached every kind of request, and many reached the resolvers.
    expect(seen.size).toBeGreaterThanOrEqual(10);
    expect(answered).toBeGreaterThan(CASES / 5);
    // Still up, and still right.
    const after = await send({
      kind: 'after',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
    });
    expect(JSON.parse(after.text).data.people.totalCount).toBeGreaterThan(10);
  });
});
