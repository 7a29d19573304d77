import type { Db } from './client.ts';

/** One call made through a Prisma model delegate: `Person.findMany`. */
export interface PrismaCall {
  model: string;
  operation: string;
}

/**
 * Told of a call before it runs; a listener that returns a function is also told how long the
 * call took (seconds), once it has.
 */
export type PrismaCallListener = (call: PrismaCall) => unknown;

/** Runs `query` for `call`, telling `listener` of it (and of its duration, if it asks). */
export async function observed<T>(
  listener: PrismaCallListener,
  call: PrismaCall,
  query: () => Promise<T>,
): Promise<T> {
  const done = listener(call);
  if (typeof done !== 'function') return query();
  const started = performance.now();
  try {
    return await query();
  } finally {
    done((performance.now() - started) / 1000);
  }
}

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
          return observed(listener, { model, operation }, () => query(args));
        },
      },
    },
  });
}

/** A client wrapped by observePrismaCalls. */
export type ObservedDb = ReturnType<typeof observePrismaCalls>;
