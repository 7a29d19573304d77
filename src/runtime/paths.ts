import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Files the code reads at run time (Prisma schemas, migrations, the explorer's page) are found
// from the project's root, not from the module's own folder: the same code runs from src/ (tsx,
// tests) and bundled into dist/ (npm run build), at different depths.

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`no project root (package.json, prisma/) above ${from}`);
  }
}

/** The folder holding package.json and prisma/. */
export const projectRoot = findRoot(import.meta.dirname);
