import { useAPQ } from '@graphql-yoga/plugin-apq';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import {
  createYoga,
  useReadinessCheck,
  type YogaLogger,
  maskError as yogaMaskError,
} from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { dataVersion } from '../db/data-version.ts';
import { observed, observePrismaCalls, type PrismaCallListener } from '../db/observe.ts';
import { createRelationIndex, useRelationIndex } from '../graph/relation-index.ts';
import { createLogger, yogaLogger } from '../runtime/log.ts';
import { type Metrics, metrics as processMetrics, useMetrics } from '../runtime/metrics.ts';
import { createIngestQueue, type IngestSettings, ingestSettings } from '../seed/jobs.ts';
import { useRequestInfo } from './access-log.ts';
import type { Context } from './builder.ts';
import { useConsistentReads } from './consistent-reads.ts';
import { type CuratorTokens, curatorTokens } from './curators.ts';
import { useExplorer } from './explorer/routes.ts';
import { useExport } from './export-routes.ts';
import { graphChanges } from './graph-changes.ts';
import { useHttpCache } from './http-cache.ts';
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
  /**
   * Told of every Prisma call the schema makes; by default each is logged at debug level. Every
   * call's duration goes to the metrics either way.
   */
  onPrismaCall?: PrismaCallListener;
  /** Where requests, database calls and the response cache are counted (served at /metrics). */
  metrics?: Metrics;
  /**
   * The origins browsers may call the API from: a list, or '*' for any. Defaults to the
   * CORS_ORIGINS environment variable (see corsOrigins).
   */
  corsOrigins?: string[] | '*' | 'none';
  /** Limits and production switches (src/api/security.ts); by default from the environment. */
  security?: SecuritySettings;
  /** Who may curate; by default the CURATION_TOKENS environment variable (none: writes off). */
  curators?: CuratorTokens;
  /** Whether ingest may fetch private addresses (INGEST_ALLOW_PRIVATE…); by default from the environment. */
  ingest?: { settings?: IngestSettings };
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
 * example operations), the graph explorer at /, masked errors, CORS, /health (process up),
 * /ready (database answering) and /metrics (Prometheus). `server.ts` puts it on a socket; tests call
 * `app.fetch('http://yoga/graphql', …)` without one.
 */
export function createApp({
  db,
  logger = yogaLogger(createLogger()),
  onPrismaCall,
  metrics = processMetrics,
  corsOrigins: origins = corsOrigins(),
  security = securitySettings(),
  curators = curatorTokens(),
  ingest = {},
}: AppOptions) {
  const listener: PrismaCallListener = (call) => {
    if (onPrismaCall) onPrismaCall(call);
    else logger.debug(`prisma ${call.model}.${call.operation}`);
    return (seconds: number) => metrics.query(call.model, call.operation, seconds);
  };
  const client = observePrismaCalls(observeRawSql(db, listener), listener);
  // Jobs write through the plain client: their queries are the seed's, not the schema's.
  const settings = ingest.settings ?? ingestSettings();
  const ingestContext = { queue: createIngestQueue(db, settings), settings };
  const changes = graphChanges(db);
  useRelationIndex(client, createRelationIndex(db));
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: ({ request }) => ({
      db: client,
      writer: db,
      curators,
      request,
      ingest: ingestContext,
      loaders: new Map(),
      changes,
    }),
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
      useRequestInfo(),
      useConsistentReads(),
      useMetrics(metrics.registry),
      // Automatic persisted queries: a client sends the sha256 of a query it sent before (and
      // the query itself the first time), so GET URLs stay short enough for CDNs.
      useAPQ(),
      useHttpCache(graphqlEndpoint, () => dataVersion(db)),
      { onDispose: () => changes.close() },
      useExplorer(),
      useExport(db),
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
        if (model !== undefined) return query(args);
        return observed(listener, { model: 'SQL', operation }, () => query(args));
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
