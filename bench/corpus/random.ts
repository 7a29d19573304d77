// A small seeded PRNG (mulberry32) with the few draws the generator needs. Deterministic across
// machines and Node versions: the same seed gives the same corpus, byte for byte.

/** A 32-bit hash of a string (FNV-1a), to derive independent streams from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hash32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** `count` distinct items of `list` (all of them when it is shorter). */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    const taken: T[] = [];
    while (taken.length < count && copy.length > 0) {
      taken.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    }
    return taken;
  }

  /**
   * An index in [0, n) drawn from a Zipf-like law (rank r with weight 1/(r+1)^s), by inverting
   * the continuous approximation: popular entities recur across documents, most appear once.
   */
  zipf(n: number, s = 1.05): number {
    const u = this.next();
    // s = 1: the weights' integral is a logarithm, whose inverse is a power of n + 1.
    if (s === 1) return Math.min(n - 1, Math.floor((n + 1) ** u - 1));
    const a = 1 - s;
    const max = ((n + 1) ** a - 1) / a;
    const x = (1 + u * max * a) ** (1 / a) - 1;
    return Math.min(n - 1, Math.max(0, Math.floor(x)));
  }
}
