import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, runBench } from './bench.ts';
import { formatReport } from './report.ts';

// npm run bench [-- --sizes 1000,10000] [--duration 10] [--warmup 2] [--connections 10]
//   [--rounds 1] [--arguments 1000] [--mix-arguments 10000 (0: no realistic mix)]
//   [--batch-size 100] [--no-postgraphile] [--no-uncached]
//   [--work-dir DIR] [--keep] [--out BENCHMARKS.md]
// Prints the report and writes it to --out. Progress goes to stderr. Takes several minutes:
// run it when the machine is otherwise quiet (`uptime`).

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    arguments: { type: 'string' },
    'mix-arguments': { type: 'string' },
    'batch-size': { type: 'string' },
    'no-postgraphile': { type: 'boolean', default: false },
    'no-uncached': { type: 'boolean', default: false },
    'work-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
  },
});

const integer = (value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
};

const report = await runBench({
  sizes: values.sizes
    ? values.sizes.split(',').map((size) => integer(size, 0))
    : DEFAULT_OPTIONS.sizes,
  duration: integer(values.duration, DEFAULT_OPTIONS.duration),
  warmup: values.warmup === '0' ? 0 : integer(values.warmup, DEFAULT_OPTIONS.warmup),
  connections: integer(values.connections, DEFAULT_OPTIONS.connections),
  rounds: integer(values.rounds, DEFAULT_OPTIONS.rounds),
  argumentCount: integer(values.arguments, DEFAULT_OPTIONS.argumentCount),
  mixArguments:
    values['mix-arguments'] === '0'
      ? 0
      : integer(values['mix-arguments'], DEFAULT_OPTIONS.mixArguments),
  batchSize: integer(values['batch-size'], DEFAULT_OPTIONS.batchSize),
  postgraphile: !values['no-postgraphile'],
  uncached: !values['no-uncached'],
  workDir: values['work-dir'],
  keep: values.keep,
});
const extra = process.argv.slice(2);
const text = formatReport(
  report,
  ['npm run bench', ...(extra.length > 0 ? ['--', ...extra] : [])].join(' '),
);
console.log(text);
writeFileSync(values.out, text);
console.error(`written to ${values.out}`);
