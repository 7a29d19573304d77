import { type ExecutionArgs, type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// A query reads the graph with several SELECTs (people, then their mentions, then the documents
// of those), and a seed that prunes documents can commit between two of them: the mention was
// read, its document is gone, and a field the schema promises (Mention.document) comes back
// null. The foreign keys make that state impossible in any one snapshot, so such a null means
// the rows moved under the request: the query is computed again, with fresh loaders, and the
// next computation reads the database after the prune. Mutations are never repeated.
// (A read transaction per request would give one snapshot instead, but on SQLite the driver
// adapter has one connection, and a transaction held across a request's awaits would take in
// the queries and writes of every other request.)

const ATTEMPTS = 3;
const VANISHED_ROW = /^Cannot return null for non-nullable field /;

function sawRowsMove(result: unknown): boolean {
  const errors = (result as ExecutionResult | undefined)?.errors ?? [];
  return errors.some((error) => VANISHED_ROW.test(error.message));
}

/** Computes a query again when rows it had read vanished before it finished (see above). */
export function useConsistentReads(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        let result = await executeFn(args);
        if (getOperationAST(args.document, args.operationName)?.operation !== 'query')
          return result;
        for (let attempt = 1; attempt < ATTEMPTS && sawRowsMove(result); attempt++) {
          // A new context object: the loaders that cached what moved are not reused.
          const context = args.contextValue as Record<string, unknown>;
          result = await executeFn({ ...args, contextValue: { ...context, loaders: new Map() } });
        }
        return result;
      });
    },
  };
}
