import { Repeater } from 'graphql-yoga';
import { onDataChanged } from '../db/changes.ts';
import type { Db } from '../db/client.ts';

// What a seed changed, as the server sees it. Seeds run in other processes; the server hears
// that the graph changed from src/db/changes.ts (SQLite's data version, PostgreSQL's NOTIFY) and
// works out what changed by comparing the documents (id and content hash) and the entity counts
// with those it saw last. A seed that commits in several batches is announced once per batch
// the server sees, each with its own changes.

export interface GraphCounts {
  documents: number;
  people: number;
  institutions: number;
  models: number;
  challenges: number;
}

export interface GraphChange {
  /** When the server noticed the change. */
  at: Date;
  /** Document ids seeded for the first time, changed (replaced by new content), removed. */
  added: number[];
  changed: number[];
  removed: number[];
  counts: GraphCounts;
}

interface Snapshot {
  hashes: Map<number, string>;
  counts: GraphCounts;
}

async function snapshot(db: Db): Promise<Snapshot> {
  const [documents, people, institutions, models, challenges] = await Promise.all([
    db.document.findMany({ select: { id: true, contentHash: true } }),
    db.person.count(),
    db.institution.count(),
    db.model.count(),
    db.challenge.count(),
  ]);
  return {
    hashes: new Map(documents.map((d) => [d.id, d.contentHash])),
    counts: { documents: documents.length, people, institutions, models, challenges },
  };
}

function difference(before: Snapshot, after: Snapshot): GraphChange | null {
  const added: number[] = [];
  const changed: number[] = [];
  for (const [id, hash] of after.hashes) {
    const old = before.hashes.get(id);
    if (old === undefined) added.push(id);
    else if (old !== hash) changed.push(id);
  }
  const removed = [...before.hashes.keys()].filter((id) => !after.hashes.has(id));
  const countsMoved = (Object.keys(after.counts) as (keyof GraphCounts)[]).some(
    (key) => after.counts[key] !== before.counts[key],
  );
  if (!added.length && !changed.length && !removed.length && !countsMoved) return null;
  return { at: new Date(), added, changed, removed, counts: after.counts };
}

export interface GraphChanges {
  /** The changes from now on, until the iteration is ended (the client goes away). */
  subscribe(): AsyncIterable<GraphChange>;
  close(): Promise<void>;
}

/**
 * The changes of the graph behind `db`, for subscriptions. The database is watched only while
 * someone listens: the first subscriber takes the snapshot the next change is compared with.
 */
export function graphChanges(db: Db): GraphChanges {
  const listeners = new Set<(change: GraphChange) => void>();
  let watching: { stop: () => Promise<void> } | null = null;

  const start = () => {
    let last: Promise<Snapshot | null> = snapshot(db).catch(() => null);
    const subscription = onDataChanged(db, () => {
      // One comparison at a time, each with the snapshot the previous one took.
      last = last.then(async (before) => {
        try {
          const after = await snapshot(db);
          const change = before ? difference(before, after) : null;
          if (change) for (const listener of [...listeners]) listener(change);
          return after;
        } catch (error) {
          console.error('graph changes: could not read the graph', error);
          return before;
        }
      });
    });
    return {
      ready: Promise.all([subscription.ready, last]).then(() => undefined),
      stop: () => subscription.close(),
    };
  };

  return {
    subscribe() {
      return new Repeater<GraphChange>(async (push, stop) => {
        const listener = (change: GraphChange) => void push(change);
        listeners.add(listener);
        if (!watching) {
          const started = start();
          watching = started;
          await started.ready;
        }
        await stop;
        listeners.delete(listener);
        if (listeners.size === 0 && watching) {
          const { stop: end } = watching;
          watching = null;
          await end();
        }
      });
    },
    async close() {
      listeners.clear();
      await watching?.stop();
      watching = null;
    },
  };
}
