import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type { ObservedDb } from './db/observe.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';
import type { IngestQueue, IngestSettings } from './seed/jobs.ts';

/**
 * What every resolver gets. The Prisma client travels on the context rather than being imported
 * from src/db.ts: the server hands in the process-wide `db`, a test a client on its own SQLite
 * file, and both come wrapped by observePrismaCalls (src/yoga.ts) so every Prisma call the
 * schema makes can be logged or counted. The schema is built once; the context is the one seam
 * through which both run it without swapping a module-level singleton.
 */
export interface Context {
  db: ObservedDb;
  /** The HTTP request (Yoga's): the ingest mutation reads its bearer token. */
  request?: Request;
  /** Seeding jobs asked for over GraphQL (src/seed/jobs.ts), and who may ask. */
  ingest: { queue: IngestQueue; tokens: Map<string, string>; settings: IngestSettings };
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
