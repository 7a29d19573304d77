import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestApp, createTestDatabase } from '../support/api-fixture.ts';
import { insertSmallGraph } from '../support/graph-queries.ts';

// The graphChanged subscription over server-sent events, as a browser's EventSource reads it:
// a seed of a new document, then of its new content, each announced with the new counts.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createTestApp>['app'];
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertSmallGraph(database.db);
  app = createTestApp(database.db).app;
  folder = mkdtempSync(join(tmpdir(), 'kg-live-'));
});
afterAll(async () => {
  await app.dispose();
  rmSync(folder, { recursive: true, force: true });
  await database.drop();
});

interface Change {
  added: string[];
  changed: string[];
  removed: string[];
  counts: { documents: number; people: number };
}

/** The events of an SSE response, one `next` data payload at a time. */
async function* events(response: Response): AsyncGenerator<Change> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
      if (data) {
        const payload = JSON.parse(data) as { data?: { graphChanged: Change } };
        if (payload.data) yield payload.data.graphChanged;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

async function seed(name: string, text: string) {
  writeFileSync(join(folder, name), text);
  const report = await seedDirectory(database.db, folder, { onDocument: () => {} });
  expect(report.failed).toBe(0);
}

describe('graphChanged', () => {
  it('announces each seed: documents added, then changed, with the counts', async () => {
    const query =
      'subscription { graphChanged { added changed removed counts { documents people } } }';
    const abort = new AbortController();
    const response = await app.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = events(response);
    // The subscription is listening once its first (keep-alive) bytes are out; seeding now.
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 300));

    await seed(
      'north-shore.txt',
      '北岸银行发布大模型\n\n2025年3月1日，北岸银行首席执行官王五表示，幻觉问题仍需解决。\n',
    );
    const added = (await next).value as Change;
    expect(added.added).toHaveLength(1);
    expect(added.changed).toEqual([]);
    expect(added.counts.documents).toBe(3);

    await seed(
      'north-shore.txt',
      '北岸银行发布大模型\n\n2025年3月2日，北岸银行首席执行官王五表示，算力成本仍然很高。\n',
    );
    const changed = (await stream.next()).value as Change;
    expect(changed.changed).toEqual(added.added);
    expect(changed.added).toEqual([]);
    expect(changed.counts.documents).toBe(3);
    abort.abort();
  });
});
