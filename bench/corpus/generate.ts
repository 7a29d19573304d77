import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeArticle } from './article.ts';
import { Random } from './random.ts';
import { renderHtml, renderText } from './render.ts';
import { createWorld, type World } from './world.ts';

// N synthetic documents into a folder: half text dumps, half HTML pages, deterministic for a
// seed. File names sort in generation order (00042-....txt), the order seeding reads them in.

export const DEFAULT_SEED = 'kg-finance-bench';

export interface GeneratedFile {
  name: string;
  content: string;
}

/** Document `index` of the corpus of `seed`, as a file name and its content. */
export function generateDocument(world: World, seed: string, index: number): GeneratedFile {
  const article = composeArticle(world, seed, index);
  const random = new Random(`${seed}:format:${index}`);
  const stem = `${String(index).padStart(5, '0')}-${article.date}`;
  return random.chance(0.5)
    ? { name: `${stem}.txt`, content: renderText(article) }
    : { name: `${stem}.html`, content: renderHtml(article, random.int(0, 1)) };
}

/**
 * Writes documents `0 … count-1` of the corpus of `seed` into `dir` (created if needed) and
 * returns their file names and total size.
 */
export function generateCorpus(dir: string, count: number, seed = DEFAULT_SEED) {
  mkdirSync(dir, { recursive: true });
  const world = createWorld(seed);
  const names: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const file = generateDocument(world, seed, i);
    writeFileSync(join(dir, file.name), file.content);
    names.push(file.name);
    bytes += Buffer.byteLength(file.content);
  }
  return { names, bytes };
}
