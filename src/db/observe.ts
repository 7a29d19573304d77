import type { Db } from './client.ts';

/** One call made through a Prisma model delegate: `Person.findMany`. */
export interface PrismaCall {
  model: string;
  operation: string;
}

export type PrismaCallListener = (call: PrismaCall) => void;

/**
 * `db` with `listener` told of every model call it makes, before it runs. The GraphQL server
 * reads through such a client: it logs calls at debug level, and tests count them to catch
 * N+1 regressions. Built with a Prisma query extension, so the models, arguments and results
 * keep their types and the wrapped client shares the original's connection.
 */
export function observePrismaCalls(db: Db, listener: PrismaCallListener) {
  return db.$extends({
    name: 'observe-prisma-calls',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          listener({ model, operation });
          return query(args);
        },
      },
    },
  });
}

/** A client wrapped by observePrismaCalls. */
export type ObservedDb = ReturnType<typeof observePrismaCalls>;
