// Bundles the programs users run (the server, the seed and extract commands, the seed's
// extraction worker) into dist/ with esbuild: `npm start` and `npm run seed` run these, not the
// TypeScript through tsx, whose loader costs every process and worker thread ~40 MB and part of
// a second at start. Packages stay in node_modules (imported, not copied); chunks shared by
// the entries are split out. Takes well under a second; tests and `npm run dev` use src/.
//   node scripts/build.mjs [--quiet]
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

/**
 * Builds dist/; returns the folder. A file is written only when its content changed, through a
 * temporary file renamed over it: seeds started together (`npm run seed` in parallel, each
 * building first) and a server loading a chunk on first use never read a half-written file, and
 * the same sources give the same names, so an unchanged build writes nothing.
 */
export async function buildDist() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      server: 'src/server.ts',
      seed: 'src/commands/seed.ts',
      extract: 'src/commands/extract.ts',
      export: 'src/commands/export.ts',
      'prepare-worker': 'src/seed/prepare-worker.ts',
      'migration-thread': 'src/db/migration-thread.ts',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (existsSync(file.path) && readFileSync(file.path).equals(file.contents)) continue;
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildDist();
  if (!process.argv.includes('--quiet')) {
    console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
  }
}
