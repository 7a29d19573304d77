import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, type ExecutionResult, parse } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  type EntityRow,
  globalId,
  KIND_OF_TYPE,
  type Kind,
  openStore,
  parseGlobalId,
  type Store,
} from './store.ts';
import { ALL_TYPES, type EdgeType, neighbourhood, type Ref, shortestPaths } from './walks.ts';

// The cost floor: the benchmark's operations answered with as little as possible between the
// socket and SQLite: node:http, graphql-jit (each document compiled once), and better-sqlite3
// prepared statements. No validation cache, DataLoader or ORM: what any GraphQL server on this
// database must at least spend.
//
//   node --import tsx bench/floor/server.ts <sqlite file> [port]

const MATCH = ['EXACT', 'PREFIX', 'SUBSTRING'] as const;

function refOf(id: string): Ref | null {
  const parsed = parseGlobalId(id);
  const kind = parsed && KIND_OF_TYPE[parsed.type];
  return parsed && kind ? { kind, id: parsed.rowId } : null;
}

const typesOf = (types?: EdgeType[] | null) =>
  types && types.length > 0 ? new Set(types) : ALL_TYPES;

const cursorOf = (id: number) => Buffer.from(`GPC:N:${id}`).toString('base64');
const idOfCursor = (cursor: string) =>
  Number(/(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1] ?? 0);

function resolvers(store: Store) {
  const s = store.statements;
  const one = (kind: Kind, id: number) => store.entities([{ kind, id }]).get(`${kind}:${id}`);
  const entitiesOf = (refs: Ref[]) => store.entities(refs);
  return {
    Query: {
      node(_: unknown, { id }: { id: string }) {
        const parsed = parseGlobalId(id);
        if (!parsed) return null;
        if (parsed.type === 'Affiliation') {
          const row = s.affiliationById.get(parsed.rowId) as AffiliationRow | undefined;
          return row ? { __typename: 'Affiliation', ...row } : null;
        }
        const kind = KIND_OF_TYPE[parsed.type];
        return kind ? (one(kind, parsed.rowId) ?? null) : null;
      },
      people(_: unknown, { first, after }: { first?: number; after?: string }) {
        const size = Math.min(first ?? 20, 100);
        const rows = s.peoplePage.all(after ? idOfCursor(after) : 0, size + 1) as {
          id: number;
          name: string;
          aliases: string;
        }[];
        const edges = rows
          .slice(0, size)
          .map((row) => ({ cursor: cursorOf(row.id), node: store.toEntity('PERSON', row) }));
        return {
          edges,
          pageInfo: {
            hasNextPage: rows.length > size,
            hasPreviousPage: false,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
      search(_: unknown, { query, first }: { query: string; first?: number }) {
        const { hits, total } = store.search(query, Math.min(first ?? 20, 100) + 1);
        const size = Math.min(first ?? 20, 100);
        const rows = entitiesOf(hits.slice(0, size));
        const edges = hits.slice(0, size).flatMap((hit, i) => {
          const node = rows.get(`${hit.kind}:${hit.id}`);
          return node
            ? [
                {
                  cursor: Buffer.from(`OffsetConnection:${i}`).toString('base64'),
                  node,
                  match: MATCH[hit.rank],
                },
              ]
            : [];
        });
        return {
          totalCount: total,
          edges,
          pageInfo: {
            hasNextPage: hits.length > size,
            hasPreviousPage: false,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
      neighbors(
        _: unknown,
        args: { id: string; depth: number; first: number; types?: EdgeType[] | null },
      ) {
        const center = refOf(args.id);
        if (!center) return null;
        const found = neighbourhood(store, center, {
          depth: args.depth,
          maxNodes: args.first,
          types: typesOf(args.types),
        });
        const rows = entitiesOf(found.nodes.map((n) => n.ref));
        const entity = (ref: Ref) => rows.get(`${ref.kind}:${ref.id}`);
        if (!entity(center)) return null;
        return {
          center: entity(center),
          nodes: found.nodes.flatMap((n) => {
            const row = entity(n.ref);
            return row ? [{ depth: n.depth, entity: row }] : [];
          }),
          edges: found.edges.map((edge) => ({
            id: edge.key,
            type: edge.type,
            role: edge.role,
            source: entity(edge.source),
            target: entity(edge.target),
          })),
          truncated: found.truncated,
        };
      },
      path(
        _: unknown,
        args: {
          from: string;
          to: string;
          maxDepth: number;
          first: number;
          types?: EdgeType[] | null;
        },
      ) {
        const from = refOf(args.from);
        const to = refOf(args.to);
        if (!from || !to) return null;
        const found = shortestPaths(store, from, to, {
          maxDepth: args.maxDepth,
          first: args.first,
          types: typesOf(args.types),
        });
        const rows = entitiesOf([from, to, ...found.paths.flat()]);
        const entity = (ref: Ref) => rows.get(`${ref.kind}:${ref.id}`);
        if (!entity(from) || !entity(to)) return null;
        return {
          from: entity(from),
          to: entity(to),
          length: found.length,
          paths: found.paths.map((path) => ({
            length: path.length - 1,
            nodes: path.map((ref) => entity(ref)),
          })),
        };
      },
    },
    Person: {
      id: (row: EntityRow) => row.id,
      affiliations: (row: EntityRow) =>
        (s.affiliationsOf.all(row.rowId) as AffiliationRow[]).map((a) => ({
          __typename: 'Affiliation',
          ...a,
        })),
    },
    Institution: {
      // A page of the models, as the API's Institution.models connection answers it.
      models: (row: EntityRow, args: { first?: number | null }) => ({
        edges: (s.modelsOf.all(row.rowId) as { id: number; name: string; aliases: string }[])
          .slice(0, args.first ?? 20)
          .map((m) => ({ node: store.toEntity('MODEL', m) })),
      }),
    },
    Affiliation: {
      id: (row: AffiliationRow) => globalId('Affiliation', row.id),
      institution: (row: AffiliationRow) => one('INSTITUTION', row.institutionId),
      person: (row: AffiliationRow) => one('PERSON', row.personId),
    },
  };
}

interface AffiliationRow {
  id: number;
  role: string;
  personId: number;
  institutionId: number;
}

/** The floor's schema: the SDL beside this file with the resolvers above attached. */
export function floorSchema(store: Store) {
  const schema = buildSchema(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
  for (const [typeName, fields] of Object.entries(resolvers(store))) {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type)) continue;
    const defined = type.getFields() as Record<string, { resolve?: unknown }>;
    for (const [field, resolve] of Object.entries(fields)) defined[field]!.resolve = resolve;
  }
  return schema;
}

/** An HTTP server answering POST /graphql with compiled queries; GET /ready says it is up. */
export function createFloorServer(path: string) {
  const store = openStore(path);
  const schema = floorSchema(store);
  const compiled = new Map<string, CompiledQuery | ExecutionResult>();
  const compile = (query: string) => {
    let hit = compiled.get(query);
    if (!hit) {
      hit = compileQuery(schema, parse(query));
      compiled.set(query, hit);
    }
    return hit;
  };
  return createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/ready') {
      response.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const run = compile(query);
      const result = isCompiledQuery(run) ? run.query(undefined, {}, variables ?? {}) : run;
      const send = (value: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          isCompiledQuery(run) ? run.stringify(value as ExecutionResult) : JSON.stringify(value),
        );
      };
      if (result instanceof Promise) void result.then(send);
      else send(result);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, port = '0'] = process.argv.slice(2);
  if (!path) throw new Error('usage: bench/floor/server.ts <sqlite file> [port]');
  const server = createFloorServer(path);
  server.listen(Number(port), '127.0.0.1', () => {
    console.log(`floor listening on ${(server.address() as AddressInfo).port}`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
