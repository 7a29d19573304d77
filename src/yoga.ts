import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import {
  createLogger,
  createYoga,
  useReadinessCheck,
  type YogaLogger,
  maskError as yogaMaskError,
} from 'graphql-yoga';
import type { Context } from './builder.ts';
import type { Db } from './db/client.ts';
import { type ObservedDb, observePrismaCalls, type PrismaCallListener } from './db/observe.ts';
import { useExplorer } from './explorer/routes.ts';
import { createRelationIndex, useRelationIndex } from './graph/relation-index.ts';
import { ErrorCode } from './schema/errors.ts';
import { exampleOperations } from './schema/examples.ts';
import { schema } from './schema/index.ts';
import { type SecuritySettings, securityPlugins, securitySettings } from './security.ts';

export const graphqlEndpoint = '/graphql';

export interface AppOptions {
  /** The database every request reads. */
  db: Db;
  /** Where unexpected errors (masked for the client) are logged; tests pass a silent one. */
  logger?: YogaLogger;
  /** Told of every Prisma call the schema makes; by default none is observed. */
  onPrismaCall?: PrismaCallListener;
  /**
   * The origins browsers may call the API from: a list, or '*' for any. Defaults to the
   * CORS_ORIGINS environment variable (see corsOrigins).
   */
  corsOrigins?: string[] | '*' | 'none';
  /** Limits and production switches (src/security.ts); by default from the environment. */
  security?: SecuritySettings;
}

/**
 * The allowed origins named by CORS_ORIGINS: unset or '*' for any origin (the API is public and
 * read-only, and sends no credentials), 'none' for no cross-origin access, or a comma-separated
 * list of origins (https://app.example.com,http://localhost:5173).
 */
export function corsOrigins(value = process.env.CORS_ORIGINS): string[] | '*' | 'none' {
  const text = value?.trim();
  if (!text || text === '*') return '*';
  if (text === 'none') return 'none';
  return text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

/**
 * The GraphQL server as a fetch handler: the schema on `db`, GraphiQL at /graphql (opening on
 * example operations), the graph explorer at /, masked errors, CORS, /health (process up) and
 * /ready (database answering). `server.ts` puts it on a socket; tests call
 * `app.fetch('http://yoga/graphql', …)` without one.
 */
export function createApp({
  db,
  logger = createLogger('info'),
  onPrismaCall,
  corsOrigins: origins = corsOrigins(),
  security = securitySettings(),
}: AppOptions) {
  // Observing wraps every Prisma call in two extension layers, which cost a page of people
  // 18% and a person with their institutions' models 21-32% of the request's CPU: only a
  // caller that listens (tests counting calls) pays for it.
  const observed = onPrismaCall
    ? observePrismaCalls(observeRawSql(db, onPrismaCall), onPrismaCall)
    : (db as unknown as ObservedDb);
  useRelationIndex(observed, createRelationIndex(db));
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => ({ db: observed }),
    graphqlEndpoint,
    logging: logger,
    landingPage: false,
    // GraphiQL's scripts and styles come from this package, not from a CDN, so the IDE works on
    // machines without internet access. Loaded by the first GraphiQL page (it holds the whole
    // IDE bundle: ~80 MB of memory and 0.2 s of start-up otherwise spent by every server).
    renderGraphiQL: async (options) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    graphiql: security.graphiql
      ? async () => ({ title: 'kg-finance', defaultQuery: await exampleOperations(db) })
      : false,
    maxRequestBodySize: security.maxRequestBodyBytes,
    multipart: false,
    cors: origins === 'none' ? false : { origin: origins, methods: ['GET', 'POST'] },
    maskedErrors: { maskError: mask },
    plugins: [
      ...securityPlugins(security),
      useExplorer(),
      useReadinessCheck({ endpoint: '/ready', check: () => databaseAnswers(db, logger) }),
    ],
  });
}

// observePrismaCalls sees the model calls; the search index speaks SQL ($queryRawUnsafe), which
// must count too. Reported as model "SQL". The cast: $extends returns the same client with an
// extension type, which Prisma does not let one name as the plain client type.
function observeRawSql(db: Db, listener: PrismaCallListener): Db {
  return db.$extends({
    name: 'observe-raw-sql',
    query: {
      $allOperations({ model, operation, args, query }) {
        if (model === undefined) listener({ model: 'SQL', operation });
        return query(args);
      },
    },
  }) as unknown as Db;
}

// Pothos rejects malformed cursors, global IDs and connection arguments with a
// PothosValidationError: the client's mistake, so it gets the message and a stable code.
// Everything else keeps Yoga's masking ("Unexpected error."), and Yoga logs the original.
function mask(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return yogaMaskError(error, message, isDev);
}

async function databaseAnswers(db: Db, logger: YogaLogger): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    logger.error('readiness check failed', error);
    return false;
  }
}
