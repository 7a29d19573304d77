import type { AddressInfo } from 'node:net';
import { createHttpServer } from './api/http-server.ts';
import { graphqlEndpoint } from './api/yoga.ts';
import { db } from './db/instance.ts';
import { prepareDatabase } from './db/prepare-database.ts';
import { config } from './runtime/config.ts';
import { limitHeapGrowth } from './runtime/heap.ts';
import { createLogger } from './runtime/log.ts';
import { metrics } from './runtime/metrics.ts';
import { drainMs, stopOnSignals } from './runtime/shutdown.ts';
import { isEmpty, seedDirectory } from './seed/seed.ts';

// Only starts things: the schema is in src/schema, the HTTP app in yoga.ts, the server around
// it in http-server.ts. Logs are JSON lines on stdout (src/runtime/log.ts), one per request among them.

limitHeapGrowth();
const log = createLogger();
const drain = drainMs();

// A stop asked for while the database is prepared or seeded ends the process once the
// transaction under way is committed; once serving, stopOnSignals drains the requests first.
const starting = new AbortController();
const stopStarting = (signal: NodeJS.Signals) => {
  log.info({ signal }, 'stopping before serving');
  starting.abort();
};
process.on('SIGTERM', stopStarting);
process.on('SIGINT', stopStarting);

// prepareDatabase applies the migrations (in a thread of their own: src/db/migrate.ts) and, on
// SQLite, turns on write-ahead logging so a seed running beside the server does not block its
// reads.
await prepareDatabase(db, config.databaseUrl);

// A fresh database gets the documents of seeds/ (SEED_DIR; empty to skip), so the server never
// opens on an empty graph; data already there is served as it is.
if (config.seedDir && !starting.signal.aborted && (await isEmpty(db))) {
  try {
    const report = await seedDirectory(db, config.seedDir, {
      signal: starting.signal,
      onDocument: (document) => {
        if (document.status === 'failed') {
          log.warn({ source: document.source, error: document.error }, 'document not seeded');
        }
      },
    });
    log.info(
      {
        dir: config.seedDir,
        stored: report.stored,
        failed: report.failed,
        interrupted: report.interrupted,
        ms: Math.round(report.elapsedMs),
      },
      `seeded ${config.seedDir}`,
    );
  } catch (error) {
    metrics.seedFailed();
    log.error({ err: error }, `not seeded: ${error instanceof Error ? error.message : error}`);
  }
}
if (starting.signal.aborted) {
  await db.$disconnect();
  process.exit(0);
}
process.off('SIGTERM', stopStarting);
process.off('SIGINT', stopStarting);

const { server, close } = createHttpServer({
  db,
  logger: log,
  metrics,
  responseCache: config.responseCache,
});
stopOnSignals(server, {
  logger: log,
  drainMs: drain,
  close: async () => {
    await close();
    await db.$disconnect();
  },
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info(
    { port, host: config.host },
    `GraphQL server ready at http://${host}:${port}${graphqlEndpoint}`,
  );
});
