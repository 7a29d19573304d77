import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../src/extract/data.ts';
import { checkDataFiles, DataFileError } from '../../src/extract/data-check.ts';

// Word lists, cues and weights are data (src/extract/data), each checked against a JSON Schema
// when loaded: a broken file stops start-up naming the file and the path of the bad value.

const dataDir = join(import.meta.dirname, '../../src/extract/data');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const onDisk = readdirSync(dataDir).filter((f) => f.endsWith('.json'));

/** The files as loaded, with one replaced by a broken copy. */
function withCopy(file: string, change: (data: Record<string, unknown>) => void) {
  const copy = structuredClone(read(join(dataDir, file)));
  change(copy);
  return { [file]: { ...DATA_FILES[file]!, data: copy } };
}

function failure(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as Error).message;
  }
  throw new Error('expected the check to fail');
}

describe('the extraction data files', () => {
  it('each have a strict schema, are all loaded through it, and follow it', () => {
    expect(onDisk.length).toBeGreaterThan(0);
    expect(Object.keys(DATA_FILES).sort()).toEqual([...onDisk].sort());
    for (const file of onDisk) {
      const schemaFile = join(dataDir, 'schemas', file.replace(/\.json$/, '.schema.json'));
      expect(existsSync(schemaFile), `${file} has no schema`).toBe(true);
      const schema = read(schemaFile);
      expect(schema.additionalProperties, `${file}: schema not strict`).toBe(false);
      // What is loaded is the file on disk, checked against the schema on disk.
      expect(DATA_FILES[file]!.data).toEqual(read(join(dataDir, file)));
      expect(DATA_FILES[file]!.schema).toEqual(schema);
    }
    expect(() => checkDataFiles(DATA_FILES)).not.toThrow();
  });

  it('refuse a weight outside 0…1, naming the file and the path of the value', () => {
    const message = failure(() =>
      checkDataFiles(
        withCopy('evidence.json', (d) => {
          (d.weights as Record<string, unknown>).pattern = 1.5;
        }),
      ),
    );
    expect(message).toContain(
      'src/extract/data/evidence.json does not follow src/extract/data/schemas/evidence.schema.json',
    );
    expect(message).toContain('at /weights/pattern: must be <= 1');
  });

  it('refuse a weight written as text, an empty word and an unknown key, listing each', () => {
    const evidence = failure(() =>
      checkDataFiles(
        withCopy('evidence.json', (d) => {
          (d.weights as Record<string, unknown>).legal_form = '0.9';
        }),
      ),
    );
    expect(evidence).toContain('at /weights/legal_form: must be number');

    const roles = failure(() =>
      checkDataFiles(
        withCopy('roles.json', (d) => {
          (d.titles as string[])[3] = '';
          d.titel = ['行长'];
        }),
      ),
    );
    expect(roles).toContain('src/extract/data/roles.json');
    expect(roles).toContain('at /titles/3: must NOT have fewer than 1 characters');
    expect(roles).toContain('at /titel: must NOT have additional properties');
  });

  it('refuse an institution kind the code does not know, deep in a list', () => {
    const message = failure(() =>
      checkDataFiles(
        withCopy('known-institutions.json', (d) => {
          (d.institutions as { kind: string }[])[2]!.kind = 'bnak';
        }),
      ),
    );
    expect(message).toContain(
      'at /institutions/2/kind: must be equal to one of the allowed values',
    );
    expect(message).toContain('bank');
  });

  it('refuse a challenge cue whose scope is misspelt', () => {
    const message = failure(() =>
      checkDataFiles(
        withCopy('challenges.json', (d) => {
          const kinds = d.challenges as { cues?: { scope?: string }[] }[];
          const at = kinds.findIndex((k) => (k.cues?.length ?? 0) > 0);
          kinds[at]!.cues![0]!.scope = 'sentense';
        }),
      ),
    );
    expect(message).toMatch(/at \/challenges\/\d+\/cues\/0\/scope: must be equal to one of/);
  });
});
