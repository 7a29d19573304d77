import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type YogaLogger } from 'graphql-yoga';
import { expect } from 'vitest';
import type { SecuritySettings } from '../../src/api/security.ts';
import { createApp } from '../../src/api/yoga.ts';
import { seedDirectory } from '../../src/seed/seed.ts';
import { createTestDatabase } from './api-fixture.ts';
import { DEV_CORPUS } from './dev-corpus.ts';

/** The development corpus: real documents. */
export { DEV_CORPUS };

/** A test database holding the dev corpus, seeded as `npm run seed` would. */
export async function seededDatabase() {
  const database = await createTestDatabase();
  const documents = readdirSync(DEV_CORPUS).filter((file) => /\.(txt|html?|md)$/.test(file));
  const report = await seedDirectory(database.db, DEV_CORPUS);
  expect(report.stored).toBe(documents.length);
  return database;
}

/** A logger that keeps what the server logs as errors, and says nothing. */
export function recordingLogger() {
  const errors: unknown[] = [];
  const logger: YogaLogger = {
    ...createLogger('silent'),
    error: (...args) => errors.push(...args),
  };
  return { logger, errors };
}

type App = ReturnType<typeof createApp>;

/**
 * The app on a real socket on the loopback interface, as server.ts serves it: the tests that
 * need HTTP itself (status lines, headers, bodies larger than a buffer) go through this.
 */
export async function listen(app: App) {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An app with `security` settings (the environment's when absent) and a silent logger. */
export function appWith(
  db: Parameters<typeof createApp>[0]['db'],
  security?: SecuritySettings,
  logger: YogaLogger = createLogger('silent'),
) {
  return createApp({ db, logger, security, corsOrigins: '*' });
}
