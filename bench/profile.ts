import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDist } from '../scripts/build.mjs';
import { programArgs, programEnv, start, waitForReady } from './lib/processes.ts';
import { freePort } from './postgres/cluster.ts';
import { pickArguments } from './queries/arguments.ts';
import { runLoad } from './queries/load.ts';
import { OPERATIONS } from './queries/operations.ts';

// Where the server's CPU time goes when it computes every request: our server (dist/server.mjs,
// RESPONSE_CACHE=off, node's flags from `npm start`) under --cpu-prof, one process per operation
// loaded by autocannon, and each profile summarised by category (Yoga's pipeline, parse,
// validation, execution, Pothos, Prisma, SQLite, serialisation, GC…). Categories come from the
// file of the innermost frame that has one (a native call such as JSON.stringify or SQLite's
// step counts for the code that called it, unless named below).
//
//   npx tsx bench/profile.ts --db path/to/kg.db [--ops page,depth4] [--duration 5]
//     [--connections 10] [--keep-profiles DIR] [--top N (the N functions with most self time)]

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    ops: { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    'keep-profiles': { type: 'string' },
    top: { type: 'string', default: '0' },
  },
});
if (!values.db) throw new Error('--db path/to/kg.db is required');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now on V8's profile clock: both it and process.hrtime read CLOCK_MONOTONIC, in µs here. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** The category of a frame, or null when it says nothing (native code, anonymous). */
function categoryOf(url: string, name: string): string | null {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (unattributed)';
  if (name === 'stringify' && url === '') return 'serialisation (JSON.stringify)';
  if (name === 'parse' && url === '') return 'JSON.parse';
  if (!url) return null;
  if (url.includes('/graphql/language/')) return 'GraphQL parse';
  if (url.includes('/graphql/validation/')) return 'GraphQL validation';
  if (url.includes('/graphql/execution/') || url.includes('/graphql/type/'))
    return 'GraphQL execution';
  if (url.includes('/graphql/')) return 'GraphQL (other)';
  if (url.includes('/graphql-jit/')) return 'GraphQL execution';
  if (url.includes('/graphql-armor') || url.includes('/@escape.tech/')) return 'graphql-armor';
  if (url.includes('/@pothos/')) return 'Pothos';
  if (url.includes('query_compiler')) return 'Prisma query compiler (wasm)';
  if (url.includes('/@prisma/adapter') || url.includes('/better-sqlite3/')) return 'SQLite';
  if (url.includes('/@prisma/') || url.includes('/.prisma/')) return 'Prisma client';
  if (url.startsWith('wasm://')) return 'Prisma query compiler (wasm)';
  if (
    url.includes('/graphql-yoga/') ||
    url.includes('/@envelop/') ||
    url.includes('/@whatwg-node/') ||
    url.includes('/@graphql-yoga/') ||
    url.includes('/@graphql-tools/')
  )
    return "Yoga's pipeline";
  if (url.includes('/dist/')) return 'ours (dist/)';
  if (url.startsWith('node:') || !url.includes('/')) return 'Node (http, streams, timers)';
  return url.replace(/^.*\/node_modules\//, '').split('/')[0] ?? url;
}

/**
 * Self time by category, and the share of samples with each category anywhere on the stack,
 * over the samples taken between `from` and `to` (the measurement, not start-up or warm-up).
 */
function summarise(profile: Profile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let clock = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    clock += delta;
    if (clock < from || clock > to) return;
    let leaf: string | null = null;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const category = categoryOf(frame.url, frame.functionName);
      if (category === null) continue;
      leaf ??= category;
      seen.add(category);
    }
    const category = leaf ?? 'V8/native (unattributed)';
    if (category === 'idle') return;
    total += delta;
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '')}:${(frame as { lineNumber?: number }).lineNumber ?? ''}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    self.set(category, (self.get(category) ?? 0) + delta);
    for (const c of seen) inclusive.set(c, (inclusive.get(c) ?? 0) + delta);
  });
  return { self, inclusive, functions, total };
}

const keep = values['keep-profiles'];
const profileRoot = keep ?? join('/tmp', `kg-profile-${process.pid}`);
await buildDist();
const { measured, warmup } = pickArguments(values.db, 1000);
const selected = values.ops ? values.ops.split(',') : OPERATIONS.map((op) => op.key);
for (const operation of OPERATIONS.filter((op) => selected.includes(op.key))) {
  const dir = join(profileRoot, operation.key);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const started = performance.now();
  const child = start('node', ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...programArgs('server')], {
    env: {
      ...programEnv('server'),
      DATABASE_URL: `file:${values.db}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SEED_DIR: '',
      RESPONSE_CACHE: 'off',
    },
  });
  await waitForReady(`http://127.0.0.1:${port}/ready`, child, started);
  const url = `http://127.0.0.1:${port}/graphql`;
  const connections = Number(values.connections);
  await runLoad(url, operation.ours(warmup), { connections, duration: 2, warmup: 0 });
  const from = monotonicMicros();
  const result = await runLoad(url, operation.ours(measured), {
    connections,
    duration: Number(values.duration),
    warmup: 0,
  });
  const to = monotonicMicros();
  await child.stop();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}:\n${child.output()}`);
  const { self, inclusive, functions, total } = summarise(
    JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile,
    from,
    to,
  );
  console.log(
    `\n${operation.label}: ${result.requests} requests, ${result.requestsPerSecond.toFixed(0)} req/s, ${result.failures} failed; ${(total / 1e3 / Math.max(1, result.requests)).toFixed(2)} ms busy per request`,
  );
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
  for (const [category, time] of rows) {
    console.log(
      `  ${category.padEnd(34)} self ${((100 * time) / total).toFixed(1).padStart(5)}%   on stack ${((100 * (inclusive.get(category) ?? 0)) / total).toFixed(1).padStart(5)}%`,
    );
  }
  const top = [...functions.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [name, time] of top) {
    console.log(`    ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
if (!keep) rmSync(profileRoot, { recursive: true, force: true });
