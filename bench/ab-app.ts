import { parseArgs } from 'node:util';
import { createLogger } from 'graphql-yoga';
import { createApp, graphqlEndpoint } from '../src/api/yoga.ts';
import { createPrismaClient } from '../src/db/client.ts';
import { prepareDatabase } from '../src/db/prepare-database.ts';
import { pickArguments } from './queries/arguments.ts';
import { OPERATIONS } from './queries/operations.ts';

// A/B of app variants in one process, finely interleaved: batches of requests to each variant
// in turn (`app.fetch`, no socket), each batch's CPU time read with process.cpuUsage. On a
// machine shared with others, separate processes measured a few seconds apart differ by 2× for
// the same code; batches of a few milliseconds, alternating, meet the same conditions.
//
//   NODE_ENV=production node --import tsx bench/ab-app.ts --db kg.db --variants base,noobserve
//     [--ops depth4,path] [--batches 40] [--batch 10]

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    variants: { type: 'string', default: 'base' },
    ops: { type: 'string' },
    batches: { type: 'string', default: '40' },
    batch: { type: 'string', default: '10' },
  },
});
if (!values.db) throw new Error('--db path/to/kg.db is required');
const url = `file:${values.db}`;

/** How each variant's app is made. */
async function appWith(
  env: Record<string, string>,
  options: Partial<Parameters<typeof createApp>[0]> = {},
) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const db = createPrismaClient(url);
    await prepareDatabase(db, url);
    return createApp({ db, logger: createLogger('silent'), ...options });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const VARIANTS: Record<string, () => Promise<ReturnType<typeof createApp>>> = {
  base: () => appWith({}),
  base2: () => appWith({}),
  noindex: () => appWith({ RELATION_INDEX: 'off' }),
  // As before issue 17's changes: every Prisma call observed, walks querying every level.
  before: () => appWith({ RELATION_INDEX: 'off' }, { onPrismaCall: () => undefined }),
};

const chosen = values.variants.split(',');
const apps = [];
for (const name of chosen) {
  const make = VARIANTS[name];
  if (!make) throw new Error(`unknown variant ${name}: ${Object.keys(VARIANTS).join(', ')}`);
  apps.push({ name, app: await make() });
}
const { measured, warmup } = pickArguments(values.db, 1000);

async function send(app: ReturnType<typeof createApp>, body: string) {
  const response = await app.fetch(`http://localhost${graphqlEndpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const selected = values.ops ? values.ops.split(',') : OPERATIONS.map((op) => op.key);
const batch = Number(values.batch);
for (const operation of OPERATIONS.filter((op) => selected.includes(op.key))) {
  const bodies = operation.ours(measured);
  const warm = operation.ours(warmup);
  for (const { app } of apps) for (const body of warm.slice(0, 100)) await send(app, body);
  const samples = new Map<string, number[]>(chosen.map((name) => [name, []]));
  let at = 0;
  for (let round = 0; round < Number(values.batches); round++) {
    // Every variant gets the same bodies in a round, in an order that alternates.
    const order = round % 2 ? [...apps].reverse() : apps;
    for (const { name, app } of order) {
      const cpu = process.cpuUsage();
      for (let i = 0; i < batch; i++) await send(app, bodies[(at + i) % bodies.length]!);
      const used = process.cpuUsage(cpu);
      samples.get(name)!.push((used.user + used.system) / 1000 / batch);
    }
    at += batch;
  }
  const first = median(samples.get(chosen[0]!)!);
  console.log(operation.label);
  for (const name of chosen) {
    const value = median(samples.get(name)!);
    console.log(
      `  ${name.padEnd(14)} ${value.toFixed(3)} ms CPU/request  ${(value / first).toFixed(2)}×`,
    );
  }
}
process.exit(0);
