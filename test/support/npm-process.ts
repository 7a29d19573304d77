import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { ROOT } from '../support/seed-process.ts';

// `npm start` and `npm run seed` as an operator runs them: through npm itself (which builds
// dist/ and then runs node), so that what a signal to npm's pid does is what is tested.

export interface NpmRun {
  child: ChildProcess;
  /** Resolves once the output (stdout and stderr together) satisfies `test`. */
  waitFor(test: (output: string) => boolean): Promise<void>;
  finished: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

export function npm(args: string[], env: Record<string, string>): NpmRun {
  const child = spawn('npm', args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    changed();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    changed();
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('close', (code, signal) => done({ code, signal }));
  });
  const waitFor = (test: (output: string) => boolean) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (!test(stdout + stderr)) return;
        listeners.delete(check);
        done();
      };
      listeners.add(check);
      check();
      void finished.then(() => fail(new Error(`npm ended first:\n${stdout}\n${stderr}`)));
    });
  return { child, waitFor, finished, stdout: () => stdout, stderr: () => stderr };
}

/** The JSON log lines of `output` (npm's own lines, "> kg-finance@… start", are not logs). */
export function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** True while a process with this id exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when a connection to the port is refused: nothing listens there. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
