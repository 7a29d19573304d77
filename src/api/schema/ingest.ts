import { lookup } from 'node:dns/promises';
import { GraphQLError } from 'graphql';
import { forbiddenRange } from '../../ingest/address-guard.ts';
import type { IngestJob } from '../../seed/jobs.ts';
import type { DocumentReport } from '../../seed/seed.ts';
import { builder, type Context } from '../builder.ts';
import { requireCurator } from '../curators.ts';
import { ErrorCode } from './errors.ts';

// Seeding from a frontend: ingest(urls) queues a job (src/seed/jobs.ts) and answers its id at
// once; job(id) tells its progress, and the job subscription (server-sent events) sends it after
// every change until it finishes. All three need a curation token (src/api/curators.ts). URLs of
// private, loopback and link-local hosts are refused here when their name resolves to one, and
// again by the fetcher at connection time and on every redirect (src/pipeline/address-guard.ts).

const JobState = builder.enumType('IngestJobState', {
  description: 'Where an ingest job stands.',
  values: {
    QUEUED: { description: 'Waiting for the jobs before it.' },
    RUNNING: { description: 'Fetching and storing its sources.' },
    DONE: { description: 'Finished: every source stored, skipped or failed on its own.' },
    FAILED: { description: 'Stopped before the end (see `error`).' },
  } as const,
});

const SourceStatus = builder.enumType('IngestSourceStatus', {
  description: 'What became of one source of an ingest job.',
  values: {
    STORED: { value: 'stored', description: 'Fetched, extracted and stored.' },
    SKIPPED: { value: 'skipped', description: 'Already stored with the same content.' },
    FAILED: { value: 'failed', description: 'Could not be fetched or read (see `error`).' },
    PRUNED: { value: 'pruned', description: 'Removed: its source is gone.' },
    LISTED: { value: 'listed', description: 'A sitemap or feed, whose pages were queued.' },
  } as const,
});

const IngestDocument = builder.objectRef<DocumentReport>('IngestDocument').implement({
  description: 'What became of one source of a job.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'The URL (after redirects).' }),
    status: t.field({
      type: SourceStatus,
      description: 'Stored, skipped (unchanged), failed, or listed (a sitemap or feed).',
      resolve: (report) => report.status,
    }),
    title: t.string({
      nullable: true,
      description: 'The title of the document stored; null unless stored.',
      resolve: (report) => (report.status === 'stored' ? report.title : null),
    }),
    error: t.string({
      nullable: true,
      description: 'Why it failed.',
      resolve: (report) => (report.status === 'failed' ? report.error : null),
    }),
  }),
});

const Job = builder.objectRef<IngestJob>('IngestJob').implement({
  description: 'Documents being fetched and stored for an ingest request.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The job, as `job(id:)` takes it.' }),
    state: t.field({
      type: JobState,
      description: 'Where the job stands.',
      resolve: (job) => job.state,
    }),
    urls: t.exposeStringList('urls', { description: 'The URLs asked for.' }),
    total: t.exposeInt('total', {
      description: 'Sources to go through: the URLs and the pages their sitemaps and feeds list.',
    }),
    done: t.exposeInt('done', { description: 'Sources gone through so far.' }),
    stored: t.exposeInt('stored', { description: 'Documents stored so far.' }),
    skipped: t.exposeInt('skipped', { description: 'Sources already stored unchanged.' }),
    failed: t.exposeInt('failed', { description: 'Sources that could not be fetched or read.' }),
    documents: t.field({
      type: [IngestDocument],
      description: 'What became of each source gone through, in order.',
      resolve: (job) => job.documents,
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why the job stopped.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was asked for.' }),
    finishedAt: t.expose('finishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it finished; null while queued or running.',
    }),
  }),
});

function refused(message: string, url: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.URL_REFUSED, url } });
}

/** The URLs as given, refused with URL_REFUSED when one is not http(s) or names a private host. */
async function checkUrls(urls: string[], allowPrivate: boolean): Promise<string[]> {
  if (urls.length === 0) throw refused('Give at least one URL.', '');
  return Promise.all(
    urls.map(async (text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw refused(`Not a URL: ${text}`, text);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw refused(`Only http and https URLs are fetched: ${text}`, text);
      }
      if (allowPrivate) return url.href;
      // A name that does not resolve now is left to the fetch, which reports it for its URL.
      const addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(
        () => [],
      );
      for (const { address } of addresses) {
        const range = forbiddenRange(address);
        if (range) {
          throw refused(
            `Refused: ${url.hostname} is ${address}, a ${range} address; the server does not fetch from private networks.`,
            text,
          );
        }
      }
      return url.href;
    }),
  );
}

const authorized = (ctx: Context) => requireCurator(ctx.request, ctx.curators).name;

/**
 * The same check for job(id), as a field error rather than an HTTP status: a query may ask for a
 * job beside public fields, whose answers still come (status 200, the code says what was refused).
 */
function authorizedField(ctx: Context): string {
  try {
    return authorized(ctx);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: error.extensions.code } });
  }
}

builder.mutationField('ingest', (t) =>
  t.field({
    type: Job,
    description:
      'Fetches the URLs (pages, PDFs, sitemaps, RSS or Atom feeds) and stores their documents, as `npm run seed -- <urls>` does. Answers at once with the queued job; follow it with job(id).',
    args: {
      urls: t.arg.stringList({
        required: true,
        description: 'http(s) URLs of pages, PDFs, sitemaps or feeds; private hosts are refused.',
      }),
    },
    resolve: async (_root, { urls }, ctx) => {
      authorized(ctx);
      const checked = await checkUrls(urls, ctx.ingest.settings.allowPrivate);
      return ctx.ingest.queue.submit(checked);
    },
  }),
);

builder.queryField('job', (t) =>
  t.field({
    type: Job,
    nullable: true,
    description: 'An ingest job, while the server remembers it (the last 100 finished ones).',
    args: { id: t.arg.id({ required: true, description: 'The id `ingest` answered.' }) },
    resolve: (_root, { id }, ctx) => {
      authorizedField(ctx);
      return ctx.ingest.queue.get(String(id)) ?? null;
    },
  }),
);

builder.subscriptionField('job', (t) =>
  t.field({
    type: Job,
    description: 'An ingest job after every change, until it is DONE or FAILED.',
    args: { id: t.arg.id({ required: true, description: 'The id `ingest` answered.' }) },
    subscribe: (_root, { id }, ctx) => {
      authorizedField(ctx);
      const queue = ctx.ingest.queue;
      const job = queue.get(String(id));
      if (!job)
        throw new GraphQLError(`No job ${id}.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      return follow(job, queue.watch.bind(queue));
    },
    resolve: (job) => job,
  }),
);

/** The job now, then after every change, ending with the change that finishes it. */
async function* follow(
  job: IngestJob,
  watch: (id: string, listener: (job: IngestJob) => void) => () => void,
): AsyncGenerator<IngestJob> {
  const waiting: (() => void)[] = [];
  let changes = 0;
  const stop = watch(job.id, () => {
    changes++;
    for (const wake of waiting.splice(0)) wake();
  });
  try {
    let seen = -1;
    while (true) {
      if (seen !== changes) {
        seen = changes;
        yield { ...job, documents: [...job.documents] };
        if (job.finishedAt !== null) return;
      }
      await new Promise<void>((wake) => waiting.push(wake));
    }
  } finally {
    stop();
  }
}
