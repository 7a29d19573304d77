// Worker threads start without the TypeScript loader their parent may have been given (npm run
// seed runs under tsx, tests under vitest): this entry registers tsx, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
