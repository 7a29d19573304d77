import type { Worker } from 'node:worker_threads';
import type { RawDocument } from '../domain/document.ts';
import type { DocumentFile } from '../ingest/read.ts';
import { startThread } from '../runtime/threads.ts';
import type { FileOutcome, PrepareOptions } from './prepare-file.ts';
import { emptyTimings } from './steps.ts';

// Worker threads that read and extract documents while the seeder's own thread stores the ones
// before them: on two cores, extraction and persist then run side by side. A worker that dies
// (a document exhausting its memory, say) fails the files it held and is replaced.

/** Heap allowed to each worker: far more than any document needs, far less than the machine. */
const WORKER_HEAP_MB = 256;

interface Slot {
  worker: Worker;
  pending: Map<number, (outcome: FileOutcome) => void>;
}

export interface PreparePool {
  /** Prepares a file (or a document in memory: `raw`) on the least busy worker. */
  prepare(
    job: { file: DocumentFile } | { raw: RawDocument },
    options: Omit<PrepareOptions, 'steps'>,
  ): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** `size` worker threads (at least one). */
export function createPreparePool(size: number): PreparePool {
  let nextId = 0;
  let closing = false;
  const slots: Slot[] = [];

  const spawn = (): Slot => {
    const slot: Slot = {
      worker: startThread(import.meta.url, './prepare-worker.ts', './prepare-worker.mjs', null, {
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      }),
      pending: new Map(),
    };
    slot.worker.on('message', ({ id, outcome }: { id: number; outcome: FileOutcome }) => {
      slot.pending.get(id)?.(outcome);
      slot.pending.delete(id);
    });
    const fail = (reason: string) => {
      for (const resolve of slot.pending.values()) {
        resolve({ status: 'failed', error: reason, timings: emptyTimings() });
      }
      slot.pending.clear();
      const at = slots.indexOf(slot);
      if (at >= 0 && !closing) slots[at] = spawn();
    };
    slot.worker.on('error', (error) => fail(`extraction worker failed: ${error.message}`));
    slot.worker.on('exit', (code) => {
      if (!closing) fail(`extraction worker exited (${code})`);
    });
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.push(spawn());

  return {
    prepare(job, options) {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({ id, ...job, options });
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
