import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

// The peer: PostGraphile 4 on the copied tables, as its documentation sets it up for
// production (no query log, no GraphiQL, no schema watching, read-only), answering POST
// /graphql; GET /ready says it has introspected the database and can answer.
//
//   node --import tsx bench/postgres/postgraphile-server.ts <postgres url> [port]

const [url, port = '0'] = process.argv.slice(2);
if (!url) throw new Error('usage: bench/postgres/postgraphile-server.ts <postgres url> [port]');

// PostGraphile 4 and graphile-build-pg bring graphql 15 in nested node_modules, while
// graphile-build resolves the project's graphql 16: types from two copies ("from another
// module or realm"). Every require of graphql in this process goes to PostGraphile's copy.
const require = createRequire(import.meta.url);
const graphql15 = dirname(require.resolve('postgraphile/package.json'));
const resolver = Module as unknown as {
  _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
};
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = (request, parent, ...rest) =>
  request === 'graphql' || request.startsWith('graphql/')
    ? resolveFilename(request, { paths: [`${graphql15}/node_modules`] } as unknown, ...rest)
    : resolveFilename(request, parent, ...rest);
const { postgraphile } = require('postgraphile') as typeof import('postgraphile');

const middleware = postgraphile(url, 'public', {
  graphqlRoute: '/graphql',
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  disableDefaultMutations: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  dynamicJson: true,
  retryOnInitFail: false,
});

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/ready') {
    // Answers once the schema is built: a trivial query goes through the whole handler.
    void middleware
      .getGraphQLSchema()
      .then(() => response.end('ok'))
      .catch((error: unknown) => {
        response.statusCode = 503;
        response.end(String(error));
      });
    return;
  }
  void middleware(request, response);
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`postgraphile listening on ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
