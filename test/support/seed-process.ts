import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPrismaClient } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { type SeedReport, seedDirectory } from '../../src/seed/seed.ts';
import { DEV_CORPUS } from './dev-corpus.ts';

// The seed command and the server, each in its own process on a database file of the test's temp
// folder, run from the sources through tsx (`npm run seed` and `npm start` run the same code
// bundled into dist/, which test/bench/smoke.test.ts starts).

export const ROOT = resolve(import.meta.dirname, '../..');
export { DEV_CORPUS };

/** The dev corpus's documents (not their gold files). */
export function devDocuments(): string[] {
  return readdirSync(DEV_CORPUS).filter((name) => /\.(txt|html?|md)$/.test(name));
}

/** A temp folder and a migrated SQLite database URL in it. */
export async function tempDatabase(): Promise<{ dir: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kg-reliability-'));
  const url = `file:${join(dir, 'kg.db')}`;
  await migrate(url);
  return { dir, url };
}

/** A folder (new, or `dir`) with `copies` copies of every dev document, each under its own name. */
export function copiedCorpus(
  copies: number,
  dir = mkdtempSync(join(tmpdir(), 'kg-copies-')),
): string {
  for (let copy = 1; copy <= copies; copy++) {
    for (const name of devDocuments()) {
      copyFileSync(
        join(DEV_CORPUS, name),
        join(dir, `copy${String(copy).padStart(3, '0')}-${name}`),
      );
    }
  }
  return dir;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A node process running a TypeScript entry point of the project, as `npm run` would. */
export function startScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const finished = new Promise<Finished>((done) => {
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
  /** Resolves once stdout holds a line for which `test` is true (rejects if the process ends). */
  const waitFor = (test: (stdout: string) => boolean) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (!test(stdout)) return;
        child.stdout.off('data', check);
        done();
      };
      child.stdout.on('data', check);
      check();
      void finished.then(() => fail(new Error(`process ended first:\n${stdout}\n${stderr}`)));
    });
  return { child: child as ChildProcess, finished, waitFor, output: () => stdout };
}

/** `npm run seed -- <dir> ...args` on the database `url`, to its end. */
export function seed(url: string, dir: string, ...args: string[]): Promise<Finished> {
  return startScript('src/commands/seed.ts', [dir, ...args], { DATABASE_URL: url }).finished;
}

/** Seeds `dir` into `url` in this process (no start-up cost), as the seed command would. */
export async function seedHere(url: string, dir: string): Promise<SeedReport> {
  const db = createPrismaClient(url);
  try {
    await prepareDatabase(db, url);
    return await seedDirectory(db, dir);
  } finally {
    await db.$disconnect();
  }
}
