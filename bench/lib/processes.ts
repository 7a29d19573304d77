import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

// Child processes for the benchmark: servers and seeds run in processes of their own, so their
// memory is theirs alone and the load generator does not share their event loop.

/** `node --import tsx <script>`: one process (the tsx CLI would add a parent process). */
export function nodeArgs(script: string, args: string[] = []): string[] {
  return ['--import', 'tsx', script, ...args];
}

const SCRIPT_OF = { server: 'start', seed: 'seed' } as const;

/**
 * One of our programs as `npm start` and `npm run seed` run it: node's arguments are read from
 * that script in package.json (its last command: flags, then the bundle in dist/, which runBench
 * builds before anything is measured), so the bench never runs them otherwise than users do.
 */
function scriptCommand(program: 'server' | 'seed') {
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<
    string,
    string
  >;
  // `exec node …`: the script replaces its shell with node so that signals reach it; NAME=value
  // words before it are the environment it runs node with.
  const words = scripts[SCRIPT_OF[program]]!.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const word = words.shift()!;
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  if (words[0] === 'exec') words.shift();
  if (words[0] !== 'node' || !words.at(-1)!.startsWith('dist/')) {
    throw new Error(`npm run ${SCRIPT_OF[program]} no longer ends with "[exec] node … dist/…"`);
  }
  return { env, args: words.slice(1) };
}

export function programArgs(program: 'server' | 'seed', args: string[] = []): string[] {
  return [...scriptCommand(program).args, ...args];
}

/** The environment the same script gives node (MALLOC_ARENA_MAX…). */
export function programEnv(program: 'server' | 'seed'): Record<string, string> {
  return scriptCommand(program).env;
}

export interface Child {
  process: ChildProcess;
  /** Everything the process wrote, for error messages. */
  output: () => string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/** Starts `command` with its output collected (and echoed when BENCH_VERBOSE is set). */
export function start(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return {
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Resident and peak resident memory of a live process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
  } catch {
    return null;
  }
}

/**
 * Polls `url` until it answers 200, and returns the milliseconds since `since`. Throws when the
 * child exits first or `timeoutMs` passes.
 */
export async function waitForReady(
  url: string,
  child: Child,
  since: number,
  timeoutMs = 60_000,
): Promise<number> {
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready:\n${child.output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) {
      throw new Error(`no answer from ${url} after ${timeoutMs} ms:\n${child.output()}`);
    }
    await sleep(20);
  }
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) the processes have used so far, in milliseconds, from /proc. Unlike
 * requests per second, CPU time per request hardly moves when other work shares the machine.
 */
export function cpuTimeMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The live children of `pid` (PostgreSQL's backends are children of its postmaster). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // exited
    }
  }
  return children;
}

/** Samples a process's memory every `everyMs` until stopped; returns the highest RSS seen. */
export function sampleMemory(pid: number, everyMs = 100) {
  let peak = 0;
  const timer = setInterval(() => {
    const memory = memoryOf(pid);
    if (memory) peak = Math.max(peak, memory.rss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const memory = memoryOf(pid);
      return Math.max(peak, memory?.rss ?? 0);
    },
  };
}
