import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../db/client.ts';
import { prepareDatabase } from '../db/prepare-database.ts';
import { exportOf, FORMATS, isFormat, zipOf } from '../graph/export/export.ts';
import { loadConfig } from '../runtime/config.ts';

// npm run export -- --format <graphml|neo4j|jsonld|jsonl> [--out file]
// Writes the graph of DATABASE_URL to the file, or to stdout. neo4j writes several files: into
// the folder --out names (a zip if it ends in .zip), or a zip to stdout.

const USAGE = `usage: npm run export -- --format <${FORMATS.join('|')}> [--out file]`;

async function main(): Promise<number> {
  let values: { format?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (!values.format || !isFormat(values.format)) {
    console.error(values.format ? `unknown format ${values.format}\n${USAGE}` : USAGE);
    return 2;
  }
  const { databaseUrl } = loadConfig();
  const db = createPrismaClient(databaseUrl);
  try {
    await prepareDatabase(db, databaseUrl);
    const exported = exportOf(db, values.format);
    const out = values.out;
    const sink = (path?: string): Writable => (path ? createWriteStream(path) : process.stdout);
    if (exported.kind === 'file') {
      await pipeline(Readable.from(exported.chunks()), sink(out));
    } else if (out && !out.endsWith('.zip')) {
      mkdirSync(out, { recursive: true });
      for (const file of exported.files) {
        await pipeline(Readable.from(file.chunks()), createWriteStream(join(out, file.name)));
      }
    } else {
      await pipeline(zipOf(exported.files), sink(out));
    }
    if (out) console.error(`exported ${values.format} to ${out}`);
    return 0;
  } catch (error) {
    console.error(`export failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
