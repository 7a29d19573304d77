import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { Db } from '../db/client.ts';
import type { ObservedDb } from '../db/observe.ts';
import type { EntityKind } from '../domain/entities.ts';

import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { IngestQueue, IngestSettings } from '../seed/jobs.ts';
import { keptEntityId } from '../store/curation/merged.ts';
import type { CuratorTokens } from './curators.ts';

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
}

const ENTITY_KIND: Record<string, EntityKind> = {
  Person: 'PERSON',
  Institution: 'INSTITUTION',
  Model: 'MODEL',
  Challenge: 'CHALLENGE',
};

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
  const kind = ENTITY_KIND[id.typename];
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
      resolve: (_root, { id }, ctx, info) => nodeOrKept(id, ctx, info),
    },
    nodesQueryOptions: {
      resolve: async (_root, { ids }, ctx, info): Promise<unknown[]> => {
        const nodes: unknown[] = await resolveNodes(theBuilder(), ctx, info, ids);
        return Promise.all(nodes.map((node, i) => node ?? nodeOrKept(ids[i]!, ctx, info)));
      },
    },
    clientMutationId: 'omit',
    cursorType: 'String',
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
  description: 'Progress sent as it happens (server-sent events).',
});
