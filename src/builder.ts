import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type { ObservedDb } from './db/observe.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

/**
 * What every resolver gets. The Prisma client travels on the context rather than being imported
 * from src/db.ts: the server hands in the process-wide `db`, a test a client on its own SQLite
 * file, and both come wrapped by observePrismaCalls (src/yoga.ts) so every Prisma call the
 * schema makes can be logged or counted. The schema is built once; the context is the one seam
 * through which both run it without swapping a module-level singleton.
 */
export interface Context {
  db: ObservedDb;
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
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

builder.queryType({
  description:
    'The knowledge graph: people, institutions, models and challenges, and the documents that state them.',
});
