import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) copies. Node, and so tsx and every
    // package in node_modules, loads the CommonJS one; Vite's resolver would hand test-transformed
    // files the ESM one, and a GraphQLError or type from one copy is foreign to the other.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites start servers and databases of their own; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
