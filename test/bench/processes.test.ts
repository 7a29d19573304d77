import { describe, expect, it } from 'vitest';
import { programArgs, programEnv } from '../../bench/lib/processes.ts';

// The bench runs the seed and the server exactly as `npm run seed` and `npm start` do: node's
// flags and the environment their scripts set (MALLOC_ARENA_MAX) are read from package.json.

describe('the programs the bench runs', () => {
  it('take node flags and environment from the npm scripts', () => {
    expect(programArgs('seed', ['corpus'])).toEqual([
      '--max-semi-space-size=4',
      'dist/seed.mjs',
      'corpus',
    ]);
    expect(programArgs('server')).toEqual(['dist/server.mjs']);
    expect(programEnv('seed')).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(programEnv('server')).toEqual({ MALLOC_ARENA_MAX: '2' });
  });
});
