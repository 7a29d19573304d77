import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { createLogger } from 'graphql-yoga';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { buildDist } from '../../scripts/build.mjs';
import { curatorTokens } from '../../src/api/curators.ts';
import { createApp } from '../../src/api/yoga.ts';
import { exportOf, FORMATS } from '../../src/graph/export/export.ts';
import { projectRoot } from '../../src/runtime/paths.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { FIXTURE_CORPUS } from '../support/corpus-copy.ts';
import { createTestDatabase } from '../support/database.ts';

// Each export read back by the library its users read it with (graphology's GraphML parser, a
// CSV parser against neo4j-admin's header format, the jsonld processor, JSON.parse per line), and
// compared with the graph the API serves, curations included: the repository's test corpus, a
// merge and a rejected affiliation.

// biome-ignore lint/suspicious/noExplicitAny: answers of the API, read by the assertions
type Json = any;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createApp>;

async function data(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Json> {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Json;
  expect(body.errors).toBeUndefined();
  return body.data;
}

const decode = (id: string) => Buffer.from(id, 'base64').toString('utf8');

/** The graph as the API reports it: node ids (Person:3) and edge ids (Affiliation:5). */
interface ApiGraph {
  nodes: Map<string, { kind: string; name: string; confidence: number; basis: string }>;
  edges: Map<
    string,
    {
      type: string;
      source: string;
      target: string;
      role: string | null;
      confidence: number;
      basis: string;
    }
  >;
}

async function apiGraph(): Promise<ApiGraph> {
  const nodes: ApiGraph['nodes'] = new Map();
  const edges: ApiGraph['edges'] = new Map();
  const lists: Record<string, string> = {
    people:
      'affiliations { id role confidence basis institution { id } } raised { id confidence basis challenge { id } }',
    institutions: '',
    models: 'developments { id confidence basis institution { id } }',
    challenges: '',
  };
  for (const [list, relations] of Object.entries(lists)) {
    let after: string | null = null;
    for (;;) {
      const page: Json = await data(
        `query($after: String) { ${list}(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { id name kind confidence basis ${relations} } } } }`,
        { after },
      );
      const connection = page[list];
      for (const { node } of connection.edges) {
        const id = decode(node.id);
        nodes.set(id, {
          kind: node.kind,
          name: node.name,
          confidence: node.confidence,
          basis: node.basis,
        });
        for (const a of node.affiliations ?? []) {
          edges.set(decode(a.id), {
            type: 'AFFILIATION',
            source: id,
            target: decode(a.institution.id),
            role: a.role,
            confidence: a.confidence,
            basis: a.basis,
          });
        }
        for (const r of node.raised ?? []) {
          edges.set(decode(r.id), {
            type: 'RAISED',
            source: id,
            target: decode(r.challenge.id),
            role: null,
            confidence: r.confidence,
            basis: r.basis,
          });
        }
        for (const d of node.developments ?? []) {
          edges.set(decode(d.id), {
            type: 'DEVELOPER',
            source: decode(d.institution.id),
            target: id,
            role: null,
            confidence: d.confidence,
            basis: d.basis,
          });
        }
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  }
  return { nodes, edges };
}

let graph: ApiGraph;
let rejected: string;
let removed: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const report = await seedDirectory(database.db, FIXTURE_CORPUS, {
    workers: 0,
    onDocument: () => {},
  });
  expect(report.failed).toBe(0);
  app = createApp({
    db: database.db,
    logger: createLogger('silent'),
    curators: curatorTokens('alice:secret'),
  });
  const people: Json = await data(
    '{ people(first: 100) { edges { node { id name affiliations { id role } } } } }',
  );
  const byName = new Map(people.people.edges.map((e: Json) => [e.node.name, e.node]));
  const keep: Json = byName.get('诸葛云舒');
  const remove: Json = byName.get('诸葛明澜');
  removed = decode(remove.id);
  await data(
    'mutation($k: ID!, $r: ID!) { mergeEntities(keep: $k, remove: $r) { id } }',
    { k: keep.id, r: remove.id },
    'secret',
  );
  const reporter: Json = byName.get('邝一苇');
  const journalist = reporter.affiliations.find((a: Json) => a.role === '记者');
  rejected = decode(journalist.id);
  await data(
    'mutation($id: ID!) { rejectFact(id: $id, reason: "editor only") { id } }',
    { id: journalist.id },
    'secret',
  );
  graph = await apiGraph();
  expect(graph.nodes.has(removed)).toBe(false);
  expect(graph.edges.has(rejected)).toBe(false);
});

afterAll(() => database.drop());

async function download(format: string): Promise<Response> {
  const response = await app.fetch(`http://yoga/export/${format}`);
  expect(response.status).toBe(200);
  return response;
}

describe('GraphML', () => {
  it('is read by graphology with the same nodes and edges as the API, and their attributes', async () => {
    const response = await download('graphml');
    expect(response.headers.get('content-disposition')).toContain('kg-finance.graphml');
    const read = parseGraphml(MultiGraph, await response.text());
    expect(read.order).toBe(graph.nodes.size);
    expect(read.size).toBe(graph.edges.size);
    for (const [id, node] of graph.nodes) {
      expect(read.getNodeAttributes(id)).toMatchObject({
        kind: node.kind,
        name: node.name,
        confidence: node.confidence,
        basis: node.basis,
      });
    }
    for (const [id, edge] of graph.edges) {
      expect(read.source(id)).toBe(edge.source);
      expect(read.target(id)).toBe(edge.target);
      const attributes = read.getEdgeAttributes(id);
      expect(attributes.type).toBe(edge.type);
      expect(attributes.role).toBe(edge.role ?? undefined);
      expect(attributes.evidence).toBeGreaterThanOrEqual(1);
      expect(attributes.edgeConfidence).toBe(edge.confidence);
      expect(attributes.edgeBasis).toBe(edge.basis);
    }
    const institution = [...graph.nodes].find(([, n]) => n.kind === 'INSTITUTION')![0];
    expect(read.getNodeAttribute(institution, 'category')).toMatch(/^[a-z_]+$/);
  });
});

function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, string>();
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

/** The CSV files of a Neo4j import checked against neo4j-admin's header format and the graph. */
function checkNeo4j(files: Map<string, string>) {
  const nodeIds = new Set<string>();
  let relationships = 0;
  const csv = [...files].filter(([name]) => name.endsWith('.csv'));
  const tables = csv.map(
    ([name, text]) => [name, parseCsv(text, { relax_column_count: false }) as string[][]] as const,
  );
  for (const [name, [header, ...rows]] of tables) {
    if (header!.includes(':START_ID')) continue;
    // A node file: one :ID column (optionally in an id space), a :LABEL column, typed properties.
    expect(
      header!.filter((h) => /^[A-Za-z]*:ID(\([A-Za-z]+\))?$/.test(h)),
      name,
    ).toHaveLength(1);
    expect(header, name).toContain(':LABEL');
    for (const h of header!)
      expect(h, name).toMatch(
        /^(:LABEL|[A-Za-z]*:ID|[A-Za-z]+(:(int|float|string|boolean)(\[\])?)?)$/,
      );
    for (const row of rows) {
      expect(row[header!.indexOf(':LABEL')]).toMatch(
        /^(Person|Institution|Model|Challenge);Entity$/,
      );
      nodeIds.add(row[0]!);
      const node = graph.nodes.get(row[0]!);
      expect(Number(row[header!.indexOf('confidence:float')]), row[0]).toBe(node?.confidence);
      expect(row[header!.indexOf('basis')], row[0]).toBe(node?.basis);
    }
  }
  for (const [name, [header, ...rows]] of tables) {
    if (!header!.includes(':START_ID')) continue;
    expect(header!.slice(0, 3), name).toEqual([':START_ID', ':END_ID', ':TYPE']);
    for (const row of rows) {
      const [start, end, type] = row;
      expect(nodeIds.has(start!) && nodeIds.has(end!), `${name}: ${row}`).toBe(true);
      expect(['AFFILIATION', 'DEVELOPER', 'RAISED']).toContain(type);
      const confidence = Number(row[header!.indexOf('confidence:float')]);
      const basis = row[header!.indexOf('basis')];
      const stated = [...graph.edges.values()].filter(
        (e) => e.source === start && e.target === end && e.type === type,
      );
      expect(
        stated.some((e) => e.confidence === confidence && e.basis === basis),
        `${name}: ${row}`,
      ).toBe(true);
      relationships++;
    }
  }
  expect(nodeIds).toEqual(new Set(graph.nodes.keys()));
  expect(relationships).toBe(graph.edges.size);
  expect(files.get('README.txt')).toContain('neo4j-admin database import full');
}

describe('Neo4j', () => {
  it('sends a zip of CSV files in neo4j-admin import format, with the graph the API reports', async () => {
    const response = await download('neo4j');
    expect(response.headers.get('content-type')).toBe('application/zip');
    checkNeo4j(await unzip(Buffer.from(await response.arrayBuffer())));
  });
});

describe('JSON-LD', () => {
  const SCHEMA = 'https://schema.org/';

  async function expanded(document: Json, options: Json = {}) {
    const nodes: Json[] = await jsonld.expand(document as object, options as object);
    const byType = (type: string) => nodes.filter((n) => n['@type']?.includes(`${SCHEMA}${type}`));
    return { nodes, byType };
  }

  it('expands with schema.org types, one node per entity and the relations between them', async () => {
    const document = JSON.parse(await (await download('jsonld')).text());
    const { nodes, byType } = await expanded(document);
    expect(nodes).toHaveLength(graph.nodes.size);
    const count = (kind: string) => [...graph.nodes.values()].filter((n) => n.kind === kind).length;
    expect(byType('Person')).toHaveLength(count('PERSON'));
    expect(byType('Organization')).toHaveLength(count('INSTITUTION'));
    expect(byType('SoftwareApplication')).toHaveLength(count('MODEL'));
    expect(byType('DefinedTerm')).toHaveLength(count('CHALLENGE'));
    for (const node of nodes) {
      const id = node['@id'].replace('urn:kg-finance:', '');
      expect(node['urn:kg-finance:confidence'][0]['@value'], id).toBe(
        graph.nodes.get(id)?.confidence,
      );
      expect(node['urn:kg-finance:basis'][0]['@value'], id).toBe(graph.nodes.get(id)?.basis);
    }
    let edges = 0;
    for (const person of byType('Person')) {
      for (const role of person[`${SCHEMA}worksFor`] ?? []) {
        expect(role['@type']).toEqual([`${SCHEMA}OrganizationRole`]);
        expect(role[`${SCHEMA}roleName`][0]['@value']).toBeTruthy();
        expect(role[`${SCHEMA}worksFor`][0]['@id']).toMatch(/^urn:kg-finance:Institution:\d+$/);
        const stated = graph.edges.get(role['@id'].replace('urn:kg-finance:', ''));
        expect(role['urn:kg-finance:confidence'][0]['@value']).toBe(stated?.confidence);
        edges++;
      }
      edges += (person['urn:kg-finance:raised'] ?? []).length;
    }
    for (const model of byType('SoftwareApplication'))
      edges += (model[`${SCHEMA}creator`] ?? []).length;
    expect(edges).toBe(graph.edges.size);
  });

  it('serves its context document, which gives the same expansion', async () => {
    const document = JSON.parse(await (await download('jsonld')).text());
    const context = await (await download('context.jsonld')).json();
    const documentLoader = async (url: string) => {
      expect(url).toBe('http://yoga/export/context.jsonld');
      return { contextUrl: null, documentUrl: url, document: context };
    };
    const byUrl = { ...document, '@context': 'http://yoga/export/context.jsonld' };
    const a = await expanded(document);
    const b = await expanded(byUrl, { documentLoader });
    expect(b.nodes).toEqual(a.nodes);
  });
});

describe('JSON lines', () => {
  it('has one entity or relation per line with evidence pointing into its sentence', async () => {
    const text = await (await download('jsonl')).text();
    const records = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    const entities = records.filter((r) => r.record === 'entity');
    const relations = records.filter((r) => r.record === 'relation');
    expect(new Set(entities.map((e) => e.id))).toEqual(new Set(graph.nodes.keys()));
    expect(new Set(relations.map((r) => r.id))).toEqual(new Set(graph.edges.keys()));
    for (const record of records) {
      const stated = graph.nodes.get(record.id) ?? graph.edges.get(record.id);
      expect([record.confidence, record.basis], record.id).toEqual([
        stated?.confidence,
        stated?.basis,
      ]);
      expect(record.evidence.length, record.id).toBeGreaterThan(0);
      for (const e of record.evidence) {
        expect(e.sentence.slice(e.start - e.sentenceStart, e.end - e.sentenceStart)).toBe(e.text);
        expect(typeof e.document).toBe('string');
      }
    }
  });
});

describe('streaming', () => {
  it('gives the same bytes read a few rows at a time as in one page', async () => {
    for (const format of FORMATS) {
      const whole = exportOf(database.db, format);
      const paged = exportOf(database.db, format, 3);
      const collect = async (chunks: AsyncIterable<string>) => {
        let text = '';
        let count = 0;
        for await (const chunk of chunks) {
          text += chunk;
          count++;
        }
        return { text, count };
      };
      if (whole.kind === 'file' && paged.kind === 'file') {
        const [a, b] = [await collect(whole.chunks()), await collect(paged.chunks())];
        expect(b.text, format).toBe(a.text);
        expect(b.count, format).toBeGreaterThan(a.count);
      } else if (whole.kind === 'files' && paged.kind === 'files') {
        for (const [i, file] of whole.files.entries()) {
          expect((await collect(paged.files[i]!.chunks())).text, file.name).toBe(
            (await collect(file.chunks())).text,
          );
        }
      }
    }
  });

  it('refuses an unknown format with 404', async () => {
    const response = await app.fetch('http://yoga/export/csv');
    expect(response.status).toBe(404);
    expect(((await response.json()) as Json).error).toContain('graphml');
  });
});

describe('npm run export', () => {
  // Builds dist/ and starts the command three times: on a loaded machine that takes a while.
  it('writes the Neo4j files into a folder and the other formats into a file', {
    timeout: 300_000,
  }, async () => {
    await buildDist();
    const out = mkdtempSync(join(tmpdir(), 'kg-export-'));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [join(projectRoot, 'dist/export.mjs'), ...args], {
          env: { ...process.env, DATABASE_URL: database.url },
          encoding: 'utf8',
        });
      const neo4j = run('--format', 'neo4j', '--out', join(out, 'neo4j'));
      expect(neo4j.status, neo4j.stderr).toBe(0);
      const folder = join(out, 'neo4j');
      checkNeo4j(
        new Map(
          readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
        ),
      );
      const graphml = run('--format', 'graphml', '--out', join(out, 'graph.graphml'));
      expect(graphml.status, graphml.stderr).toBe(0);
      expect(parseGraphml(MultiGraph, readFileSync(join(out, 'graph.graphml'), 'utf8')).size).toBe(
        graph.edges.size,
      );
      const bad = run('--format', 'dot');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('usage');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
