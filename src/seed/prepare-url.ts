import { performance } from 'node:perf_hooks';
import type { Db } from '../db/client.ts';
import type { RawDocument, Validators } from '../domain/document.ts';
import { type FeedKind, isFeedCandidate, parseFeed } from '../ingest/feeds.ts';
import type { Fetcher } from '../ingest/fetch.ts';
import { errorMessage as message } from './error-message.ts';
import type { FileOutcome } from './prepare-file.ts';
import { formatOfAnswer } from './sources.ts';
import { emptyTimings, type StepTimings } from './steps.ts';

// Seeding a URL: a conditional request with the validators stored for it, a feed or sitemap
// listed for the seed to follow, or a page prepared like a file.

/** What preparing one source came to: a document outcome under its source, or a list of URLs. */
export type ItemOutcome =
  | (FileOutcome & { source: string; validators?: Validators })
  | { status: 'listed'; source: string; kind: FeedKind; urls: string[]; timings: StepTimings };

export interface UrlContext {
  fetcher: Fetcher;
  /** The validators stored for each source, for conditional requests. */
  validators: Map<string, Validators>;
  /** Fetch without validators: every page is downloaded again. */
  force?: boolean;
  prepareRaw: (raw: RawDocument) => Promise<FileOutcome>;
}

export async function fetchAndPrepare(
  url: string,
  { fetcher, validators, force, prepareRaw }: UrlContext,
): Promise<ItemOutcome> {
  const fetchStarted = performance.now();
  const spent = () => ({ ...emptyTimings(), read: performance.now() - fetchStarted });
  try {
    const fetched = await fetcher.fetch(url, (u) => (force ? undefined : validators.get(u)));
    if (fetched.status === 'not-modified') {
      return { status: 'skipped', source: fetched.url, timings: spent() };
    }
    if (isFeedCandidate(fetched.mediaType, fetched.url, fetched.bytes)) {
      const feed = parseFeed(fetched.bytes, fetched.charset, fetched.url);
      return { status: 'listed', source: fetched.url, ...feed, timings: spent() };
    }
    const format = formatOfAnswer(fetched.mediaType, fetched.url, fetched.bytes);
    if (!format) {
      return {
        status: 'failed',
        source: fetched.url,
        error: `not a document: ${fetched.mediaType}`,
        timings: spent(),
      };
    }
    const readMs = performance.now() - fetchStarted;
    const outcome = await prepareRaw({
      source: fetched.url,
      format,
      bytes: fetched.bytes,
      ...(fetched.charset ? { charset: fetched.charset } : {}),
      validators: fetched.validators,
    });
    outcome.timings.read += readMs;
    return { ...outcome, source: fetched.url, validators: fetched.validators };
  } catch (error) {
    return { status: 'failed', source: url, error: message(error), timings: spent() };
  }
}

/**
 * A page skipped as unchanged by its hash may come with new validators (the server's ETag
 * changed, its bytes did not): they are stored, so the next seed's request can be answered 304.
 */
export async function keepValidators(
  db: Db,
  source: string,
  fresh: Validators | undefined,
  known: Map<string, Validators>,
): Promise<void> {
  if (!fresh || (fresh.etag === null && fresh.lastModified === null)) return;
  const old = known.get(source);
  if (old?.etag === fresh.etag && old?.lastModified === fresh.lastModified) return;
  await db.document.updateMany({ where: { source }, data: fresh });
  known.set(source, fresh);
}
