import { parseArgs } from 'node:util';
import { buildDist } from '../scripts/build.mjs';
import { cpuTimeMs, programArgs, programEnv, start, waitForReady } from './lib/processes.ts';
import { freePort } from './postgres/cluster.ts';
import { pickArguments } from './queries/arguments.ts';
import { runLoad } from './queries/load.ts';
import { OPERATIONS } from './queries/operations.ts';

// A/B of server variants on a shared, noisy machine: every variant is a server of its own
// (dist/server.mjs computing every request, RESPONSE_CACHE=off), and the variants are measured
// interleaved, operation by operation and round by round, so a change in the machine's load
// hits all of them alike. Reports the median CPU time per request (far steadier than
// throughput when other work shares the cores) and requests/s.
//
//   npx tsx bench/ab.ts --db kg.db --variant base= --variant 'semi=NODE_OPTIONS=--max-semi-space-size=16'
//     [--ops page,depth4] [--rounds 3] [--duration 3] [--connections 10]

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    variant: { type: 'string', multiple: true },
    ops: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
  },
});
if (!values.db || !values.variant?.length)
  throw new Error('--db and --variant name=ENV=value,… needed');

/** `name=A=1,B=2`: a name and the environment it adds. */
const variants = values.variant.map((text) => {
  const [name, ...rest] = text.split('=');
  const spec = rest.join('=');
  const env = Object.fromEntries(
    spec
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  return { name: name!, env };
});

await buildDist();
const { measured, warmup } = pickArguments(values.db, 1000);
const servers = [];
for (const variant of variants) {
  const port = await freePort();
  const started = performance.now();
  const child = start('node', programArgs('server'), {
    env: {
      ...programEnv('server'),
      DATABASE_URL: `file:${values.db}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SEED_DIR: '',
      RESPONSE_CACHE: 'off',
      ...variant.env,
    },
  });
  await waitForReady(`http://127.0.0.1:${port}/ready`, child, started);
  servers.push({ ...variant, child, url: `http://127.0.0.1:${port}/graphql` });
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
try {
  const selected = values.ops ? values.ops.split(',') : OPERATIONS.map((op) => op.key);
  for (const operation of OPERATIONS.filter((op) => selected.includes(op.key))) {
    const samples = new Map<string, { cpu: number; rps: number; p99: number }[]>();
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const server of round % 2 ? [...servers].reverse() : servers) {
        const result = await runLoad(server.url, operation.ours(measured), {
          connections: Number(values.connections),
          duration: Number(values.duration),
          warmup: 1,
          warmupBodies: operation.ours(warmup),
          serverCpuMs: () => cpuTimeMs([server.child.process.pid!]),
        });
        if (result.failures > 0) console.error(`${server.name}: ${result.firstFailure}`);
        samples.set(server.name, [
          ...(samples.get(server.name) ?? []),
          { cpu: result.cpuMsPerRequest ?? 0, rps: result.requestsPerSecond, p99: result.p99 },
        ]);
      }
    }
    console.log(operation.label);
    for (const server of servers) {
      const list = samples.get(server.name)!;
      console.log(
        `  ${server.name.padEnd(16)} cpu ${median(list.map((s) => s.cpu)).toFixed(2)} ms/req (${list.map((s) => s.cpu.toFixed(2)).join(' ')})  ${median(list.map((s) => s.rps)).toFixed(0)} req/s  p99 ${median(list.map((s) => s.p99))} ms`,
      );
    }
  }
} finally {
  for (const server of servers) await server.child.stop();
}
