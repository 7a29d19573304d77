import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus/generate.ts';
import { createFloorServer } from '../../bench/floor/server.ts';
import { pickArguments } from '../../bench/queries/arguments.ts';
import { OPERATIONS } from '../../bench/queries/operations.ts';
import { createApp } from '../../src/api/yoga.ts';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { seedDirectory } from '../../src/seed/seed.ts';

// The cost floor is only a floor if it does the same work: on a seeded database, every request
// of every operation the benchmark sends gets the very same JSON from the floor as from our API.

const root = mkdtempSync(join(tmpdir(), 'kg-bench-floor-'));
const path = join(root, 'kg.db');
let db: Db;
let floor: ReturnType<typeof createFloorServer>;

beforeAll(async () => {
  generateCorpus(join(root, 'corpus'), 16);
  db = createPrismaClient(`file:${path}`);
  await prepareDatabase(db, `file:${path}`);
  const report = await seedDirectory(db, join(root, 'corpus'), { batchSize: 8 });
  expect(report.stored).toBe(16);
  floor = createFloorServer(path);
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  floor?.close();
  await db?.$disconnect();
  rmSync(root, { recursive: true, force: true });
});

describe('the cost floor', () => {
  it('answers every benchmark request exactly as our API does', async () => {
    const app = createApp({ db, logger: createLogger('silent') });
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/graphql`;
    const args = pickArguments(path, 12).measured;
    const post = (url: string, fetcher: typeof fetch, body: string) =>
      fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        (response) => response.json(),
      );
    for (const operation of OPERATIONS) {
      const bodies = operation.ours(args);
      expect(bodies.length).toBeGreaterThan(3);
      for (const body of bodies) {
        const ours = await post('http://yoga/graphql', app.fetch as typeof fetch, body);
        expect(ours).not.toHaveProperty('errors');
        expect({ body, answer: await post(floorUrl, fetch, body) }).toEqual({ body, answer: ours });
      }
    }
  });
});
