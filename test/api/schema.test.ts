import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/api/schema/index.ts';
import { printSortedSchema } from '../../src/api/schema/print.ts';

describe('schema.graphql', () => {
  it('is the printed schema: run `npm run schema:print` after changing the API', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../schema.graphql'), 'utf8');
    expect(printSortedSchema(schema)).toBe(committed);
  });
});
