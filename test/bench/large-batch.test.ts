import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus/generate.ts';
import { createPrismaClient } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare-database.ts';
import { findDocuments, readDocument } from '../../src/ingest/read.ts';
import { prepareDocument } from '../../src/seed/pipeline.ts';
import { persistBatch } from '../../src/store/persist.ts';

// The batch size the benchmark seeds with: 100 news documents hold more entity keys than SQLite's
// 999 bound values. Such a batch failed as a whole (P2029) and the seeder silently stored it
// again one document per transaction, at a third of the speed.

const root = mkdtempSync(join(tmpdir(), 'kg-bench-batch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a batch of 100 documents', () => {
  it('is stored in one transaction', { timeout: 120_000 }, async () => {
    generateCorpus(join(root, 'corpus'), 100);
    const url = `file:${join(root, 'kg.db')}`;
    const db = createPrismaClient(url);
    try {
      await prepareDatabase(db, url);
      const { files } = await findDocuments(join(root, 'corpus'));
      const prepared = [];
      for (const file of files) {
        prepared.push(prepareDocument(await readDocument(file, 10_000_000)).prepared);
      }
      const keys = new Set(
        prepared.flatMap(({ resolved }) =>
          [...resolved.people, ...resolved.institutions].flatMap((e) => e.lookupKeys),
        ),
      );
      expect(keys.size).toBeGreaterThan(999);
      const results = await persistBatch(db, prepared);
      expect(results).toHaveLength(100);
      expect(await db.document.count()).toBe(100);
    } finally {
      await db.$disconnect();
    }
  });
});
