import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/client.ts';
import type { RawDocument } from '../domain/document.ts';
import type { FeedKind } from '../ingest/feeds.ts';
import { createFetcher, type FetchSettings } from '../ingest/fetch.ts';
import { type DocumentFile, findDocuments } from '../ingest/read.ts';
import { metrics } from '../runtime/metrics.ts';
import { curationsInForce } from '../store/curation/report.ts';
import type { PreparedDocument } from '../store/identify.ts';
import {
  type DocumentCounts,
  type PersistedDocument,
  persistBatch,
  removeDocuments,
} from '../store/persist.ts';
// Checks the extraction's data files once, here, before any worker thread starts (src/extract/data.ts).
import '../extract/data.ts';
import { errorMessage as message } from './error-message.ts';
import type { Steps } from './pipeline.ts';
import type { FileOutcome } from './prepare-file.ts';
import { createPreparePool, type PreparePool } from './prepare-pool.ts';
import { fetchAndPrepare, type ItemOutcome, keepValidators } from './prepare-url.ts';
import { expandSources, folderItems, missingFromFolders, type SourceItem } from './sources.ts';
import { emptyTimings, type StepTimings } from './steps.ts';

// Seeding a folder, files and URLs: every document goes through the pipeline and is stored,
// unchanged ones (same hash, or a 304 to a conditional request) are skipped without a single
// write, and a source that fails is reported without stopping the others or touching what is
// already stored for it.

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
  /**
   * Extraction threads already started, used in place of `workers` and left open: the seed
   * command starts them while the database migrates, and they are ready when seeding starts.
   */
  pool?: PreparePool;
  /** Files larger than this are reported as failed, unread. */
  maxBytes?: number;
  /** The pipeline's in-memory steps (tests swap in a hand-made extract). */
  steps?: Steps;
  /** Called once per document, in file order, as soon as its outcome is known. */
  onDocument?: (report: DocumentReport) => void;
  /** Called with the number of sources to go through, again whenever a sitemap or feed adds some. */
  onTotal?: (total: number) => void;
  /** How URLs are fetched (timeouts, limits, private addresses): src/pipeline/fetch.ts. */
  fetch?: Partial<FetchSettings>;
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
  /** Unchanged (same hash, or HTTP 304); `reason` says otherwise (a page listed twice). */
  | { source: string; status: 'skipped'; reason?: string }
  | { source: string; status: 'failed'; error: string }
  | { source: string; status: 'pruned' }
  /** A sitemap or feed: not a document, it listed `urls` more sources to seed. */
  | { source: string; status: 'listed'; kind: FeedKind; urls: number };

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

/**
 * Reports in the order of the sources: each is handed on once every report before it is known.
 * Sources may be added while seeding (the pages of a sitemap).
 */
function orderedReports(onDocument?: (report: DocumentReport) => void) {
  const known: (DocumentReport | undefined)[] = [];
  let next = 0;
  return {
    /** A slot for the next source's report. */
    reserve: () => known.push(undefined) - 1,
    set(slot: number, report: DocumentReport) {
      known[slot] = report;
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
 * Seeds every document under `dir` (.txt, .html, .htm, .md, .pdf, .docx, recursively) into
 * `db`. Each document's source is its path relative to `dir`. Never throws for one file's sake:
 * failures are in the report. Throws only when `dir` cannot be read at all.
 */
export async function seedDirectory(
  db: Db,
  dir: string,
  options: SeedOptions = {},
): Promise<SeedReport> {
  return seedItems(db, folderItems(await findDocuments(dir)), options);
}

/**
 * Seeds what the arguments name (src/seed/sources.ts): files, folders, URLs (sitemaps and feeds
 * too) and @lists of them. Never throws for one source's sake. `prune` makes sense for one
 * folder only (the CLI refuses it otherwise).
 */
export async function seedSources(
  db: Db,
  args: readonly string[],
  options: SeedOptions = {},
): Promise<SeedReport> {
  return seedItems(db, await expandSources(args), options);
}

async function seedItems(
  db: Db,
  initial: SourceItem[],
  options: SeedOptions = {},
): Promise<SeedReport> {
  const started = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const workers = options.steps ? 0 : Math.max(0, options.workers ?? defaultWorkers());
  const timings = emptyTimings();
  const items = [...initial];
  const onDocument = (report: DocumentReport) => {
    if (report.status !== 'listed') metrics.seededDocument(report.status);
    options.onDocument?.(report);
  };
  const reports = orderedReports(onDocument);
  const slots: number[] = items.map(() => reports.reserve());
  const requested = new Set(items.flatMap((item) => (item.kind === 'url' ? [item.url] : [])));
  options.onTotal?.(items.length);
  const stored = await db.document.findMany({
    select: { id: true, source: true, contentHash: true, etag: true, lastModified: true },
  });
  const hashes = new Map(stored.map((d) => [d.source, d.contentHash]));
  const validators = new Map(
    stored
      .filter((d) => d.etag !== null || d.lastModified !== null)
      .map((d) => [d.source, { etag: d.etag, lastModified: d.lastModified }]),
  );
  // The size limit given for files holds for pages too, unless the fetch settings say otherwise.
  const fetcher = items.some((item) => item.kind === 'url')
    ? createFetcher({
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        ...options.fetch,
      })
    : null;

  let batch: { prepared: PreparedDocument; slot: number }[] = [];
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
      const results = await persistBatch(
        db,
        pending.map((p) => p.prepared),
      );
      results.forEach((result, i) => {
        reports.set(pending[i]!.slot, stores(result, pending[i]!.prepared));
      });
    } catch (error) {
      // One bad document must not cost the others: store the batch one document at a time.
      for (const { prepared, slot } of pending) {
        try {
          const [result] = await persistBatch(db, [prepared]);
          reports.set(slot, stores(result!, prepared));
        } catch (single) {
          const reason = pending.length === 1 ? error : single;
          reports.set(slot, {
            source: prepared.doc.source,
            status: 'failed',
            error: message(reason),
          });
        }
      }
    } finally {
      timings.persist += performance.now() - persistStarted;
    }
  };

  // Sources are prepared in order; with workers, up to `ahead` of them at once, while this thread
  // stores the batches before them. Outcomes are taken in source order, so batches (and entity
  // resolution) are the same as without workers. URLs are fetched `ahead` at a time too (each
  // host's own limit applies below that), also without workers.
  const pool = options.steps
    ? null
    : (options.pool ??
      (workers > 0 && (items.length > 1 || fetcher) ? createPreparePool(workers) : null));
  const inline = pool ? null : await import('./prepare-file.ts');
  const ahead = Math.max(2 * batchSize, 8 * workers);
  const jobs: (Promise<ItemOutcome> | undefined)[] = [];
  const prepareOptions = (source: string) => ({
    knownHash: hashes.get(source),
    force: options.force,
    maxBytes: options.maxBytes,
  });
  const prepareFile = (file: DocumentFile): Promise<FileOutcome> =>
    pool
      ? pool.prepare({ file }, prepareOptions(file.source))
      : inline!.prepareFile(file, { ...prepareOptions(file.source), steps: options.steps });
  const prepareRaw = (raw: RawDocument): Promise<FileOutcome> =>
    pool
      ? pool.prepare({ raw }, prepareOptions(raw.source))
      : inline!.prepareRaw(raw, { ...prepareOptions(raw.source), steps: options.steps });

  const prepareUrl = (url: string) =>
    fetchAndPrepare(url, { fetcher: fetcher!, validators, force: options.force, prepareRaw });
  const prepare = (item: SourceItem): Promise<ItemOutcome> => {
    if (item.kind === 'url') return prepareUrl(item.url);
    if (item.kind === 'problem') {
      return Promise.resolve({
        status: 'failed',
        source: item.source,
        error: item.error,
        timings: emptyTimings(),
      });
    }
    return prepareFile(item.file).then((outcome) => ({ ...outcome, source: item.file.source }));
  };

  const handled = new Set<string>();
  let interrupted = false;
  try {
    let launched = 0;
    const startAhead = (i: number) => {
      const limit = pool || fetcher ? i + ahead : i + 1;
      for (; launched < Math.min(limit, items.length); launched++) {
        jobs[launched] = prepare(items[launched]!);
      }
    };
    for (let i = 0; i < items.length; i++) {
      // Storing through better-sqlite3 never waits for I/O, so without this turn of the event
      // loop a signal (read in its poll phase) would be noticed only when the next document is
      // not prepared yet: seconds later, measured, with a worker ahead.
      if (options.signal) await nextTurn();
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      startAhead(i);
      const outcome = await jobs[i]!;
      jobs[i] = undefined;
      const slot = slots[i]!;
      for (const step of Object.keys(outcome.timings) as (keyof StepTimings)[]) {
        timings[step] += outcome.timings[step];
      }
      if (outcome.status === 'listed') {
        // The pages of a sitemap or feed join the end of the list, each once per seed.
        const fresh = outcome.urls.filter((url) => !requested.has(url));
        for (const url of fresh) {
          requested.add(url);
          items.push({ kind: 'url', url });
          slots.push(reports.reserve());
        }
        if (fresh.length > 0) options.onTotal?.(items.length);
        reports.set(slot, {
          source: outcome.source,
          status: 'listed',
          kind: outcome.kind,
          urls: outcome.urls.length,
        });
        continue;
      }
      // Two URLs redirected to one page: it is seeded once.
      if (outcome.status !== 'failed' && handled.has(outcome.source)) {
        reports.set(slot, { source: outcome.source, status: 'skipped', reason: 'seen already' });
        continue;
      }
      handled.add(outcome.source);
      if (outcome.status === 'skipped') {
        await keepValidators(db, outcome.source, outcome.validators, validators);
        reports.set(slot, { source: outcome.source, status: 'skipped' });
      } else if (outcome.status === 'failed') {
        reports.set(slot, { source: outcome.source, status: 'failed', error: outcome.error });
      } else batch.push({ prepared: outcome.prepared, slot });
      if (batch.length >= batchSize) await flush();
    }
    // Documents prepared but not stored when interrupted are left for the next run.
    if (!interrupted) await flush();
  } finally {
    if (pool !== options.pool) await pool?.close();
    await fetcher?.close();
  }

  const documents = reports.all();
  let pruned = 0;
  if (options.prune && !interrupted) {
    const gone = missingFromFolders(initial, stored);
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

  const curations = await curationsInForce(db);
  const count = (status: DocumentReport['status']) =>
    documents.filter((d) => d.status === status).length;
  return {
    documents,
    stored: count('stored'),
    skipped: count('skipped'),
    failed: count('failed'),
    pruned,
    elapsedMs: performance.now() - started,
    timings,
    interrupted,
    curations,
  };
}
