// Preloaded into the seed process by the benchmark (node --import): prints the process's peak
// resident memory (getrusage maxRSS, in KB) on stderr as it exits.
process.on('exit', () => {
  process.stderr.write(`BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
