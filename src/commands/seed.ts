import { parseArgs } from 'node:util';
import { createPrismaClient } from '../db/client.ts';
import { loadConfig } from '../runtime/config.ts';
import { limitHeapGrowth } from '../runtime/heap.ts';
import { createLogger } from '../runtime/log.ts';
import {
  type DocumentReport,
  prepareDatabase,
  type SeedReport,
  seedDirectory,
} from '../seed/seed.ts';

// npm run seed -- <dir> [--prune] [--force] [--batch-size N] [--workers N] [--max-bytes N]
// One line per document on stdout, warnings on stderr, a total at the end. Exit code 0 only
// when no file failed. Log lines (JSON, src/runtime/log.ts) go to stderr. SIGINT or SIGTERM stops the
// seed once the transaction under way is committed: exit code 130 or 143, and the next run
// does the rest.

const USAGE =
  'usage: npm run seed -- <dir> [--prune] [--force] [--batch-size N] [--workers N] [--max-bytes N]';

function describe(report: DocumentReport): string {
  switch (report.status) {
    case 'stored': {
      const c = report.counts;
      const counts = `${c.people} people, ${c.institutions} institutions, ${c.models} models, ${c.challenges} challenges, ${c.relations} relations`;
      return `${report.source}  ${report.title}  ${counts}${report.replaced ? ' (replaced)' : ''}`;
    }
    case 'skipped':
      return `${report.source}  skipped (unchanged)`;
    case 'failed':
      return `${report.source}  FAILED: ${report.error}`;
    case 'pruned':
      return `${report.source}  pruned (file gone)`;
  }
}

function total(report: SeedReport): string {
  const seconds = report.elapsedMs / 1000;
  const handled = report.stored + report.skipped + report.failed;
  const rate = seconds > 0 ? ` (${(handled / seconds).toFixed(1)} documents/s)` : '';
  const steps = Object.entries(report.timings)
    .map(([step, ms]) => `${step} ${Math.round(ms)} ms`)
    .join(', ');
  const { active, notApplying } = report.curations;
  const curations =
    active === 0
      ? []
      : [
          `curations: ${active - notApplying.length} of ${active} in force applied`,
          ...notApplying.map(
            (c) =>
              `  curation ${c.id} (${c.summary}, by ${c.curator}) no longer applies: ${c.problem}`,
          ),
        ];
  return [
    ...curations,
    `${handled} documents: ${report.stored} stored, ${report.skipped} skipped, ${report.failed} failed, ${report.pruned} pruned in ${seconds.toFixed(2)} s${rate}`,
    `steps: ${steps}`,
  ].join('\n');
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive integer, got "${value}"`);
  return n;
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
        'batch-size': { type: 'string' },
        workers: { type: 'string' },
        'max-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    args = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const [dir, ...extra] = args.positionals;
  if (args.values.help || !dir || extra.length > 0) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
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
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const batchSize = positiveInteger(args.values['batch-size'], '--batch-size');
    const maxBytes = positiveInteger(args.values['max-bytes'], '--max-bytes');
    const workers =
      args.values.workers === '0' ? 0 : positiveInteger(args.values.workers, '--workers');
    await prepareDatabase(db, databaseUrl);
    const report = await seedDirectory(db, dir, {
      prune: args.values.prune,
      force: args.values.force,
      batchSize,
      workers,
      maxBytes,
      signal: stop.signal,
      onDocument: (document) => {
        console.log(describe(document));
        if (document.status === 'stored') {
          for (const warning of document.warnings)
            console.error(`  warning: ${document.source}: ${warning}`);
        }
      },
    });
    console.log(total(report));
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
    await db.$disconnect();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

process.exitCode = await main();
