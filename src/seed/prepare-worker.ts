import { parentPort } from 'node:worker_threads';
import type { RawDocument } from '../domain/document.ts';
import type { DocumentFile } from '../ingest/read.ts';
import { type PrepareOptions, prepareRead, readFile } from './prepare-file.ts';

// A worker thread of the seeder (prepare-pool.ts): prepares the files it is sent, one message
// per file, and answers each with its outcome. Custom steps never come here (functions do not
// cross threads).

export interface PrepareJob {
  id: number;
  /** A file to read, or a document already in memory (a fetched page). */
  file?: DocumentFile;
  raw?: RawDocument;
  options: Omit<PrepareOptions, 'steps'>;
}

// One file at a time, in the order sent. The worker has nothing to do while a file is read, so
// it reads synchronously: an asynchronous read takes several turns of an event loop that each
// extraction holds for milliseconds, and extraction then waited on reads for ~40% of its time.
let queue = Promise.resolve();
parentPort?.on('message', (job: PrepareJob) => {
  queue = queue.then(async () => {
    const read = job.raw
      ? { raw: { ...job.raw, bytes: Buffer.from(job.raw.bytes) }, readMs: 0 }
      : await readFile(job.file!, { ...job.options, sync: true });
    parentPort?.postMessage({ id: job.id, outcome: await prepareRead(read, job.options) });
  });
});
