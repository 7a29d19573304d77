import { createServer, type Server } from 'node:http';
import type { Db } from '../db/client.ts';
import { type Logger, yogaLogger } from '../runtime/log.ts';
import type { Metrics } from '../runtime/metrics.ts';
import { withAccessLog } from './access-log.ts';
import { withResponseCache } from './response-cache.ts';
import { createApp, graphqlEndpoint } from './yoga.ts';

// The HTTP server `npm start` runs, not yet listening: the app (yoga.ts) behind the response
// cache, every request logged and counted (access-log.ts).

export interface HttpServerOptions {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  /** Keep whole answers until the data changes (src/api/response-cache.ts). */
  responseCache: boolean;
}

export function createHttpServer({ db, logger, metrics, responseCache }: HttpServerOptions): {
  server: Server;
  /** Releases what the server holds besides its connections (the cache's watch on the data). */
  close(): Promise<void>;
} {
  const app = createApp({ db, logger: yogaLogger(logger), metrics });
  const cached = responseCache
    ? withResponseCache(
        {
          listener: app,
          // The node request rides along as Yoga's server context, as it does over node:http.
          fetch: (url, init, serverContext) =>
            Promise.resolve(
              serverContext ? app.fetch(url, init, serverContext) : app.fetch(url, init),
            ),
        },
        db,
        {
          endpoint: graphqlEndpoint,
          onLookup: (result) => metrics.cache(result),
          onError: (error) => logger.error({ err: error }, 'response cache: request failed'),
        },
      )
    : null;
  const server = createServer(withAccessLog(cached?.listener ?? app, { logger, metrics }));
  // Node closes a keep-alive connection after 5 s without a new request. A server busy with
  // hundreds of clients may not read a waiting request for that long (its timer fires first), and
  // the client's request is then lost to a reset; keep connections long enough not to race.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return { server, close: async () => cached?.close() };
}
