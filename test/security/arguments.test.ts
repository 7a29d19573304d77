import {
  type GraphQLArgument,
  type GraphQLInputType,
  getNamedType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/api/schema/index.ts';
import { MAX_LIST_ARGUMENT, MAX_STRING_ARGUMENT } from '../../src/api/security.ts';
import { appWith, seededDatabase } from '../support/serve.ts';

// Every argument of every top-level field, given hostile values through variables (so that
// validation lets them through): each is refused with a typed error and a stable code, never an
// internal error. The rules themselves live where the argument is read: page sizes and ranges in
// the schema, sizes of strings and lists in src/api/query-cost.ts, global IDs in src/api/builder.ts.

let database: Awaited<ReturnType<typeof seededDatabase>>;
let app: ReturnType<typeof appWith>;
let entity: string;

const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Result {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function run(query: string, variables: Record<string, unknown>): Promise<Result> {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Result;
}

beforeAll(async () => {
  database = await seededDatabase();
  app = appWith(database.db);
  const { data } = await run('{ institutions(first: 1) { edges { node { id } } } }', {});
  entity = (data!.institutions as { edges: { node: { id: string } }[] }).edges[0]!.node.id;
});
afterAll(() => database.drop());

/** A value every argument of `type` accepts, for the required arguments not under test. */
function validValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(type.ofType);
  if (isListType(type)) return [validValue(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  return { ID: entity, String: '银行', Int: 1, Boolean: true, DateTime: '2024-01-01T00:00:00Z' }[
    named.name
  ];
}

/** Hostile values for an argument of `type`, each with the codes that may refuse it. */
function hostileValues(type: GraphQLInputType): { value: unknown; why: string }[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    return [
      {
        value: Array(MAX_LIST_ARGUMENT + 1).fill(validValue(inner.ofType)),
        why: 'a list too long',
      },
      { value: [[[validValue(inner.ofType)]]], why: 'nested lists' },
      { value: { not: 'a list' }, why: 'an object' },
    ];
  }
  const named = getNamedType(type);
  switch (named.name) {
    case 'ID':
      return [
        { value: 'x'.repeat(MAX_STRING_ARGUMENT + 1), why: 'an overlong id' },
        { value: 'not-a-global-id', why: 'a malformed id' },
        { value: b64('Person:abc'), why: 'a non-numeric id' },
        { value: b64('Person:99999999999999999999'), why: 'an id beyond 64 bits' },
        { value: b64('Unknown:1'), why: 'an id of no type' },
        { value: 12, why: 'a number' },
      ];
    case 'String':
      return [
        { value: 'x'.repeat(MAX_STRING_ARGUMENT + 1), why: 'an overlong string' },
        { value: 42, why: 'a number' },
      ];
    case 'Int':
      return [
        { value: -1, why: 'a negative count' },
        { value: 2147483647, why: 'the largest Int' },
        { value: 2 ** 31, why: 'beyond Int' },
        { value: 1.5, why: 'a fraction' },
      ];
    case 'Float':
      // Every Float argument is a confidence threshold (minConfidence), between 0 and 1.
      return [
        { value: 1.5, why: 'above 1' },
        { value: -0.5, why: 'below 0' },
        { value: 'high', why: 'a string' },
      ];
    case 'DateTime':
      return [
        { value: 'not a date', why: 'not a date' },
        { value: '2024-02-30T00:00:00Z', why: 'no such day' },
      ];
    default:
      if (isEnumType(named)) return [{ value: 'NO_SUCH_VALUE', why: 'an unknown value' }];
      return [{ value: { an: 'object' }, why: 'an object' }];
  }
}

/** Arguments whose hostile value may legitimately be accepted: the answer is then just data. */
const MAY_ACCEPT = new Set([
  // Any entity's id is a node; an id of an unknown row is null.
  'node(id:) an id beyond 64 bits',
  // extract takes a whole page (up to MAX_EXTRACT_CHARS, refused above with TEXT_TOO_LONG).
  'extract(text:) an overlong string',
  // A threshold is checked when rows are read; a selection of only __typename reads none (any
  // other selection is refused: test/api/confidence.test.ts).
  ...['people', 'institutions', 'models', 'challenges'].flatMap((list) => [
    `${list}(minConfidence:) above 1`,
    `${list}(minConfidence:) below 0`,
  ]),
]);

describe('every argument of every top-level field', () => {
  const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length);

  it('covers the fields that take arguments', () => {
    expect(fields.map((f) => f.name).sort()).toEqual(
      expect.arrayContaining(['people', 'search', 'neighbors', 'path', 'nodes', 'extract']),
    );
  });

  for (const field of fields) {
    it(`${field.name}: refuses hostile values with a coded error`, async () => {
      const problems: string[] = [];
      const named = getNamedType(field.type);
      const selection = isCompositeType(named) ? '{ __typename }' : '';
      for (const arg of field.args as readonly GraphQLArgument[]) {
        const others = field.args.filter((a) => a !== arg && isNonNullType(a.type));
        const declarations = [`$v: ${arg.type}`, ...others.map((a, i) => `$r${i}: ${a.type}`)];
        const args = [`${arg.name}: $v`, ...others.map((a, i) => `${a.name}: $r${i}`)];
        const query = `query(${declarations.join(', ')}) { ${field.name}(${args.join(', ')}) ${selection} }`;
        const base = Object.fromEntries(others.map((a, i) => [`r${i}`, validValue(a.type)]));
        for (const { value, why } of hostileValues(arg.type)) {
          const label = `${field.name}(${arg.name}:) ${why}`;
          const result = await run(query, { ...base, v: value });
          const codes = (result.errors ?? []).map((e) => e.extensions?.code);
          if (codes.includes(undefined)) problems.push(`${label}: an error without a code`);
          if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${label}: an internal error`);
          if (codes.length === 0 && !MAY_ACCEPT.has(label)) problems.push(`${label}: accepted`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('a traversal beyond its row limit', () => {
  it('is refused with FAN_OUT_TOO_LARGE when several of its queries overflow at once', async () => {
    // With a limit of one row, a bank's affiliations and its co-mentions both overflow: the
    // first error is the answer, the second must not become an unhandled rejection (which
    // ends a Node process, and fails this test run).
    process.env.GRAPH_ROW_LIMIT = '1';
    try {
      for (let i = 0; i < 5; i++) {
        const result = await run('query($id: ID!) { neighbors(id: $id, depth: 2) { truncated } }', {
          id: entity,
        });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FAN_OUT_TOO_LARGE']);
      }
    } finally {
      delete process.env.GRAPH_ROW_LIMIT;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await run('query($id: ID!) { neighbors(id: $id) { truncated } }', { id: entity });
    expect(after.errors).toBeUndefined();
  });
});
