import { createLogger, type YogaLogger } from 'graphql-yoga';
import { createApp } from '../../src/api/yoga.ts';
import type { Db } from '../../src/db/client.ts';

/** A migrated database of the run's kind (SQLite or PostgreSQL) and the client on it. */
export { createTestDatabase } from './database.ts';

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
