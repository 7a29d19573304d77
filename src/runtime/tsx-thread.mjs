// Worker threads start without the TypeScript loader their parent may have been given (npm run
// seed runs under tsx, tests under vitest): this entry registers tsx, then loads the module the
// thread was started for (src/runtime/threads.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
