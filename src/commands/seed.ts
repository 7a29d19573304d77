import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../db/client.ts';
import { prepareDatabase } from '../db/prepare-database.ts';
import { loadConfig } from '../runtime/config.ts';
import { limitHeapGrowth } from '../runtime/heap.ts';
import { createLogger } from '../runtime/log.ts';
import { createPreparePool, type PreparePool } from '../seed/prepare-pool.ts';
import { barProgress, jsonProgress, lineProgress, type Progress } from '../seed/progress.ts';
import { defaultWorkers, seedSources } from '../seed/seed.ts';
import { isUrl } from '../seed/sources.ts';
import { watchFolder } from '../seed/watch.ts';

// npm run seed -- <file|folder|url|@list.txt>… [--prune] [--force] [--watch] [--json]
//   [--batch-size N] [--workers N] [--max-bytes N] [--timeout S] [--per-host N]
// Not on a terminal: one line per document on stdout, warnings on stderr, a total at the end
// (--json: one JSON object per document and a summary). On a terminal: a progress bar, with
// failures above it. Exit code 0 only when no source failed. Log lines (JSON,
// src/runtime/log.ts) go to stderr. SIGINT or SIGTERM stops the seed once the transaction under
// way is committed: exit code 130 or 143, and the next run does the rest.

const USAGE = [
  'usage: npm run seed -- <file|folder|url|@urls.txt>… [options]',
  '  --prune          remove stored documents whose file left the folder (one folder only)',
  '  --force          re-extract unchanged documents',
  '  --watch          keep the graph in step with the folder (one folder only)',
  '  --json           one JSON object per document, then a summary',
  '  --batch-size N   documents per transaction (100)',
  '  --workers N      extraction threads (1 on two cores or more)',
  '  --max-bytes N    larger documents are refused (10 MiB)',
  '  --timeout S      seconds a URL may take to answer (20)',
  '  --per-host N     requests at once to one host (2)',
].join('\n');

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive integer, got "${value}"`);
  return n;
}

async function isFolder(path: string): Promise<boolean> {
  return (
    !isUrl(path) &&
    !path.startsWith('@') &&
    (await stat(path).catch(() => null))?.isDirectory() === true
  );
}

async function main(): Promise<number> {
  limitHeapGrowth();
  let args: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      allowPositionals: true,
      options: {
        prune: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        workers: { type: 'string' },
        'max-bytes': { type: 'string' },
        timeout: { type: 'string' },
        'per-host': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    args = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const sources = args.positionals;
  if (args.values.help || sources.length === 0) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
  }
  const oneFolder = sources.length === 1 && (await isFolder(sources[0]!));
  for (const flag of ['prune', 'watch'] as const) {
    if (args.values[flag] && !oneFolder) {
      console.error(`--${flag} needs exactly one folder\n${USAGE}`);
      return 2;
    }
  }

  const { databaseUrl } = loadConfig();
  const log = createLogger(2);
  const db = createPrismaClient(databaseUrl);
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C reaches npm and this process both, and npm passes its own on: one
    // stop is enough.
    if (stoppedBy) return;
    stoppedBy = signal;
    log.warn({ signal }, `${signal}: stopping once the transaction under way is committed`);
    stop.abort();
  };
  // --watch handles its own stop: it ends between two seeds.
  if (!args.values.watch) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  let pool: PreparePool | undefined;
  try {
    const batchSize = positiveInteger(args.values['batch-size'], '--batch-size');
    const maxBytes = positiveInteger(args.values['max-bytes'], '--max-bytes');
    const timeout = positiveInteger(args.values.timeout, '--timeout');
    const perHost = positiveInteger(args.values['per-host'], '--per-host');
    const workers =
      args.values.workers === '0' ? 0 : positiveInteger(args.values.workers, '--workers');
    // The extraction threads load their code and dictionaries (about a second) while the
    // database migrates; --watch starts its own for each seed.
    const threads = workers ?? defaultWorkers();
    if (!args.values.watch && threads > 0) pool = createPreparePool(threads);
    await prepareDatabase(db, databaseUrl);
    const progress = (): Progress =>
      args.values.json ? jsonProgress() : process.stdout.isTTY ? barProgress() : lineProgress();
    const options = {
      force: args.values.force,
      batchSize,
      workers,
      maxBytes,
      fetch: {
        ...(maxBytes ? { maxBytes } : {}),
        ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
        ...(perHost ? { perHost } : {}),
      },
    };

    if (args.values.watch)
      return await watchUntilStopped(db, sources[0]!, options, args.values.json);

    const shown = progress();
    const report = await seedSources(db, sources, {
      ...options,
      pool,
      prune: args.values.prune,
      signal: stop.signal,
      onTotal: (total) => shown.total(total),
      onDocument: (document) => shown.document(document),
    });
    shown.finish(report);
    if (report.interrupted) {
      log.warn(
        { signal: stoppedBy, handled: report.documents.length },
        'seed interrupted: run it again to seed the rest',
      );
      return stoppedBy === 'SIGINT' ? 130 : 143;
    }
    return report.failed === 0 ? 0 : 1;
  } catch (error) {
    log.error({ err: error }, `seed failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await pool?.close();
    await db.$disconnect();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** --watch: seeds, then again after every burst of changes, until SIGINT or SIGTERM. */
async function watchUntilStopped(
  db: ReturnType<typeof createPrismaClient>,
  dir: string,
  options: Parameters<typeof watchFolder>[2],
  json: boolean,
): Promise<number> {
  const shown = json ? jsonProgress() : lineProgress();
  let first = true;
  const watching = watchFolder(db, dir, {
    ...options,
    // After the first seed, only what changed is worth a line.
    onDocument: (document) => {
      if (first || document.status !== 'skipped') shown.document(document);
    },
    onSeed: (report) => {
      if (first || report.stored + report.failed + report.pruned > 0) shown.finish(report);
      first = false;
    },
    onError: (error) =>
      console.error(`seed failed: ${error instanceof Error ? error.message : error}`),
  });
  await watching.ready;
  if (!json) console.error(`watching ${dir} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await watching.close();
  return 0;
}

process.exitCode = await main();
