import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, freePort, logLines, npm, portClosed } from '../support/npm-process.ts';
import { copiedCorpus, devDocuments, seed, tempDatabase } from '../support/seed-process.ts';

// A stop asked of `npm start` and `npm run seed` the way a container runtime, systemd or a
// process manager asks it: a signal to npm's pid. Nothing may be left running, the server's
// port must be free, a request under way must still get its answer, and a stopped seed must be
// resumable.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A raw HTTP/1.1 exchange whose body is sent in two parts, the second when asked. */
function slowPost(port: number, body: string) {
  const socket = connect({ host: '127.0.0.1', port });
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`,
  );
  socket.write(bytes.subarray(0, half));
  return {
    finish(): Promise<string> {
      socket.write(bytes.subarray(half));
      return new Promise((done) => socket.on('close', () => done(received)));
    },
  };
}

async function get(port: number, path: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`);
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops on ${signal} to npm's pid: drains the request under way, frees the port, leaves no process`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'kg-signals-'));
      folders.push(folder);
      const port = await freePort();
      const run = npm(['start'], {
        DATABASE_URL: `file:${join(folder, 'kg.db')}`,
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_DIR: '',
        LOG_LEVEL: 'info',
      });
      await run.waitFor((output) => output.includes('GraphQL server ready at'));
      const ready = logLines(run.stdout()).find((line) =>
        String(line.msg).startsWith('GraphQL server ready'),
      )!;
      const serverPid = ready.pid as number;
      expect(serverPid).not.toBe(run.child.pid);

      const query = 'query Counted { people(first: 1) { totalCount } }';
      const pending = slowPost(port, JSON.stringify({ query }));
      // Answered after the slow request's headers were read: they arrived first.
      expect((await get(port, '/health')).status).toBe(200);

      run.child.kill(signal);
      await run.waitFor((output) => output.includes('stopping: draining requests'));
      const stopping = logLines(run.stdout()).find(
        (line) => line.msg === 'stopping: draining requests',
      )!;
      expect(stopping).toMatchObject({ signal, inFlight: 1 });

      const answer = await pending.finish();
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer).toContain('{"data":{"people":{"totalCount":0}}}');

      const ended = await run.finished;
      expect(ended).toEqual({ code: 0, signal: null });
      expect(alive(serverPid)).toBe(false);
      expect(await portClosed(port)).toBe(true);

      // Every line the server wrote is JSON; the request has its access line, without the query.
      const logs = logLines(run.stdout());
      const npmBanner = (line: string) => line === '' || line.startsWith('>');
      expect(
        run
          .stdout()
          .split('\n')
          .filter((line) => !npmBanner(line) && !line.startsWith('{')),
      ).toEqual([]);
      const access = logs.find((line) => line.msg === 'request' && line.operation === 'Counted')!;
      expect(access).toMatchObject({
        method: 'POST',
        path: '/graphql',
        status: 200,
        outcome: 'ok',
      });
      expect(JSON.stringify(access)).not.toContain('totalCount');
      expect(logs.at(-1)).toMatchObject({ msg: 'stopped' });
    });
  }
});

const COPIES = 10;

describe('npm run seed', () => {
  it("stops on SIGTERM to npm's pid after a whole transaction, exits non-zero, and the next run finishes", async () => {
    const corpus = copiedCorpus(COPIES);
    folders.push(corpus);
    const total = COPIES * devDocuments().length;
    const database = await tempDatabase();
    folders.push(database.dir);
    const reported = (stdout: string) => stdout.split('\n').filter((l) => / {2}\S/.test(l)).length;

    const run = npm(['run', 'seed', '--', corpus, '--batch-size', '1'], {
      DATABASE_URL: database.url,
    });
    await run.waitFor(() => reported(run.stdout()) >= 3);
    run.child.kill('SIGTERM');
    const ended = await run.finished;
    expect(ended.code).toBe(143);
    const stopped = logLines(run.stderr()).find(
      (line) => line.msg === 'seed interrupted: run it again to seed the rest',
    )!;
    expect(stopped).toMatchObject({ level: 'warn', signal: 'SIGTERM' });
    expect(alive(stopped.pid as number)).toBe(false);

    const db = new Database(database.url.replace(/^file:/, ''));
    const stored = (db.prepare('SELECT count(*) AS n FROM "Document"').get() as { n: number }).n;
    db.close();
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(total);
    // Each document reported stored is in the database: nothing reported was lost.
    expect(reported(run.stdout())).toBe(stored);

    const rerun = await seed(database.url, corpus, '--batch-size', '1');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(
      `${total} documents: ${total - stored} stored, ${stored} skipped`,
    );
  }, 300_000);
});
