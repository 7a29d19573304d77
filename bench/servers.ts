import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Child,
  childrenOf,
  cpuTimeMs,
  nodeArgs,
  programArgs,
  programEnv,
  start,
  waitForReady,
} from './lib/processes.ts';
import { type Cluster, freePort, startCluster } from './postgres/cluster.ts';
import { copySqliteToPostgres } from './postgres/copy-sqlite.ts';

// The servers the query benchmark compares, each in a process of its own on a free loopback
// port: ours (dist/server.mjs, as `npm start` runs it), the cost floor (bench/floor/server.ts) and
// PostGraphile on a copy of the same data in PostgreSQL.

export type ServerKey = 'ours' | 'oursUncached' | 'floor' | 'postgraphile';

export interface RunningServer {
  key: ServerKey;
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  /** Milliseconds from spawn until /ready answered 200. */
  readyMs: number;
  /** CPU time used so far by every process that serves (PostgreSQL's backends included), ms. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

async function launch(key: ServerKey, args: string[], env: NodeJS.ProcessEnv, port: number) {
  const started = performance.now();
  const child: Child = start('node', args, { env });
  try {
    const readyMs = await waitForReady(`http://127.0.0.1:${port}/ready`, child, started);
    return {
      key,
      url: `http://127.0.0.1:${port}/graphql`,
      pid: child.process.pid!,
      readyMs,
      cpuMs: () => cpuTimeMs([child.process.pid!]),
      stop: child.stop,
    } satisfies RunningServer;
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * Our server on the SQLite file, started the way `npm start` starts it, in production mode.
 * `responseCache: false` turns the response cache off (RESPONSE_CACHE=off) to show what it buys.
 */
export async function startOurs(databasePath: string, { responseCache = true } = {}) {
  const port = await freePort();
  return launch(
    responseCache ? 'ours' : 'oursUncached',
    programArgs('server'),
    {
      ...programEnv('server'),
      DATABASE_URL: `file:${databasePath}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SEED_DIR: '',
      ...(responseCache ? {} : { RESPONSE_CACHE: 'off' }),
    },
    port,
  );
}

/** The cost floor on the same SQLite file. */
export async function startFloor(databasePath: string) {
  const port = await freePort();
  return launch(
    'floor',
    nodeArgs('bench/floor/server.ts', [databasePath, String(port)]),
    { NODE_ENV: 'production' },
    port,
  );
}

/**
 * A PostgreSQL cluster holding a copy of the SQLite file, and PostGraphile on it. Stopping the
 * server stops the cluster and deletes it.
 */
export async function startPostgraphile(databasePath: string) {
  const cluster: Cluster = await startCluster();
  const scratch = mkdtempSync(join(tmpdir(), 'kg-bench-csv-'));
  chmodSync(scratch, 0o755);
  try {
    const copyStarted = performance.now();
    const rows = await copySqliteToPostgres(databasePath, cluster, scratch);
    const copyMs = performance.now() - copyStarted;
    const port = await freePort();
    const server = await launch(
      'postgraphile',
      nodeArgs('bench/postgres/postgraphile-server.ts', [cluster.url, String(port)]),
      { NODE_ENV: 'production' },
      port,
    );
    const postmaster = cluster.postmasterPid();
    return {
      ...server,
      cpuMs: () => server.cpuMs() + cpuTimeMs([postmaster, ...childrenOf(postmaster)]),
      copyMs,
      rows,
      async stop() {
        await server.stop();
        cluster.stop();
      },
    };
  } catch (error) {
    cluster.stop();
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
