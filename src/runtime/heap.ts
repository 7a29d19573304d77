import { setFlagsFromString } from 'node:v8';

// V8 lets garbage pile up to several times what survives a collection before it collects again
// (up to 4× here): fine for throughput, but a seed of 10,000 documents peaked at 794 MB with
// under 100 MB alive, and a server under load at 380 MB. Growing the heap by at most
// `percent` past what survived bounds that; it adapts (unlike --max-old-space-size) when a huge
// document really needs the memory. Measured: seed 1,000 documents 607-648 -> 369-390 MB peak
// RSS, 10,000: 794 -> 480 MB, at ~15% of the speed; server on 10,000 documents under the
// benchmark's load 380 -> 270 MB at the same throughput. HEAP_GROWING_PERCENT=0 restores V8's
// own heuristics.
//
// `npm run seed` also runs node with --max-semi-space-size=4 (MB; V8's default grows to 16, and
// it cannot be changed once the process runs): the young generation of the seeding thread held
// ~70 MB for objects that die young. Measured on the bench corpus (bundled seed): 10,000
// documents 43.7 s / 432 MB -> 48.1 s / 360 MB peak RSS; 1,000 documents 406-443 -> 358-364 MB,
// at 5-10% of the speed. 2 MB saved ~10 MB more for 20% of the speed.

/** Makes V8 grow its heap by at most `percent` beyond what survived the last collection. */
export function limitHeapGrowth(percent = Number(process.env.HEAP_GROWING_PERCENT ?? 10)): void {
  if (Number.isInteger(percent) && percent > 0) {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  }
}
