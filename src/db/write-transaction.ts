import type { Prisma } from '../generated/prisma/client.ts';
import { announceLocalChange, CHANGE_CHANNEL } from './changes.ts';
import { type Db, dialectOfClient } from './client.ts';
import { GRAPH_WRITE_LOCK } from './postgres-locks.ts';

// Every write to the graph (persisting a batch, removing documents) goes through one of these
// transactions. Entity resolution reads the graph and then adds to it, so two writers that
// interleave would each create the same new institution. SQLite lets one writer in at a time;
// on PostgreSQL each such transaction first takes a transaction-scoped advisory lock, so writers
// from any number of processes take turns and each sees what the previous one committed (READ
// COMMITTED: every statement after the lock sees those commits). Readers are never blocked.
//
// A committed write is announced (src/db/changes.ts): on PostgreSQL by a NOTIFY sent in the
// transaction, which the server delivers to every listening process exactly when it commits.

type Tx = Prisma.TransactionClient;

export interface WriteOptions {
  /** How long the transaction may run, waiting for the lock included (ms). */
  timeoutMs: number;
}

/**
 * Runs `write` in a transaction that no other graph write interleaves with, and tells every
 * process watching the database (onDataChanged) once it has committed.
 */
export async function graphWriteTransaction<T>(
  db: Db,
  write: (tx: Tx) => Promise<T>,
  { timeoutMs }: WriteOptions,
): Promise<T> {
  const postgres = dialectOfClient(db) === 'postgresql';
  const result = await db.$transaction(
    async (tx) => {
      if (postgres)
        await tx.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(${GRAPH_WRITE_LOCK})`);
      const written = await write(tx);
      if (postgres) {
        await tx.$queryRawUnsafe(`SELECT 1 FROM pg_notify('${CHANGE_CHANNEL}', current_schema())`);
      }
      return written;
    },
    { timeout: timeoutMs, maxWait: timeoutMs },
  );
  announceLocalChange(db);
  return result;
}
