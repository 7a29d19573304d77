import pLimit, { type LimitFunction } from 'p-limit';
import robotsParser from 'robots-parser';
import { Agent, type Dispatcher, request } from 'undici';
import type { Validators } from '../domain/document.ts';
import { assertPublicLiteral, ForbiddenAddressError, publicOnlyLookup } from './address-guard.ts';
import { DEFAULT_MAX_BYTES } from './read.ts';

// The read step for a URL: one page's bytes over HTTP, as a polite crawler gets them. A bounded
// number of requests per host at a time (p-limit), robots.txt obeyed (robots-parser: the
// grammar of RFC 9309 with its wildcards and longest-match rule is easy to get subtly wrong by
// hand), a timeout, a size limit enforced while the body streams in, retries with backoff on
// 429 and 5xx (Retry-After honoured), redirects followed by hand to a bound so that each hop is
// checked (robots, private addresses), and conditional requests: a page stored with an ETag or
// Last-Modified is asked for with If-None-Match / If-Modified-Since and answers 304 when it
// has not changed. HTTP is undici, the client inside Node's own fetch, used directly because
// its Agent takes the DNS lookup of every connection (src/pipeline/address-guard.ts).

export interface FetchSettings {
  /** Milliseconds for connecting, for the headers, and between two chunks of the body. */
  timeoutMs: number;
  /** Larger bodies are refused (from Content-Length, else while streaming). */
  maxBytes: number;
  maxRedirects: number;
  /** Retries after a 429, a 5xx or a dropped connection. */
  retries: number;
  /** The first retry waits this long, each further one twice as long (unless Retry-After). */
  retryBaseMs: number;
  /** Requests at once to one host. */
  perHost: number;
  userAgent: string;
  /** Refuse hosts that are or resolve to private, loopback, link-local addresses (SSRF). */
  publicOnly: boolean;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  timeoutMs: 20_000,
  maxBytes: DEFAULT_MAX_BYTES,
  maxRedirects: 5,
  retries: 3,
  retryBaseMs: 500,
  perHost: 2,
  userAgent: 'kg-finance',
  publicOnly: false,
};

/** The longest a Retry-After is waited for; a server asking for more is retried then anyway. */
const MAX_RETRY_AFTER_MS = 30_000;
const ROBOTS_MAX_BYTES = 512 * 1024;

export type Fetched =
  | {
      status: 'fetched';
      /** The URL after redirects: the document's source. */
      url: string;
      /** The Content-Type header's media type, lower case, and its charset parameter. */
      mediaType: string | null;
      charset: string | null;
      bytes: Buffer;
      validators: Validators;
    }
  /** The stored version of `url` is current (HTTP 304). */
  | { status: 'not-modified'; url: string };

/** A URL that could not be fetched, with the reason in words. */
export class FetchError extends Error {
  readonly url: string;

  constructor(url: string, reason: string) {
    super(reason);
    this.name = 'FetchError';
    this.url = url;
  }
}

export interface Fetcher {
  /**
   * Fetches `url`, following redirects; `known` gives the validators stored for a URL (asked
   * for every hop, so a page that moved is still asked for conditionally). Throws FetchError.
   */
  fetch(url: string, known?: (url: string) => Validators | undefined): Promise<Fetched>;
  close(): Promise<void>;
}

/** `text/html; charset=GBK` → text/html and gbk. */
export function parseContentType(value: string | null | undefined): {
  mediaType: string | null;
  charset: string | null;
} {
  if (!value) return { mediaType: null, charset: null };
  const [type, ...params] = value.split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { mediaType: type?.trim().toLowerCase() || null, charset: charset?.toLowerCase() ?? null };
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

/** The reason behind a failed request, in words: undici wraps the system's error in `cause`. */
function failure(error: unknown, timeoutMs: number): { reason: string; retry: boolean } {
  for (let e = error; e instanceof Error; e = e.cause as unknown) {
    if (e instanceof ForbiddenAddressError || e instanceof FetchError) {
      return { reason: e.message, retry: false };
    }
    const code = 'code' in e ? String(e.code) : '';
    if (
      e.name === 'TimeoutError' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT'
    )
      return { reason: `timed out after ${timeoutMs / 1000} s`, retry: false };
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
      return { reason: `unreachable: no connection within ${timeoutMs / 1000} s`, retry: false };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return { reason: `unreachable: host not found (${code})`, retry: false };
    if (code === 'ECONNREFUSED') return { reason: 'unreachable: connection refused', retry: false };
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
      return { reason: `unreachable: ${code}`, retry: false };
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
      return { reason: `connection lost (${code})`, retry: true };
  }
  return { reason: error instanceof Error ? error.message : String(error), retry: false };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a 429 or 503 asks to wait (seconds or an HTTP date), if it says. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : null;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

type Robots = { allowed: (url: string) => boolean; reason: string };

export function createFetcher(overrides: Partial<FetchSettings> = {}): Fetcher {
  const settings = { ...DEFAULT_FETCH_SETTINGS, ...overrides };
  const dispatcher: Dispatcher = new Agent({
    connect: {
      timeout: settings.timeoutMs,
      ...(settings.publicOnly ? { lookup: publicOnlyLookup } : {}),
    },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  const limits = new Map<string, LimitFunction>();
  const robots = new Map<string, Promise<Robots>>();
  const limitOf = (url: URL) => {
    let limit = limits.get(url.host);
    if (!limit) {
      limit = pLimit(settings.perHost);
      limits.set(url.host, limit);
    }
    return limit;
  };

  /** One request, its body read up to the size limit, retried on 429, 5xx and lost connections. */
  const get = async (url: URL, headers: Record<string, string>, maxBytes: number) => {
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        answer = await limitOf(url)(() => once(url, headers, maxBytes));
      } catch (error) {
        const { reason, retry } = failure(error, settings.timeoutMs);
        if (!retry || attempt >= settings.retries) throw new FetchError(url.href, reason);
        await sleep(settings.retryBaseMs * 2 ** attempt);
        continue;
      }
      const retriable = answer.status === 429 || answer.status >= 500;
      if (!retriable || attempt >= settings.retries) return answer;
      await sleep(
        retryAfterMs(header(answer.headers, 'retry-after')) ?? settings.retryBaseMs * 2 ** attempt,
      );
    }
  };

  const once = async (
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<Answer> => {
    if (settings.publicOnly) assertPublicLiteral(url.hostname);
    const response = await request(url, {
      dispatcher,
      method: 'GET',
      headers: { 'user-agent': settings.userAgent, accept: '*/*', ...headers },
      signal: AbortSignal.timeout(settings.timeoutMs * 3),
    });
    const declared = Number(header(response.headers, 'content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      response.body.destroy();
      throw new FetchError(url.href, `too large: ${declared} bytes (the limit is ${maxBytes})`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new FetchError(url.href, `too large: more than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) };
  };

  // RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be had
  // (5xx) forbids everything, for now. Redirects are followed, a few.
  const robotsOf = (origin: string): Promise<Robots> => {
    let known = robots.get(origin);
    if (!known) {
      known = (async () => {
        let url = new URL('/robots.txt', origin);
        for (let hop = 0; hop <= settings.maxRedirects; hop++) {
          const answer = await get(url, {}, ROBOTS_MAX_BYTES);
          const location = header(answer.headers, 'location');
          if (answer.status >= 300 && answer.status < 400 && location) {
            url = new URL(location, url);
            continue;
          }
          if (answer.status >= 500)
            return { allowed: () => false, reason: `robots.txt answered ${answer.status}` };
          if (answer.status >= 400) break;
          const parsed = robotsParser(url.href, answer.body.toString('utf8'));
          return {
            allowed: (page) => parsed.isAllowed(page, settings.userAgent) !== false,
            reason: 'disallowed by robots.txt',
          };
        }
        return { allowed: () => true, reason: '' };
      })();
      robots.set(origin, known);
    }
    return known;
  };

  return {
    async fetch(address, known) {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        throw new FetchError(address, 'not a URL');
      }
      for (let hop = 0; hop <= settings.maxRedirects; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          throw new FetchError(url.href, `not fetched: ${url.protocol} URLs are not supported`);
        }
        url.hash = '';
        try {
          const rules = await robotsOf(url.origin);
          if (!rules.allowed(url.href)) throw new FetchError(url.href, rules.reason);
        } catch (error) {
          throw new FetchError(url.href, failure(error, settings.timeoutMs).reason);
        }
        const stored = known?.(url.href);
        const conditional: Record<string, string> = {};
        if (stored?.etag) conditional['if-none-match'] = stored.etag;
        if (stored?.lastModified) conditional['if-modified-since'] = stored.lastModified;
        const answer = await get(url, conditional, settings.maxBytes);
        const location = header(answer.headers, 'location');
        if (answer.status >= 300 && answer.status < 400 && answer.status !== 304 && location) {
          url = new URL(location, url);
          continue;
        }
        if (answer.status === 304) return { status: 'not-modified', url: url.href };
        if (answer.status >= 400 || answer.status < 200) {
          throw new FetchError(url.href, `HTTP ${answer.status}`);
        }
        return {
          status: 'fetched',
          url: url.href,
          ...parseContentType(header(answer.headers, 'content-type')),
          bytes: answer.body,
          validators: {
            etag: header(answer.headers, 'etag'),
            lastModified: header(answer.headers, 'last-modified'),
          },
        };
      }
      throw new FetchError(address, `too many redirects (more than ${settings.maxRedirects})`);
    },
    close: () => dispatcher.close(),
  };
}
