import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withResponseCache } from './api/response-cache.ts';
import { createApp, graphqlEndpoint } from './api/yoga.ts';
import { db } from './db/instance.ts';
import { config } from './runtime/config.ts';
import { limitHeapGrowth } from './runtime/heap.ts';
import { isEmpty, prepareDatabase, seedDirectory } from './seed/seed.ts';

// Only starts things: the schema is in src/schema, the HTTP app in yoga.ts.

limitHeapGrowth();

// prepareDatabase applies the migrations (migrate() of src/db/migrate.ts) and, on SQLite, turns
// on write-ahead logging so a seed running beside the server does not block its reads.
await prepareDatabase(db, config.databaseUrl);

// A fresh database gets the documents of seeds/ (SEED_DIR; empty to skip), so the server never
// opens on an empty graph; data already there is served as it is.
if (config.seedDir && (await isEmpty(db))) {
  try {
    const report = await seedDirectory(db, config.seedDir, {
      onDocument: (document) => {
        if (document.status === 'failed') console.error(`  ${document.source}: ${document.error}`);
      },
    });
    console.log(
      `seeded ${config.seedDir}: ${report.stored} stored, ${report.failed} failed in ${Math.round(report.elapsedMs)} ms`,
    );
  } catch (error) {
    console.error(`not seeded: ${error instanceof Error ? error.message : error}`);
  }
}

const app = createApp({ db });
// Whole answers are kept until the data changes (src/api/response-cache.ts); RESPONSE_CACHE=off
// serves every request through Yoga.
const cached = config.responseCache
  ? withResponseCache(
      { listener: app, fetch: (url, init) => Promise.resolve(app.fetch(url, init)) },
      db,
      { endpoint: graphqlEndpoint },
    )
  : null;
const server = createServer(cached?.listener ?? app);
// Node closes a keep-alive connection after 5 s without a new request. A server busy with
// hundreds of clients may not read a waiting request for that long (its timer fires first), and
// the client's request is then lost to a reset; keep connections long enough not to race.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`GraphQL server ready at http://${host}:${port}${graphqlEndpoint}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void db.$disconnect().finally(() => process.exit(0));
  });
}
