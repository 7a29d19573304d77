// A throwaway PostgreSQL server on a loopback port, in a temp folder, from the server binaries of
// this machine (/usr/lib/postgresql/<version>/bin, or PG_BIN). The tests start one for a run
// (test/support/postgres-global-setup.ts), `npm run migration:new` one to diff against, and
// run as a command it serves until Ctrl-C, for trying the product on PostgreSQL:
//   npx tsx scripts/postgres-server.ts [port]
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  stop(): void;
}

/** The folder of initdb, pg_ctl and postgres: PG_BIN, else the newest installed version. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
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

/**
 * initdb refuses to run as root: as root, the server's files belong to the `postgres` user and
 * its commands run as that user.
 */
function runner(dir: string): (command: string, args: string[]) => void {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  return (command, args) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

/**
 * Creates a cluster in a temp folder and starts it on `port` (a free one by default), tuned for
 * tests: no fsync, room for many connections. Byte-order collation and a UTF-8 character type,
 * so that pg_trgm indexes Chinese and names sort in code-point order, as on SQLite.
 */
export async function startPostgresServer(
  options: { port?: number } = {},
): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found: install `postgresql` or set PG_BIN to their folder',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kg-postgres-'));
  const run = runner(dir);
  const data = join(dir, 'data');
  const initdb = (locale: string[]) =>
    run(join(bin, 'initdb'), [
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
  try {
    initdb(['--lc-collate=C', '--lc-ctype=C.UTF-8']);
  } catch {
    rmSync(data, { recursive: true, force: true });
    initdb(['--locale=C']);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    try {
      run(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-o',
        settings,
        'start',
      ]);
    } catch (error) {
      lastError = error;
      continue;
    }
    let stopped = false;
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      urlOf: (name) => `postgresql://postgres@127.0.0.1:${port}/${name}`,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined;
  const server = await startPostgresServer({ port });
  console.log(`PostgreSQL ready: DATABASE_URL=${server.urlOf('kg')}  (Ctrl-C stops it)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.stop();
      process.exit(0);
    });
  }
  setInterval(() => {}, 1 << 30);
}
