import { createHash } from 'node:crypto';
import type { RawDocument } from '../domain/document.ts';
import {
  DEFAULT_MAX_BYTES,
  type DocumentFile,
  readDocument,
  readDocumentSync,
} from '../ingest/read.ts';
import { unpack } from '../ingest/unpack.ts';
import type { PreparedDocument } from '../store/identify.ts';
import { errorMessage } from './error-message.ts';
import {
  defaultSteps,
  emptyTimings,
  prepareDocument,
  type Steps,
  type StepTimings,
} from './pipeline.ts';

// One file through every step before persist: read, then (unless its hash says it is unchanged)
// decode, clean, segment, extract and resolve. The seeder runs it on worker threads
// (prepare-pool.ts) or, with custom steps, on its own thread.

export type FileOutcome =
  | { status: 'prepared'; prepared: PreparedDocument; timings: StepTimings }
  | { status: 'skipped'; timings: StepTimings }
  | { status: 'failed'; error: string; timings: StepTimings };

export interface PrepareOptions {
  /** The content hash stored for this source: an equal hash skips the file. */
  knownHash?: string;
  /** Prepare it even when its hash is unchanged. */
  force?: boolean;
  maxBytes?: number;
  steps?: Steps;
}

/** A file read (or not), before the in-memory steps. */
export type ReadOutcome = { raw: RawDocument; readMs: number } | { error: string; readMs: number };

/** The read step alone; `sync` on a thread that has nothing else to do meanwhile. */
export async function readFile(
  file: DocumentFile,
  options: Pick<PrepareOptions, 'maxBytes'> & { sync?: boolean } = {},
): Promise<ReadOutcome> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const raw = options.sync
      ? readDocumentSync(file, maxBytes)
      : await readDocument(file, maxBytes);
    return { raw, readMs: performance.now() - started };
  } catch (error) {
    return { error: errorMessage(error), readMs: performance.now() - started };
  }
}

/**
 * The steps after read, unless the content hash says the file is unchanged: a PDF or .docx is
 * unpacked first (counted in decode's time), only then, since that costs far more than a hash.
 * Never throws.
 */
export async function prepareRead(
  read: ReadOutcome,
  options: PrepareOptions = {},
): Promise<FileOutcome> {
  const timings = emptyTimings();
  timings.read = read.readMs;
  if ('error' in read) return { status: 'failed', error: read.error, timings };
  try {
    const hash = createHash('sha256').update(read.raw.bytes).digest('hex');
    if (!options.force && options.knownHash === hash) return { status: 'skipped', timings };
    const unpackStarted = performance.now();
    const raw = await unpack(read.raw);
    timings.decode += performance.now() - unpackStarted;
    const { prepared, timings: spent } = prepareDocument(raw, options.steps ?? defaultSteps);
    for (const step of Object.keys(spent) as (keyof StepTimings)[]) timings[step] += spent[step];
    return { status: 'prepared', prepared, timings };
  } catch (error) {
    return { status: 'failed', error: errorMessage(error), timings };
  }
}

/** Reads and prepares one file; never throws (a failure is an outcome). */
export async function prepareFile(
  file: DocumentFile,
  options: PrepareOptions = {},
): Promise<FileOutcome> {
  return prepareRead(await readFile(file, options), options);
}

/** Prepares a document already in memory (a fetched page); never throws. */
export function prepareRaw(raw: RawDocument, options: PrepareOptions = {}): Promise<FileOutcome> {
  return prepareRead({ raw, readMs: 0 }, options);
}
