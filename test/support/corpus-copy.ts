import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository's test corpus (test/fixtures/corpus): its documents, without gold files. */
export const FIXTURE_CORPUS = join(import.meta.dirname, '../fixtures/corpus');

/** The documents of the fixture corpus, as `npm run seed` finds them. */
export const FIXTURE_DOCUMENTS = readdirSync(FIXTURE_CORPUS).filter((f) =>
  /\.(txt|html?|md)$/.test(f),
);

/** A copy of the fixture corpus's documents in a temporary folder a test may change. */
export function copyFixtureCorpus(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kg-corpus-'));
  for (const file of FIXTURE_DOCUMENTS) cpSync(join(FIXTURE_CORPUS, file), join(dir, file));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
