import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../db/client.ts';
import type { FetchSettings } from '../ingest/fetch.ts';
import { type DocumentReport, seedSources } from './seed.ts';

// Seeding asked for over GraphQL (the ingest mutation): each request becomes a job with an id,
// queued and run one at a time in the server's process, through the same seedSources as the
// command line, so the graph, its caches and the reports are the same. A job's progress is kept
// in memory for a client to poll (job(id)) or follow (a subscription); the last jobs are kept
// after they finish, older ones forgotten.

export type JobState = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface IngestJob {
  id: string;
  state: JobState;
  urls: string[];
  /** Sources to go through: the URLs, then the pages their sitemaps and feeds list. */
  total: number;
  done: number;
  stored: number;
  skipped: number;
  failed: number;
  /** Each source's report, in order, as they come. */
  documents: DocumentReport[];
  /** Why the job stopped as a whole (FAILED), e.g. the database went away. */
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface IngestSettings {
  /** Fetch from private, loopback and link-local addresses too (INGEST_ALLOW_PRIVATE=on). */
  allowPrivate: boolean;
  /** Finished jobs kept for job(id). */
  keepJobs?: number;
  /** Fetch settings for the tests (short timeouts); the defaults otherwise. */
  fetch?: Partial<FetchSettings>;
}

export function ingestSettings(env: NodeJS.ProcessEnv = process.env): IngestSettings {
  return { allowPrivate: env.INGEST_ALLOW_PRIVATE === 'on' };
}

export interface IngestQueue {
  /** Queues the URLs; returns the job at once. */
  submit(urls: string[]): IngestJob;
  get(id: string): IngestJob | undefined;
  /** Calls `listener` with the job after every change, until the returned function is called. */
  watch(id: string, listener: (job: IngestJob) => void): () => void;
  /** Resolves when every queued job has finished. */
  idle(): Promise<void>;
}

const DEFAULT_KEEP_JOBS = 100;

export function createIngestQueue(db: Db, settings: IngestSettings): IngestQueue {
  const jobs = new Map<string, IngestJob>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let queue = Promise.resolve();
  const changed = (job: IngestJob) => events.emit(job.id, job);

  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.finishedAt !== null);
    const excess = finished.length - (settings.keepJobs ?? DEFAULT_KEEP_JOBS);
    for (const job of finished.slice(0, Math.max(0, excess))) jobs.delete(job.id);
  };

  const run = async (job: IngestJob) => {
    job.state = 'RUNNING';
    changed(job);
    try {
      await seedSources(db, job.urls, {
        fetch: { ...settings.fetch, publicOnly: !settings.allowPrivate },
        onTotal: (total) => {
          job.total = total;
          changed(job);
        },
        onDocument: (report) => {
          job.documents.push(report);
          if (report.status === 'stored' || report.status === 'skipped') job[report.status]++;
          if (report.status === 'failed') job.failed++;
          if (report.status !== 'pruned') job.done++;
          changed(job);
        },
      });
      job.state = 'DONE';
    } catch (error) {
      job.state = 'FAILED';
      job.error = error instanceof Error ? error.message : String(error);
    }
    job.finishedAt = new Date();
    changed(job);
    forgetOld();
  };

  return {
    submit(urls) {
      const job: IngestJob = {
        id: randomUUID(),
        state: 'QUEUED',
        urls,
        total: urls.length,
        done: 0,
        stored: 0,
        skipped: 0,
        failed: 0,
        documents: [],
        error: null,
        createdAt: new Date(),
        finishedAt: null,
      };
      jobs.set(job.id, job);
      queue = queue.then(() => run(job));
      return job;
    },
    get: (id) => jobs.get(id),
    watch(id, listener) {
      events.on(id, listener);
      return () => events.off(id, listener);
    },
    idle: () => queue,
  };
}
