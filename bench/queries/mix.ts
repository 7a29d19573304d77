import { Random } from '../corpus/random.ts';

// The realistic mix: requests drawn from many distinct arguments with a Zipf law (s = 1), the
// way lookups and graph views are asked in use: a few entities very often, most rarely. A run
// then meets first requests in a realistic share, where the rotation (each argument in turn,
// round and round) turns every request after the first pass into a cache hit.

/** The Zipf exponent: rank r is asked with a weight 1/r. */
export const ZIPF_EXPONENT = 1;
/** Distinct arguments per operation the mix draws from, at least. */
export const MIX_ARGUMENTS = 10_000;
/**
 * Requests in a drawn sequence: more than a measurement sends (the load generator goes round
 * the sequence if it does not), so the sequence itself decides what repeats.
 */
const SEQUENCE_LENGTH = 400_000;

/**
 * `bodies` (the most popular first) drawn `length` times with the Zipf law, from the stream
 * named by `seed`: the measurement and its warm-up draw from the same law with different seeds,
 * so the warm-up leaves the cache as a minute of earlier traffic would.
 */
export function zipfSequence(
  bodies: readonly string[],
  seed: string,
  length = SEQUENCE_LENGTH,
): string[] {
  const random = new Random(seed);
  return Array.from({ length }, () => bodies[random.zipf(bodies.length, ZIPF_EXPONENT)]!);
}

/** How many distinct bodies a sequence holds. */
export const distinct = (sequence: readonly string[]) => new Set(sequence).size;
