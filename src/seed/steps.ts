// The names of the pipeline's steps and their timings, apart from the steps themselves, so that
// the seeder's own thread can count time without loading the extraction code (which runs on
// worker threads, src/seed/prepare-pool.ts).

/** Every step a document goes through, in order. */
export const STEPS = [
  'read',
  'decode',
  'clean',
  'segment',
  'extract',
  'resolve',
  'persist',
] as const;
export type StepName = (typeof STEPS)[number];

/** Milliseconds spent in each step (for one document, or summed over a seeding run). */
export type StepTimings = Record<StepName, number>;

export function emptyTimings(): StepTimings {
  return { read: 0, decode: 0, clean: 0, segment: 0, extract: 0, resolve: 0, persist: 0 };
}
