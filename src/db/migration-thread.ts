import { parentPort, workerData } from 'node:worker_threads';
import { migrate } from './migrate.ts';

// The thread of migrateInThread (src/db/migrate.ts): applies the migrations the database lacks,
// answers with their names or the error, and ends, taking the schema engine's memory with it.

const { url, dir } = (workerData as { data: { url: string; dir?: string } }).data;
try {
  parentPort?.postMessage({ applied: await migrate(url, dir) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
