import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

// Generators for the fuzz test: a seeded random source, and requests built from the real schema
// (random selections with random, often wrong, arguments) or by hand (deep nesting, aliases,
// garbage bodies, wrong content types, huge variables). Everything follows from the seed, so a
// failing case is reproduced by running the test with the same FUZZ_SEED.

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array<ArrayBuffer> {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }
}

/** One request the fuzz test sends, and a line saying what it is. */
export interface FuzzRequest {
  kind: string;
  method: string;
  /** Appended to the endpoint URL (a query string for GET). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const STRINGS = [
  '',
  ' ',
  '招联',
  '银行',
  '幻觉',
  'GPT-4',
  '%',
  '_',
  "'; DROP TABLE Person; --",
  '" OR 1=1 --',
  '\\',
  '\u0000',
  '😀🏦',
  '<script>alert(1)</script>',
  'x'.repeat(101),
  '字'.repeat(1001),
  'a'.repeat(5000),
];
// Values that pass validation (some are still wrong at run time: negative, above a limit)…
const INTS = [-1, 0, 1, 2, 3, 20, 100, 101, 1000, 2147483647];
const FLOATS = [-1.5, 0, 0.5, 1e308, -1e308];
const DATES = ['2024-01-01T00:00:00Z', '2025-12-31T23:59:59Z', '9999-12-31T00:00:00Z'];
// …and values that do not.
const BAD_INTS = [-2147483649, 2147483648, 1e10];
const BAD_DATES = ['2024-13-45T99:99:99Z', 'yesterday', '0', '', '+275760-09-13T00:00:00.000Z'];
const WRONG_TYPES = ['null', '1', '"x"', 'true', '[1, 2]', '{ a: 1 }', 'WRONG_ENUM', '1.5'];

/** IDs of every kind: real ones, other types', malformed, out of range. */
export function idPool(real: readonly string[]): string[] {
  return [
    ...real,
    b64('Person:1'),
    b64('Document:1'),
    b64('Mention:1'),
    b64('Person:0'),
    b64('Person:-1'),
    b64('Person:abc'),
    b64('Person:1.5'),
    b64('Person:99999999999999999999'),
    b64('Person:9007199254740993'),
    b64('Foo:1'),
    b64('Query:1'),
    b64(':'),
    b64(''),
    'not-base64!',
    'UGVyc29u',
    '=',
    '',
    'AFFILIATION:1',
  ];
}

/** What literals are made of: the IDs to use, and whether validation may refuse them. */
interface Vocabulary {
  ids: readonly string[];
  /** Literals of the wrong type or out of range, now and then. */
  noisy: boolean;
}

/** A GraphQL literal for a value of `type` (when noisy, sometimes one validation refuses). */
function literal(random: Random, type: GraphQLInputType, words: Vocabulary, depth = 0): string {
  const { ids, noisy } = words;
  if (noisy && random.chance(0.15)) return random.pick(WRONG_TYPES);
  if (isNonNullType(type)) return literal(random, type.ofType, words, depth);
  if (isListType(type)) {
    const length = random.pick([0, 1, 2, 3, 101]);
    if (depth > 2) return '[]';
    const items = Array.from({ length }, () => literal(random, type.ofType, words, depth + 1));
    return `[${items.join(', ')}]`;
  }
  if (isEnumType(type)) {
    return noisy && random.chance(0.2) ? 'NOT_A_VALUE' : random.pick(type.getValues()).name;
  }
  if (isInputObjectType(type)) {
    // `where` inputs nest without end (a person's affiliations' institution's…): a few levels,
    // and a few fields a level, as a client writes them.
    if (depth > 3) return '{}';
    const fields = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) || random.chance(0.3))
      .map((f) => `${f.name}: ${literal(random, f.type, words, depth + 1)}`);
    return `{ ${fields.join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return String(random.pick(noisy && random.chance(0.3) ? BAD_INTS : INTS));
      case 'Float':
        return String(random.pick(FLOATS));
      case 'Boolean':
        return random.pick(['true', 'false']);
      case 'ID':
        return JSON.stringify(random.pick(ids));
      case 'DateTime':
        return JSON.stringify(random.pick(noisy && random.chance(0.5) ? BAD_DATES : DATES));
      default:
        return JSON.stringify(random.pick(STRINGS));
    }
  }
  return 'null';
}

function fieldsOf(type: GraphQLCompositeType): GraphQLField<unknown, unknown>[] {
  if (isObjectType(type) || isInterfaceType(type)) return Object.values(type.getFields());
  return [];
}

/** A random selection on `type`, at most `depth` levels further down. */
function selection(
  random: Random,
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  depth: number,
  words: Vocabulary,
): string {
  const parts: string[] = [];
  if (isUnionType(type) || (isInterfaceType(type) && random.chance(0.5))) {
    const target = random.pick(schema.getPossibleTypes(type));
    parts.push(`... on ${target.name} { ${selection(random, schema, target, depth, words)} }`);
  }
  const fields = fieldsOf(type);
  const count = fields.length === 0 ? 0 : 1 + random.int(4);
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const field = random.pick(fields);
    // The same field twice with other arguments must be aliased, or validation refuses it.
    const alias = used.has(field.name) || random.chance(0.1) ? `a${i}_${random.int(1000)}: ` : '';
    used.add(field.name);
    const args = field.args
      .filter((arg) => isNonNullType(arg.type) || random.chance(0.5))
      .map((arg) => `${arg.name}: ${literal(random, arg.type, words)}`);
    const named = getNamedType(field.type);
    let sub = '';
    if (isCompositeType(named)) {
      sub =
        depth > 0 && random.chance(0.8)
          ? `{ ${selection(random, schema, named, depth - 1, words)} }`
          : '{ __typename }';
    } else if (words.noisy && random.chance(0.05)) {
      sub = '{ oops }';
    }
    parts.push(`${alias}${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''} ${sub}`);
  }
  if (parts.length === 0 || random.chance(0.1)) parts.push('__typename');
  return parts.join(' ');
}

/**
 * A random operation over the schema's query type. One in four is noisy: literals of the wrong
 * type, out of range or unknown, which validation refuses; the others reach the resolvers with
 * values that are still often wrong (malformed IDs, negative counts, overlong strings).
 */
export function randomOperation(
  random: Random,
  schema: GraphQLSchema,
  ids: readonly string[],
): string {
  const depth = random.pick([0, 1, 2, 3, 4, 6, 9]);
  const words = { ids, noisy: random.chance(0.25) };
  return `query Fuzz { ${selection(random, schema, schema.getQueryType()!, depth, words)} }`;
}

const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

function post(
  kind: string,
  body: string | Uint8Array<ArrayBuffer> | Record<string, unknown>,
  headers: Record<string, string> = json,
): FuzzRequest {
  const raw = typeof body === 'string' || body instanceof Uint8Array;
  return { kind, method: 'POST', headers, body: raw ? body : JSON.stringify(body) };
}

/** Selections nested `depth` fields deep through person → affiliations → institution → … */
function deep(depth: number): string {
  let inner = 'name';
  for (let i = 0; i < depth; i++) {
    const step = i % 3;
    if (step === 0) inner = `affiliations { role ${inner} }`;
    else if (step === 1) inner = `institution { ${inner} }`;
    else inner = `people(first: 1) { edges { node { ${inner} } } }`;
  }
  return `{ people(first: 1) { edges { node { ${inner} } } } }`;
}

/** A JSON array nested `depth` deep, built without recursion. */
function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** The hand-made hostile requests, a few of each kind, chosen by `random`. */
export function hostileRequest(random: Random, ids: readonly string[]): FuzzRequest {
  const kind = random.int(9);
  switch (kind) {
    case 0: {
      const depth = random.pick([10, 13, 50, 300, 2000]);
      return post(`deep nesting ${depth}`, { query: deep(depth) });
    }
    case 1: {
      const n = random.pick([21, 100, 1000, 2999]);
      const field = random.pick([
        '__typename',
        'people(first: 100) { totalCount }',
        'node(id: "x") { id }',
      ]);
      const query = `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      return post(`${n} aliases`, { query });
    }
    case 2: {
      const options: [string, string | Uint8Array<ArrayBuffer>][] = [
        ['random bytes', random.bytes(random.int(4000))],
        ['truncated JSON', '{"query": "{ people(first: 1) { totalCount }'],
        ['JSON array', '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]'],
        ['JSON number', '42'],
        ['JSON string', '"{ __typename }"'],
        ['JSON null', 'null'],
        ['empty body', ''],
        ['query not a string', '{"query": ["{ __typename }"]}'],
        ['variables not an object', '{"query": "{ __typename }", "variables": [1]}'],
        ['extensions not an object', '{"query": "{ __typename }", "extensions": "x"}'],
        ['operationName not a string', '{"query": "{ __typename }", "operationName": 5}'],
        ['unknown operationName', '{"query": "{ __typename }", "operationName": "Nope"}'],
        ['two anonymous operations', '{"query": "{ __typename } { __typename }"}'],
        ['mutation', '{"query": "mutation { x }"}'],
        ['subscription', '{"query": "subscription { x }"}'],
        ['deep JSON', `{"query": "{ __typename }", "variables": {"x": ${nestedJson(50_000)}}}`],
        ['UTF-16 bytes', Uint8Array.from(Buffer.from('{"query": "{ __typename }"}', 'utf16le'))],
        ['BOM', `\ufeff${JSON.stringify({ query: '{ __typename }' })}`],
        ['lone surrogate', '{"query": "{ search(query: \\"\\ud800\\") { totalCount } }"}'],
        ['NUL in query', '{"query": "{ __type\\u0000name }"}'],
        ['unterminated string', '{"query": "{ search(query: \\"abc) { totalCount } }"}'],
        ['comment only', '{"query": "# nothing"}'],
      ];
      const [name, body] = random.pick(options);
      return post(`garbage body: ${name}`, body);
    }
    case 3: {
      const type = random.pick([
        'text/plain',
        'text/html',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/graphql',
        'application/octet-stream',
        'image/png',
        '',
        'application/json, text/plain',
        ';;;',
      ]);
      const headers: Record<string, string> = {
        accept: random.pick(['*/*', 'text/html', 'application/xml', 'application/json']),
      };
      if (type) headers['content-type'] = type;
      const body = random.pick([
        JSON.stringify({ query: '{ __typename }' }),
        '{ __typename }',
        'query=%7B__typename%7D',
        '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
      ]);
      return { kind: `content type "${type}"`, method: 'POST', headers, body };
    }
    case 4: {
      // Variables as JSON text, built only for the case picked: JSON.stringify recurses, so the
      // deeply nested one is written by hand.
      const nodes = 'query($x: [ID!]!) { nodes(ids: $x) { id } }';
      const first = 'query($x: Int) { people(first: $x) { totalCount } }';
      const options: [string, string, () => string][] = [
        ['500 ids', nodes, () => JSON.stringify({ x: Array(500).fill(ids[0]) })],
        ['100 ids', nodes, () => JSON.stringify({ x: Array(100).fill(ids[0]) })],
        [
          'a 900 KB name',
          'query($x: String) { people(name: $x) { totalCount } }',
          () => JSON.stringify({ x: '人'.repeat(300_000) }),
        ],
        [
          'a 300 KB extract',
          'query($x: String!) { extract(text: $x) { title } }',
          () => JSON.stringify({ x: 'a'.repeat(300_000) }),
        ],
        [
          '5000 categories',
          'query($x: [InstitutionCategory!]) { institutions(category: $x) { totalCount } }',
          () => JSON.stringify({ x: Array(5000).fill('BANK') }),
        ],
        [
          'an unused huge variable',
          'query { __typename }',
          () => JSON.stringify({ x: 'y'.repeat(900_000) }),
        ],
        ['a list nested 100,000 deep', nodes, () => `{"x": ${nestedJson(100_000)}}`],
        ['an object for a list', nodes, () => '{"x": {"a": 1}}'],
        ['a string for an Int', first, () => '{"x": "100"}'],
        ['a float for an Int', first, () => '{"x": 1.5}'],
        ['a huge Int', first, () => '{"x": 1e300}'],
        [
          'a bad DateTime',
          'query($x: DateTime) { people(from: $x) { totalCount } }',
          () => '{"x": "soon"}',
        ],
        ['a missing required', 'query($x: ID!) { node(id: $x) { id } }', () => '{}'],
        ['a null required', 'query($x: ID!) { node(id: $x) { id } }', () => '{"x": null}'],
        [
          'an undeclared variable',
          'query { node(id: $x) { id } }',
          () => JSON.stringify({ x: ids[0] }),
        ],
        [
          'a wrongly declared type',
          'query($x: String) { node(id: $x) { id } }',
          () => JSON.stringify({ x: ids[0] }),
        ],
      ];
      const [name, query, variables] = random.pick(options);
      return post(
        `variables: ${name}`,
        `{"query": ${JSON.stringify(query)}, "variables": ${variables()}}`,
      );
    }
    case 5: {
      const query = random.pick([
        '{ __typename }',
        '{ people(first: 2) { edges { node { name } } } }',
        '{ people(first: 101) { totalCount } }',
        'mutation { __typename }',
        '{',
        '',
      ]);
      const variables = random.pick(['', '&variables=%7B', '&variables=%5B%5D', '&variables=null']);
      const search = `?query=${encodeURIComponent(query)}${variables}`;
      const accept = random.pick([
        'application/json',
        'text/html',
        'application/graphql-response+json',
      ]);
      return { kind: `GET ${query}${variables}`, method: 'GET', search, headers: { accept } };
    }
    case 6: {
      const method = random.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const headers = {
        ...json,
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
      };
      const body =
        method === 'HEAD' || method === 'OPTIONS'
          ? undefined
          : JSON.stringify({ query: '{ __typename }' });
      return { kind: `${method}`, method, headers, body };
    }
    case 7: {
      const n = random.pick([5, 21, 60]);
      const query = `{ __typename ${Array(n).fill('@include(if: true)').join(' ')} }`;
      return post(`${n} directives`, { query });
    }
    default: {
      const id = random.pick(ids);
      const depthArg = random.pick([0, 1, 3, 4, -1, 100]);
      const first = random.pick([0, 1, 100, 101, -5]);
      const field = random.pick([
        `neighbors(id: ${JSON.stringify(id)}, depth: ${depthArg}, first: ${first}) { nodes { entity { name } } edges { type evidence { snippet } } }`,
        `path(from: ${JSON.stringify(id)}, to: ${JSON.stringify(random.pick(ids))}, maxDepth: ${depthArg}, first: ${first}) { length paths { nodes { name } } }`,
        `connections(a: ${JSON.stringify(id)}, b: ${JSON.stringify(random.pick(ids))}) { documents { title } }`,
        `mentions(entity: ${JSON.stringify(id)}, first: ${first}) { totalCount }`,
        `documents(mentioning: ${JSON.stringify(id)}, first: ${first}) { totalCount }`,
      ]);
      return post('graph lookup', { query: `{ ${field} }` });
    }
  }
}
