import { parentPort } from 'node:worker_threads';
import type { DocumentFile } from '../pipeline/read.ts';
import { type PrepareOptions, prepareFile } from './prepare-file.ts';

// A worker thread of the seeder (prepare-pool.ts): prepares the files it is sent, one message
// per file, and answers each with its outcome. Custom steps never come here (functions do not
// cross threads).

export interface PrepareJob {
  id: number;
  file: DocumentFile;
  options: Omit<PrepareOptions, 'steps'>;
}

// One file at a time, in the order sent: started together, their reads would all wait on the
// CPU-bound extraction (and hold every file in memory at once).
let queue = Promise.resolve();
parentPort?.on('message', (job: PrepareJob) => {
  queue = queue.then(async () => {
    const outcome = await prepareFile(job.file, job.options);
    parentPort?.postMessage({ id: job.id, outcome });
  });
});
