import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { programArgs, programEnv, start } from './lib/processes.ts';

// Seeding, as a user runs it: the real seed command (dist/seed.mjs, as `npm run seed` runs it)
// in a process of its own on a fresh database file, timed from spawn to exit. Its peak resident
// memory comes from the process itself (report-peak.mjs prints getrusage's maxRSS as it exits),
// so nothing is missed between two samples.

export interface SeedResult {
  documents: number;
  stored: number;
  failed: number;
  /** Wall time from spawn to exit (start-up and migrations included). */
  seconds: number;
  documentsPerSecond: number;
  peakRssBytes: number;
  /** The seed command's own "steps:" line: milliseconds per pipeline step. */
  steps: string;
  databasePath: string;
}

/** Seeds `dir` (holding `documents` files) into a new database under `workDir`. */
export async function benchSeed(
  dir: string,
  documents: number,
  workDir: string,
  batchSize: number,
): Promise<SeedResult> {
  const dbDir = join(workDir, `seed-${documents}`);
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const databasePath = join(dbDir, 'kg.db');
  const started = performance.now();
  const child = start(
    'node',
    [
      '--import',
      new URL('./lib/report-peak.mjs', import.meta.url).pathname,
      ...programArgs('seed', [dir, '--batch-size', String(batchSize)]),
    ],
    {
      env: { ...programEnv('seed'), DATABASE_URL: `file:${databasePath}`, NODE_ENV: 'production' },
    },
  );
  const code = await child.exited;
  const seconds = (performance.now() - started) / 1000;
  const output = child.output();
  const summary = /(\d+) documents: (\d+) stored, \d+ skipped, (\d+) failed/.exec(output);
  const peak = /BENCH_MAX_RSS_KB=(\d+)/.exec(output);
  if (!summary || !peak) {
    throw new Error(`seed of ${documents} documents exited ${code}:\n${output.slice(-3000)}`);
  }
  return {
    documents,
    stored: Number(summary[2]),
    failed: Number(summary[3]),
    seconds,
    documentsPerSecond: documents / seconds,
    peakRssBytes: Number(peak[1]) * 1024,
    steps: /steps: (.*)/.exec(output)?.[1] ?? '',
    databasePath,
  };
}
