import { createHash } from 'node:crypto';
import type { PreparedDocument } from '../pipeline/persist.ts';
import { DEFAULT_MAX_BYTES, type DocumentFile, readDocument } from '../pipeline/read.ts';
import {
  defaultSteps,
  emptyTimings,
  prepareDocument,
  type Steps,
  type StepTimings,
} from '../pipeline/run.ts';
import { errorMessage } from './error-message.ts';

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

/** Reads and prepares one file; never throws (a failure is an outcome). */
export async function prepareFile(
  file: DocumentFile,
  options: PrepareOptions = {},
): Promise<FileOutcome> {
  const timings = emptyTimings();
  try {
    const readStarted = performance.now();
    const raw = await readDocument(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
    timings.read += performance.now() - readStarted;
    const hash = createHash('sha256').update(raw.bytes).digest('hex');
    if (!options.force && options.knownHash === hash) return { status: 'skipped', timings };
    const { prepared, timings: spent } = prepareDocument(raw, options.steps ?? defaultSteps);
    for (const step of Object.keys(spent) as (keyof StepTimings)[]) timings[step] += spent[step];
    return { status: 'prepared', prepared, timings };
  } catch (error) {
    return { status: 'failed', error: errorMessage(error), timings };
  }
}
