import { setFlagsFromString } from 'node:v8';

// V8 lets garbage pile up to several times what survives a collection before it collects again
// (up to 4× here): fine for throughput, but a seed of 10,000 documents peaked at 794 MB with
// under 100 MB alive, and a server under load at 380 MB. Growing the heap by at most
// `percent` past what survived bounds that; it adapts (unlike --max-old-space-size) when a huge
// document really needs the memory. Measured: seed 1,000 documents 607-648 -> 369-390 MB peak
// RSS, 10,000: 794 -> 480 MB, at ~15% of the speed; server on 10,000 documents under the
// benchmark's load 380 -> 270 MB at the same throughput. HEAP_GROWING_PERCENT=0 restores V8's
// own heuristics.

/** Makes V8 grow its heap by at most `percent` beyond what survived the last collection. */
export function limitHeapGrowth(percent = Number(process.env.HEAP_GROWING_PERCENT ?? 10)): void {
  if (Number.isInteger(percent) && percent > 0) {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  }
}
