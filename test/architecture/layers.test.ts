import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The folders of src/ are the stages of the product, lowest first: a module may import from its
// own folder and from folders below it, never from one above (the write side never reaches into
// the API, extraction never into persistence), and no chain of imports may come back to where it
// started. Type-only imports count: a cycle through a type is still two modules that cannot be
// understood apart.
const LAYERS: readonly (readonly string[])[] = [
  ['generated'],
  ['domain', 'runtime'],
  ['db'],
  ['ingest'],
  ['extract'],
  ['store'],
  ['graph'],
  ['seed'],
  ['api'],
  ['commands'],
  ['.'],
];

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

/** The files under `dir` whose names match `pattern`, src/generated left out. */
function sourceFiles(dir: string, pattern = /\.(ts|mts)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const folderOf = (file: string) => {
  const rel = relative(src, file);
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '.';
};
const rankOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Every relative import of a file (static, type-only, re-exports, dynamic), resolved. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .filter((target) => target.startsWith(src) && /\.(ts|mts)$/.test(target));
}

const files = sourceFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the layout of src/', () => {
  it('puts every folder in a layer', () => {
    const unplaced = [...new Set(files.map(folderOf))].filter((folder) => rankOf(folder) < 0);
    expect(unplaced).toEqual([]);
  });

  it('has no import from a lower folder to a higher one, nor between folders of one layer', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && rankOf(to) >= rankOf(from)) {
          upward.push(`${relative(root, file)} -> ${relative(root, target)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open') {
          const cycle = stack.slice(stack.indexOf(target)).concat(target);
          cycles.push(cycle.map((f) => relative(src, f)).join(' -> '));
        } else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

// A module over 400 lines holds more than one job: split it by job (see the README's layout).
const MAX_LINES = 400;

describe('the size of the modules of src/', () => {
  it(`keeps every module at ${MAX_LINES} lines or fewer`, () => {
    const long = sourceFiles(src, /\.(ts|mts|js|mjs)$/)
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n') }))
      .filter(({ lines }) => lines.length - (lines.at(-1) === '' ? 1 : 0) > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines.length} lines`);
    expect(long).toEqual([]);
  });
});
