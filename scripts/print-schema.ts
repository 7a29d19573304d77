// Writes schema.graphql, the committed, sorted print of the API, so a change to the API shows
// in review (test/api/schema.test.ts fails while the file is out of date).
//   npm run schema:print
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { schema } from '../src/api/schema/index.ts';
import { printSortedSchema } from '../src/api/schema/print.ts';

const target = resolve(import.meta.dirname, '../schema.graphql');
writeFileSync(target, printSortedSchema(schema));
console.log(`wrote ${target}`);
