import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module `source` (a URL relative to the caller's `import.meta.url`,
 * naming the .ts file). From a build (dist/*.mjs) the module is its own bundle, `bundle` beside
 * the caller's chunk (scripts/build.mjs names it); from the sources it goes through an entry that
 * registers tsx first. The thread's workerData carries `data`.
 */
export function startThread(
  caller: string,
  source: string,
  bundle: string,
  data: unknown,
  options: Omit<WorkerOptions, 'workerData'> = {},
): Worker {
  if (caller.endsWith('.ts')) {
    return new Worker(new URL('./tsx-thread.mjs', import.meta.url), {
      ...options,
      workerData: { module: new URL(source, caller).href, data },
    });
  }
  return new Worker(new URL(bundle, caller), { ...options, workerData: { data } });
}
