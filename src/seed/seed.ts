import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Db, sqlitePath } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { type DocumentFile, findDocuments } from '../ingest/read.ts';
import { metrics } from '../runtime/metrics.ts';
import { curationsInForce } from '../store/curation/report.ts';
import type { PreparedDocument } from '../store/identify.ts';
// Checks the extraction's data files once, here, before any worker thread starts (src/extract/data.ts).
import '../extract/data.ts';
import {
  type DocumentCounts,
  type PersistedDocument,
  persistBatch,
  removeDocuments,
} from '../store/persist.ts';
import { errorMessage as message } from './error-message.ts';
import type { Steps } from './pipeline.ts';
import type { FileOutcome } from './prepare-file.ts';
import { createPreparePool } from './prepare-pool.ts';
import { emptyTimings, type StepTimings } from './steps.ts';

// Seeding a folder: every document file goes through the pipeline and is stored, unchanged files
// (same hash) are skipped without a single write, and a file that fails is reported without
// stopping the others or touching what is already stored for it.

export interface SeedOptions {
  /** Also remove the stored documents whose file is no longer in the folder. */
  prune?: boolean;
  /** Re-extract files even when their content hash is unchanged. */
  force?: boolean;
  /** Documents stored per transaction (1: one transaction per document); 100 by default. */
  batchSize?: number;
  /**
   * Worker threads that read and extract documents while this thread stores the ones before
   * them (0: all on this thread); one on two cores or more by default. Always 0 with custom
   * `steps`, which cannot cross threads.
   */
  workers?: number;
  /** Files larger than this are reported as failed, unread. */
  maxBytes?: number;
  /** The pipeline's in-memory steps (tests swap in a hand-made extract). */
  steps?: Steps;
  /** Called once per document, in file order, as soon as its outcome is known. */
  onDocument?: (report: DocumentReport) => void;
  /**
   * Stops the seed when aborted: the transaction under way is finished, documents not yet
   * stored are left for the next run (unchanged files already stored are skipped then), and
   * nothing is pruned. The report says `interrupted`.
   */
  signal?: AbortSignal;
}

export type DocumentReport =
  | {
      source: string;
      status: 'stored';
      title: string;
      counts: DocumentCounts;
      /** True when an earlier version of the file was replaced. */
      replaced: boolean;
      warnings: string[];
    }
  | { source: string; status: 'skipped' }
  | { source: string; status: 'failed'; error: string }
  | { source: string; status: 'pruned' };

export interface SeedReport {
  documents: DocumentReport[];
  stored: number;
  skipped: number;
  failed: number;
  pruned: number;
  elapsedMs: number;
  /** Milliseconds per pipeline step, summed over all documents. */
  timings: StepTimings;
  /** True when `signal` stopped the seed before every document was handled. */
  interrupted: boolean;
  /**
   * The curations in force after the seed (every write applied them again), and those among
   * them that no longer apply, with the reason: never dropped silently.
   */
  curations: { active: number; notApplying: CurationProblem[] };
}

export interface CurationProblem {
  id: number;
  curator: string;
  summary: string;
  problem: string;
}

/** True when the database holds no document yet (the server seeds it then). */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.document.findFirst({ select: { id: true } })) === null;
}

/**
 * Brings the database at `url` to the current schema, and on SQLite turns on write-ahead
 * logging (readers do not block the seeder) with synchronous=NORMAL, safe under WAL and much
 * cheaper per transaction. Call it once before seeding or serving.
 */
export async function prepareDatabase(db: Db, url: string): Promise<void> {
  await migrate(url);
  if (sqlitePath(url) === null) return;
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Documents per transaction when not told: far fewer transactions, bounded memory. */
export const DEFAULT_BATCH_SIZE = 100;

/**
 * Extraction threads when not told: one on two cores or more (the other core stores), else none.
 * On a quiet 2-core machine a worker takes 1,000 documents from 109-122 to 152-157 documents/s
 * and 10,000 from 119 to 168 (persist is then the whole critical path), for 14-90 MB more peak
 * RSS. When other work keeps both cores busy it gains nothing (88-92 documents/s either way).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores >= 2 ? 1 : 0;
}

/** Reports in file order: each is handed on once every report before it is known. */
function orderedReports(sources: string[], onDocument?: (report: DocumentReport) => void) {
  const slots = new Map(sources.map((source, i) => [source, i]));
  const known: (DocumentReport | undefined)[] = sources.map(() => undefined);
  let next = 0;
  return {
    set(report: DocumentReport) {
      known[slots.get(report.source)!] = report;
      while (next < known.length && known[next] !== undefined) {
        const ready = known[next]!;
        next++;
        onDocument?.(ready);
      }
    },
    all: () => known.filter((r): r is DocumentReport => r !== undefined),
  };
}

/**
 * Seeds every document under `dir` (.txt, .html, .htm, .md, recursively) into `db`. Each
 * document's source is its path relative to `dir`. Never throws for one file's sake: failures
 * are in the report. Throws only when `dir` cannot be read at all.
 */
export async function seedDirectory(
  db: Db,
  dir: string,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const started = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const workers = options.steps ? 0 : Math.max(0, options.workers ?? defaultWorkers());
  const timings = emptyTimings();
  const { files, problems } = await findDocuments(dir);
  const onDocument = (report: DocumentReport) => {
    metrics.seededDocument(report.status);
    options.onDocument?.(report);
  };
  const reports = orderedReports(
    [...files.map((f) => f.source), ...problems.map((p) => p.source)].sort(byCodePoint),
    onDocument,
  );
  const stored = await db.document.findMany({
    select: { id: true, source: true, contentHash: true },
  });
  const hashes = new Map(stored.map((d) => [d.source, d.contentHash]));

  let batch: PreparedDocument[] = [];
  const stores = (result: PersistedDocument, prepared: PreparedDocument): DocumentReport => ({
    source: result.source,
    status: 'stored',
    title: prepared.doc.title,
    counts: result.counts,
    replaced: result.replaced,
    warnings: result.warnings,
  });
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (pending.length === 0) return;
    const persistStarted = performance.now();
    try {
      const results = await persistBatch(db, pending);
      results.forEach((result, i) => {
        reports.set(stores(result, pending[i]!));
      });
    } catch (error) {
      // One bad document must not cost the others: store the batch one document at a time.
      for (const prepared of pending) {
        try {
          const [result] = await persistBatch(db, [prepared]);
          reports.set(stores(result!, prepared));
        } catch (single) {
          const reason = pending.length === 1 ? error : single;
          reports.set({ source: prepared.doc.source, status: 'failed', error: message(reason) });
        }
      }
    } finally {
      timings.persist += performance.now() - persistStarted;
    }
  };

  // Files are prepared in order; with workers, up to `ahead` of them at once, while this thread
  // stores the batches before them. Outcomes are taken in file order, so batches (and entity
  // resolution) are the same as without workers.
  const pool = workers > 0 && files.length > 1 ? createPreparePool(workers) : null;
  const inline = pool ? null : await import('./prepare-file.ts');
  const ahead = Math.max(2 * batchSize, 8 * workers);
  const jobs: (Promise<FileOutcome> | undefined)[] = [];
  const prepare = (file: DocumentFile) => {
    const prepareOptions = {
      knownHash: hashes.get(file.source),
      force: options.force,
      maxBytes: options.maxBytes,
    };
    return pool
      ? pool.prepare(file, prepareOptions)
      : inline!.prepareFile(file, { ...prepareOptions, steps: options.steps });
  };

  for (const problem of problems) {
    reports.set({ source: problem.source, status: 'failed', error: problem.error });
  }
  let interrupted = false;
  try {
    if (pool) for (let i = 0; i < Math.min(ahead, files.length); i++) jobs[i] = prepare(files[i]!);
    for (let i = 0; i < files.length; i++) {
      // Storing through better-sqlite3 never waits for I/O, so without this turn of the event
      // loop a signal (read in its poll phase) would be noticed only when the next document is
      // not prepared yet: seconds later, measured, with a worker ahead.
      if (options.signal) await nextTurn();
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const file = files[i]!;
      const outcome = await (jobs[i] ?? prepare(file));
      jobs[i] = undefined;
      if (pool && i + ahead < files.length) jobs[i + ahead] = prepare(files[i + ahead]!);
      for (const step of Object.keys(outcome.timings) as (keyof StepTimings)[]) {
        timings[step] += outcome.timings[step];
      }
      if (outcome.status === 'skipped') reports.set({ source: file.source, status: 'skipped' });
      else if (outcome.status === 'failed') {
        reports.set({ source: file.source, status: 'failed', error: outcome.error });
      } else batch.push(outcome.prepared);
      if (batch.length >= batchSize) await flush();
    }
    // Documents prepared but not stored when interrupted are left for the next run.
    if (!interrupted) await flush();
  } finally {
    await pool?.close();
  }

  const documents = reports.all();
  let pruned = 0;
  if (options.prune && !interrupted) {
    const present = new Set([...files.map((f) => f.source), ...problems.map((p) => p.source)]);
    // Only documents seeded from a folder (a relative path) can be missing from one; a folder
    // that could not be read keeps everything stored under it.
    const unreadable = problems.map((p) => `${p.source}/`);
    const gone = stored.filter(
      (d) =>
        !present.has(d.source) &&
        !/^[a-z][a-z0-9+.-]*:/i.test(d.source) &&
        !unreadable.some((folder) => d.source.startsWith(folder)),
    );
    const persistStarted = performance.now();
    pruned = await removeDocuments(
      db,
      gone.map((d) => d.id),
    );
    timings.persist += performance.now() - persistStarted;
    for (const d of gone) {
      const report: DocumentReport = { source: d.source, status: 'pruned' };
      documents.push(report);
      onDocument(report);
    }
  }

  const count = (status: DocumentReport['status']) =>
    documents.filter((d) => d.status === status).length;
  const curations = await curationsInForce(db);
  return {
    curations,
    documents,
    stored: count('stored'),
    skipped: count('skipped'),
    failed: count('failed'),
    pruned,
    elapsedMs: performance.now() - started,
    timings,
    interrupted,
  };
}
