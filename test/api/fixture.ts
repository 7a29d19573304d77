import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type YogaLogger } from 'graphql-yoga';
import { createPrismaClient, type Db } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createApp } from '../../src/yoga.ts';

/** A migrated SQLite database in its own temp folder, and the client on it. */
export async function createTestDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'kg-api-'));
  const url = `file:${join(dir, 'kg.db')}`;
  await migrate(url);
  const db = createPrismaClient(url);
  return {
    db,
    url,
    async drop() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The app on `db`, silent, with every Prisma call the schema makes recorded in `prismaCalls`
 * ("Person.findMany"), and a helper that posts one operation and returns its JSON.
 */
export function createTestApp(db: Db, logger: YogaLogger = createLogger('silent')) {
  const prismaCalls: string[] = [];
  const app = createApp({
    db,
    logger,
    onPrismaCall: (call) => prismaCalls.push(`${call.model}.${call.operation}`),
  });
  async function graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ) {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: T | null;
      errors?: {
        message: string;
        path?: (string | number)[];
        extensions?: Record<string, unknown>;
      }[];
    };
    return { status: response.status, ...body };
  }
  return { app, graphql, prismaCalls };
}
