import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL 15 server for the benchmark: initdb in a temp folder, pg_ctl on a free
// loopback port, trust authentication, nothing else on the machine touched. PostgreSQL refuses
// to run as root; as root the cluster belongs to the `postgres` user and every binary runs
// through runuser.

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  port: number;
  /** The postmaster's process id (its backends are its children). */
  postmasterPid: () => number;
  /** Runs psql with `args` on the bench database, returns its output. */
  psql: (args: string[], input?: string) => string;
  stop: () => void;
}

/** True when the PostgreSQL server binaries are where PG_BIN says. */
export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = execFileSync('id', ['-u', 'postgres']).toString().trim();
  const group = execFileSync('id', ['-g', 'postgres']).toString().trim();
  return { uid: Number(line), gid: Number(group) };
}

/** Initialises and starts a cluster; `stop()` shuts it down and deletes its folder. */
export async function startCluster(): Promise<Cluster> {
  const owner = postgresUser();
  const root = mkdtempSync(join(tmpdir(), 'kg-bench-pg-'));
  const data = join(root, 'data');
  const socket = join(root, 'socket');
  mkdirSync(socket);
  if (owner) {
    chmodSync(root, 0o755);
    chownSync(root, owner.uid, owner.gid);
    chownSync(socket, owner.uid, owner.gid);
  }
  const run = (binary: string, args: string[], input?: string) => {
    const [command, fullArgs] = owner
      ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
      : [join(PG_BIN, binary), args];
    return execFileSync(command, fullArgs, {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(root, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c max_connections=50`,
    'start',
  ]);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'bench']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/bench`,
    port,
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    psql: (args, input) =>
      run(
        'psql',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-d',
          'bench',
          '-v',
          'ON_ERROR_STOP=1',
          '-q',
          ...args,
        ],
        input,
      ),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
