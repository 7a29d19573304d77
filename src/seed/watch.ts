import { type FSWatcher, watch } from 'chokidar';
import type { Db } from '../db/client.ts';
import { type SeedOptions, type SeedReport, seedDirectory } from './seed.ts';

// `npm run seed -- <folder> --watch`: the graph follows the folder. Every burst of changes (an
// editor's save, a copy of many files) is waited out, then the folder is seeded again with
// --prune: the same idempotent path as any seed, where unchanged files are skipped on their
// hash, changed ones replaced and removed ones pruned, so no change can be missed or applied
// twice however the events arrive. chokidar rather than fs.watch: fs.watch's recursive mode on
// Linux is young in Node 20, reports renames as bare 'rename' events and fires mid-write;
// chokidar normalises events across platforms and waits until a file stops growing
// (awaitWriteFinish). A running server hears each write as after any seed (src/db/changes.ts).

export interface WatchOptions extends Omit<SeedOptions, 'prune'> {
  /** Quiet time after the last change before seeding (ms). */
  debounceMs?: number;
  /** Told of each seed's report (the first is the initial seed). */
  onSeed?: (report: SeedReport) => void;
  /** Told of a seed that failed as a whole (the folder vanished). */
  onError?: (error: unknown) => void;
}

export interface FolderWatch {
  /** Resolves once the initial seed is done and changes are being watched. */
  ready: Promise<void>;
  /** Resolves after the seed under way, if any, and any change waiting for one, are done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Seeds `dir` now and again after every burst of changes, until closed. */
export function watchFolder(db: Db, dir: string, options: WatchOptions = {}): FolderWatch {
  const { debounceMs = 300, onSeed, onError, ...seedOptions } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let closed = false;

  const seed = () => {
    pending = false;
    running = running.then(async () => {
      if (closed) return;
      try {
        onSeed?.(await seedDirectory(db, dir, { ...seedOptions, prune: true }));
      } catch (error) {
        onError?.(error);
      }
    });
    return running;
  };
  const changed = () => {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(seed, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  const ready = seed().then(
    () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        watcher = watch(dir, {
          ignoreInitial: true,
          // Hidden files and folders (.git, editors' swap files) are not documents.
          ignored: (path) => /(^|[/\\])\.[^/\\]/.test(path.slice(dir.length)),
          awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 },
        });
        watcher.on('all', changed);
        watcher.on('ready', () => resolve());
      }),
  );

  return {
    ready,
    async settled() {
      await ready;
      if (pending) {
        clearTimeout(timer);
        await seed();
      }
      await running;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher?.close();
      await running;
    },
  };
}
