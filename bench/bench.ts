import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildDist } from '../scripts/build.mjs';
import { DEFAULT_SEED, generateCorpus } from './corpus/generate.ts';
import { sampleMemory } from './lib/processes.ts';
import { postgresAvailable } from './postgres/cluster.ts';
import { drawArguments, pickArguments } from './queries/arguments.ts';
import { type LoadResult, runLoad } from './queries/load.ts';
import { distinct, MIX_ARGUMENTS, ZIPF_EXPONENT, zipfSequence } from './queries/mix.ts';
import { OPERATIONS, type OperationKey } from './queries/operations.ts';
import { benchSeed, type SeedResult } from './seeding.ts';
import {
  type RunningServer,
  type ServerKey,
  startFloor,
  startOurs,
  startPostgraphile,
} from './servers.ts';

// The whole benchmark as one function: generate the corpora, seed each size with the real seed
// command, then run the five operations against every server on the largest database, round by
// round (each operation on every server back to back, so a change in the machine's load hits
// all of them alike). `npm run bench` prints and writes its report; the smoke test runs it tiny.

export interface BenchOptions {
  /** Corpus sizes to seed; queries run on the largest. */
  sizes: number[];
  /** Documents per seed transaction (--batch-size of the seed command). */
  batchSize: number;
  /** Distinct arguments per operation (at least 1,000 for a real run). */
  argumentCount: number;
  connections: number;
  /** Seconds per measurement, and of warm-up before it. */
  duration: number;
  warmup: number;
  /** A fixed number of requests per measurement instead (smoke runs). */
  amount?: number;
  /** Rounds over every operation and server; the median of each figure is reported. */
  rounds: number;
  /** Also measure ours with the response cache off. */
  uncached: boolean;
  /**
   * Distinct arguments per operation of the realistic mix (Zipf, s = 1), measured on ours as
   * shipped and on PostGraphile; 0 for none.
   */
  mixArguments: number;
  postgraphile: boolean;
  /** Where corpora and databases go (a new temp folder when absent; deleted unless kept). */
  workDir?: string;
  keep: boolean;
  corpusSeed: string;
  /** Progress lines. */
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [1_000, 10_000],
  batchSize: 100,
  argumentCount: 1_000,
  connections: 10,
  duration: 10,
  warmup: 2,
  rounds: 1,
  uncached: true,
  mixArguments: MIX_ARGUMENTS,
  postgraphile: true,
  keep: false,
  corpusSeed: DEFAULT_SEED,
  log: (line) => console.error(line),
};

export interface QueryRow {
  key: OperationKey;
  label: string;
  /** The rotation: each argument in turn. */
  results: Partial<Record<ServerKey, LoadResult>>;
  /** The realistic mix (Zipf), on the servers it runs on. */
  mix: Partial<Record<ServerKey, LoadResult>>;
}

export interface BenchReport {
  options: Omit<BenchOptions, 'log'>;
  machine: { cpu: string; cores: number; memoryGb: number; kernel: string; node: string };
  startedAt: Date;
  finishedAt: Date;
  loadAverage: { before: number[]; after: number[] };
  seeding: SeedResult[];
  queriesOn: number;
  arguments: Record<OperationKey, number>;
  /** Distinct arguments of each operation's realistic mix, and the exponent of its law. */
  mix: { arguments: Record<OperationKey, number>; exponent: number } | null;
  serving: { readyMs: number; peakRssBytes: number; uncachedPeakRssBytes: number | null };
  servers: Partial<Record<ServerKey, { readyMs: number }>>;
  postgraphile: { copyMs: number } | { skipped: string };
  queries: QueryRow[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function combine(results: LoadResult[]): LoadResult {
  return {
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    cpuMsPerRequest: results.every((r) => r.cpuMsPerRequest !== null)
      ? median(results.map((r) => r.cpuMsPerRequest!))
      : null,
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    firstFailure: results.find((r) => r.firstFailure)?.firstFailure ?? null,
    cacheHitRate: results.every((r) => r.cacheHitRate !== null)
      ? median(results.map((r) => r.cacheHitRate!))
      : null,
  };
}

/** The corpus of `count` documents, generated once per work folder. */
function corpus(workDir: string, count: number, seed: string): string {
  const dir = join(workDir, `corpus-${count}`);
  if (!existsSync(dir) || readdirSync(dir).length !== count) {
    rmSync(dir, { recursive: true, force: true });
    generateCorpus(dir, count, seed);
  }
  return dir;
}

export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchReport> {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  const { log } = options;
  const startedAt = new Date();
  const before = loadavg();
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'kg-bench-'));
  mkdirSync(workDir, { recursive: true });
  log('building dist/ (scripts/build.mjs), as npm start and npm run seed do…');
  await buildDist();
  const started: RunningServer[] = [];
  try {
    const seeding: SeedResult[] = [];
    for (const size of options.sizes) {
      const dir = corpus(workDir, size, options.corpusSeed);
      log(`seeding ${size} documents (batch ${options.batchSize})…`);
      const result = await benchSeed(dir, size, workDir, options.batchSize);
      log(
        `  ${result.seconds.toFixed(1)} s, ${result.documentsPerSecond.toFixed(1)} documents/s, peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MB, ${result.failed} failed`,
      );
      seeding.push(result);
    }
    const largest = seeding.reduce((a, b) => (b.documents > a.documents ? b : a));
    const { measured: args, warmup: warmupArgs } = pickArguments(
      largest.databasePath,
      options.argumentCount,
    );
    // The mix draws from its own, larger lists: the most popular argument first.
    const mixArgs =
      options.mixArguments > 0
        ? drawArguments(largest.databasePath, options.mixArguments, 'bench-mix')
        : null;

    log(`starting servers on the ${largest.documents}-document database…`);
    const ours = await startOurs(largest.databasePath);
    started.push(ours);
    const oursMemory = sampleMemory(ours.pid);
    let uncachedMemory: ReturnType<typeof sampleMemory> | null = null;
    if (options.uncached) {
      const uncached = await startOurs(largest.databasePath, { responseCache: false });
      started.push(uncached);
      uncachedMemory = sampleMemory(uncached.pid);
    }
    started.push(await startFloor(largest.databasePath));
    let postgraphile: BenchReport['postgraphile'] = { skipped: 'not asked for' };
    if (options.postgraphile && postgresAvailable()) {
      log('copying the database into PostgreSQL for PostGraphile…');
      const peer = await startPostgraphile(largest.databasePath);
      started.push(peer);
      postgraphile = { copyMs: peer.copyMs };
    } else if (options.postgraphile) {
      postgraphile = { skipped: 'PostgreSQL server binaries not found (PG_BIN)' };
    }

    const samples = new Map<string, LoadResult[]>();
    const record = (key: string, result: LoadResult, what: string) => {
      log(
        `  ${what.padEnd(32)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${result.cpuMsPerRequest?.toFixed(2)} ms/req${result.cacheHitRate === null ? '' : `  hits ${(result.cacheHitRate * 100).toFixed(1)}%`}${result.failures ? `  ${result.failures} FAILED: ${result.firstFailure}` : ''}`,
      );
      samples.set(key, [...(samples.get(key) ?? []), result]);
    };
    for (let round = 1; round <= options.rounds; round++) {
      for (const operation of OPERATIONS) {
        // The mix first, so the response cache holds none of this operation's answers from the
        // rotation: its warm-up (the same law, another stream) is all it has seen.
        for (const server of mixArgs ? started : []) {
          if (server.key !== 'ours' && server.key !== 'postgraphile') continue;
          const bodiesOf =
            server.key === 'postgraphile'
              ? operation.postgraphile
              : (list: typeof args) => operation.ours(list);
          const pool = bodiesOf?.(mixArgs!);
          if (!pool) continue;
          const result = await runLoad(
            server.url,
            zipfSequence(pool, `mix-${operation.key}-${round}`),
            {
              ...options,
              warmupBodies: zipfSequence(pool, `mix-warmup-${operation.key}-${round}`),
              serverCpuMs: server.cpuMs,
            },
          );
          record(
            `mix/${operation.key}/${server.key}`,
            result,
            `round ${round} ${operation.key} mix ${server.key}`,
          );
        }
        for (const server of started) {
          const bodiesOf = (list: typeof args) =>
            server.key === 'postgraphile'
              ? (operation.postgraphile?.(list) ?? null)
              : operation.ours(list);
          const bodies = bodiesOf(args);
          if (!bodies) continue;
          const result = await runLoad(server.url, bodies, {
            ...options,
            warmupBodies: bodiesOf(warmupArgs) ?? bodies,
            serverCpuMs: server.cpuMs,
          });
          record(
            `${operation.key}/${server.key}`,
            result,
            `round ${round} ${operation.key} ${server.key}`,
          );
        }
      }
    }
    const combined = (prefix: string) =>
      Object.fromEntries(
        started.flatMap((server) => {
          const list = samples.get(`${prefix}/${server.key}`);
          return list ? [[server.key, combine(list)]] : [];
        }),
      );
    const queries: QueryRow[] = OPERATIONS.map((operation) => ({
      key: operation.key,
      label: operation.label,
      results: combined(operation.key),
      mix: combined(`mix/${operation.key}`),
    }));
    const serving = {
      readyMs: ours.readyMs,
      peakRssBytes: oursMemory.stop(),
      uncachedPeakRssBytes: uncachedMemory?.stop() ?? null,
    };
    const report: BenchReport = {
      options: { ...options, log: undefined } as unknown as BenchReport['options'],
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        kernel: release(),
        node: process.version,
      },
      startedAt,
      finishedAt: new Date(),
      loadAverage: { before, after: loadavg() },
      seeding,
      queriesOn: largest.documents,
      arguments: Object.fromEntries(
        OPERATIONS.map((operation) => [operation.key, new Set(operation.ours(args)).size]),
      ) as Record<OperationKey, number>,
      mix: mixArgs
        ? {
            arguments: Object.fromEntries(
              OPERATIONS.map((operation) => [operation.key, distinct(operation.ours(mixArgs))]),
            ) as Record<OperationKey, number>,
            exponent: ZIPF_EXPONENT,
          }
        : null,
      serving,
      servers: Object.fromEntries(started.map((s) => [s.key, { readyMs: s.readyMs }])),
      postgraphile,
      queries,
    };
    return report;
  } finally {
    for (const server of started.reverse()) await server.stop().catch(() => undefined);
    if (!options.keep && !options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}
