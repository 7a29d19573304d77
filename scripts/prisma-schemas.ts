// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (run by `npm run generate`
// before `prisma generate`, which reads both).
import { writeFileSync } from 'node:fs';
import { prismaPaths, schemaText } from '../src/db/schemas.ts';

writeFileSync(prismaPaths.postgresql.schema, schemaText('postgresql'));
