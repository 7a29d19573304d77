// Checks the extraction's data files (word lists, cues, weights in ./data) against their JSON
// Schemas (./data/schemas/<file>.schema.json) with Ajv. A broken file stops the process at start-up
// naming the file and the path of every bad value, instead of letting extraction misbehave (a
// weight of "0.9" compared as text, a list turned into a string matched character by character).
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';

// Loaded on the first check only: worker threads, which skip the check (data.ts), do not pay for
// Ajv's ~0.07 s of CPU to load.
const require = createRequire(import.meta.url);

/** A data file and the schema it must follow, by file name (evidence.json). */
export type DataFiles = Record<string, { data: unknown; schema: object }>;

/** Where a data file lives, for messages: relative to the project's root. */
export const dataPath = (file: string) => `src/extract/data/${file}`;
export const schemaPath = (file: string) =>
  `src/extract/data/schemas/${file.replace(/\.json$/, '.schema.json')}`;

export class DataFileError extends Error {
  override name = 'DataFileError';
}

/** The JSON Pointer of the value an error is about: an unexpected property's own path included. */
function pathOf(error: ErrorObject): string {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  const path = extra === undefined ? error.instancePath : `${error.instancePath}/${extra}`;
  return path === '' ? '(the whole file)' : path;
}

function describe(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return allowed ? `${error.message}: ${allowed.join(', ')}` : (error.message ?? 'is not valid');
}

const MAX_LISTED = 10;

/**
 * Checks every file against its schema and throws one DataFileError listing the bad values of
 * all broken files (file, JSON Pointer path, what is wrong), the first ten of each.
 */
export function checkDataFiles(files: DataFiles): void {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true });
  const problems: string[] = [];
  for (const [file, { data, schema }] of Object.entries(files)) {
    const validate = ajv.compile(schema);
    if (validate(data)) continue;
    const errors = validate.errors ?? [];
    const lines = errors.slice(0, MAX_LISTED).map((e) => `  at ${pathOf(e)}: ${describe(e)}`);
    if (errors.length > MAX_LISTED) lines.push(`  … and ${errors.length - MAX_LISTED} more`);
    problems.push(`${dataPath(file)} does not follow ${schemaPath(file)}:\n${lines.join('\n')}`);
  }
  if (problems.length > 0) throw new DataFileError(problems.join('\n'));
}
