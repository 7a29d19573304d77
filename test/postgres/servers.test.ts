import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { onDataChanged } from '../../src/db/changes.ts';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { createTestDatabaseUrl } from '../support/database.ts';
import { DEV_CORPUS } from '../support/dev-corpus.ts';

// Several server processes on one PostgreSQL database, started together on an empty one (they
// take turns at the migrations) and serving while a seed process writes: no request fails, every
// server ends up serving the whole graph, and the change signal reaches other processes.

const CORPUS = DEV_CORPUS;
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const servers: ChildProcess[] = [];
const clients: Db[] = [];

afterAll(async () => {
  for (const server of servers) {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }
  await Promise.all(clients.map((db) => db.$disconnect()));
});

/** Starts `npm start` on `url` on a free port; resolves with its GraphQL endpoint. */
async function startServer(url: string): Promise<string> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', SEED_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(server);
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/ready at (http:\/\/\S+\/graphql)/);
      if (ready) resolve(ready[1]!);
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

const QUERY = `{
  people(first: 100) { edges { node { name affiliations { role institution { name } } } } }
  search(query: "银行", first: 5) { totalCount edges { node { name } } }
}`;

interface Answer {
  status: number;
  body: {
    data?: { people: { edges: { node: { name: string } }[] }; search: { totalCount: number } };
    errors?: unknown[];
  };
}

async function ask(endpoint: string): Promise<Answer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('several servers on one database', () => {
  it('serve without an error while a seed writes, and all end up serving its graph', async () => {
    const { url } = await createTestDatabaseUrl({ migrated: false });
    const endpoints = await Promise.all([startServer(url), startServer(url)]);

    let changes = 0;
    const subscription = onDataChanged(url, () => changes++);
    await subscription.ready;

    const seed = run(
      process.execPath,
      ['--import', 'tsx', 'src/commands/seed.ts', CORPUS, '--batch-size', '1'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
    );
    let seeding = true;
    const seeded = seed.finally(() => {
      seeding = false;
    });
    const answers: Answer[] = [];
    do {
      answers.push(...(await Promise.all(endpoints.map(ask))));
    } while (seeding);
    const { stdout } = await seeded;
    const stored = Number(stdout.match(/(\d+) stored/)![1]);
    expect(stored).toBeGreaterThan(5);

    expect(answers.filter((a) => a.status !== 200 || a.body.errors)).toEqual([]);
    const db = createPrismaClient(url);
    clients.push(db);
    const people = await db.person.count();
    for (const endpoint of endpoints) {
      const { body } = await ask(endpoint);
      expect(body.errors).toBeUndefined();
      expect(body.data!.people.edges.length).toBe(people);
      expect(body.data!.search.totalCount).toBeGreaterThan(0);
    }
    // One change per stored batch of one document, heard by this process.
    await vi.waitFor(() => expect(changes).toBeGreaterThanOrEqual(stored), { timeout: 10_000 });
    await subscription.close();
  });
});
