import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { Db } from '../db/client.ts';
import type { ObservedDb } from '../db/observe.ts';
import { kindOfTable } from '../domain/entities.ts';

import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { IngestQueue, IngestSettings } from '../seed/jobs.ts';
import { keptEntityId } from '../store/curation/merged.ts';
import type { CuratorTokens } from './curators.ts';
import type { GraphChanges } from './graph-changes.ts';

/**
 * What every resolver gets. The Prisma client travels on the context rather than being imported
 * from src/db/instance.ts: the server hands in the process-wide `db`, a test a client on its own SQLite
 * file, and both come wrapped by observePrismaCalls (src/api/yoga.ts) so every Prisma call the
 * schema makes can be logged or counted. The schema is built once; the context is the one seam
 * through which both run it without swapping a module-level singleton.
 */
export interface Context {
  db: ObservedDb;
  /** The same database, unwrapped, for the writes of curations (graph write transactions). */
  writer: Db;
  /** Who may write (src/api/curators.ts). */
  curators: CuratorTokens;
  /** The HTTP request (Yoga's), which carries the curator's token. */
  request?: Request;
  /** Seeding jobs asked for over GraphQL (src/seed/jobs.ts) and their settings. */
  ingest: { queue: IngestQueue; settings: IngestSettings };
  /**
   * Loaders that batch what Pothos' query planning cannot fold into the parent query (distinct
   * counts), made on first use and kept for this request only (src/api/schema/request-loaders.ts).
   */
  loaders: Map<string, unknown>;
  /** The changes of the graph, for the graphChanged subscription (src/api/graph-changes.ts). */
  changes: GraphChanges;
}

/**
 * The node a global ID names, or, for an entity a curator merged into another, the entity kept:
 * the removed id answers as the kept one (src/store/curation/merged.ts). Looked up only for an id that
 * finds nothing, so a live id costs no extra query.
 */
// The builder as resolveNodes takes it: typed apart, since its options refer to it.
const theBuilder = (): Parameters<typeof resolveNodes>[0] => builder as never;

async function nodeOrKept(
  id: { typename: string; id: string },
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  // Pothos' own resolveNode callback always loads the requested id, so the kept one is loaded
  // through resolveNodes, which the callback wraps.
  const [node] = await resolveNodes(theBuilder(), ctx, info, [id]);
  const kind = kindOfTable(id.typename);
  if ((node !== null && node !== undefined) || kind === undefined) return node ?? null;
  const kept = await keptEntityId(ctx.db as never, kind, Number(id.id));
  if (kept === null) return null;
  const [keptNode] = await resolveNodes(theBuilder(), ctx, info, [
    { typename: id.typename, id: String(kept) },
  ]);
  return keptNode ?? null;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: number | string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    // A resolver that forgets to spread `query` silently costs one query per row.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    nodeQueryOptions: {
      description: 'Any object by its global ID; null when it no longer exists.',
      args: { id: { description: 'A global ID, as any `id` field returns it.' } },
      resolve: (_root, { id }, ctx, info) => nodeOrKept(id, ctx, info),
    },
    nodesQueryOptions: {
      description: 'Objects by their global IDs, in the order asked; null for those gone.',
      args: { ids: { description: 'Global IDs, as `id` fields return them.' } },
      resolve: async (_root, { ids }, ctx, info): Promise<unknown[]> => {
        const nodes: unknown[] = await resolveNodes(theBuilder(), ctx, info, ids);
        return Promise.all(nodes.map((node, i) => node ?? nodeOrKept(ids[i]!, ctx, info)));
      },
    },
    clientMutationId: 'omit',
    cursorType: 'String',
    // Every element of the schema carries a description (test/api/schema-shape.test.ts), the
    // types and arguments the relay plugin makes included.
    nodeTypeOptions: {
      description: 'Anything with a global ID that `node` and `nodes` can fetch again.',
    },
    idFieldOptions: { description: 'The global ID: refetch it with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page lies in its list: cursors and neighbours.' },
    hasNextPageFieldOptions: { description: 'True when there are items after this page.' },
    hasPreviousPageFieldOptions: { description: 'True when there are items before this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'The cursor of the last item; pass it as `after`.' },
    firstArgOptions: {
      description: 'How many items from the start (or from `after`); at most 100.',
    },
    afterArgOptions: { description: 'Only items after this cursor (a previous `endCursor`).' },
    lastArgOptions: {
      description: 'How many items from the end (or before `before`); at most 100.',
    },
    beforeArgOptions: { description: 'Only items before this cursor (a previous `startCursor`).' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page lies: cursors and neighbours.' },
    cursorFieldOptions: { description: 'Where this item lies in the list: pass it as `after`.' },
    nodeFieldOptions: { description: 'The item itself.' },
    defaultConnectionTypeOptions: {
      description: 'One page of a list: its items (edges), where it lies (pageInfo) and its size.',
    },
    defaultEdgeTypeOptions: { description: 'One item of a page and its cursor.' },
    // Every row id is a positive integer, of a type the schema has. A global ID naming anything
    // else (Person:abc, Person:99999999999999999999, Foo:1) is the client's mistake, refused
    // before it reaches a query: Prisma would fail on NaN or on an id beyond 64 bits, and Pothos
    // on an unknown type, each as an error without a code.
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (
        !/^[1-9]\d{0,14}$/.test(decoded.id) ||
        !builder.configStore.hasImplementation(decoded.typename)
      ) {
        throw new PothosValidationError(`Invalid global ID: ${globalID}`);
      }
      return decoded;
    },
  },
});

builder.queryType({
  description:
    'The knowledge graph: people, institutions, models and challenges, and the documents that state them.',
});

builder.mutationType({
  description:
    'Changes to the graph: corrections (logged with their curator and reason, surviving re-seeding) and ingestion. Each needs a curation token (Authorization: Bearer <token>, see CURATION_TOKENS).',
});

builder.subscriptionType({
  description:
    'What happens as it happens, over server-sent events: seeding progress and changes of the graph.',
});
