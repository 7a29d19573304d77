import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Db } from '../db/client.ts';
import { dataVersion } from '../db/data-version.ts';
import { requestInfoOf } from './access-log.ts';

// The graph is read far more often than it is written, and only seeding writes it: an answer is
// valid until the next commit, from whichever process. So whole HTTP answers are kept, in front
// of Yoga: a POST of JSON to the GraphQL endpoint whose bytes (body, content type, accept,
// origin) were answered before, without errors, since the last commit gets the same bytes back
// without parsing, validating or executing anything. Yoga's own response-cache plugin was
// measured first: its hits still cost ~0.3-0.4 ms of CPU each in Yoga's request pipeline (the
// cost floor's whole answer costs ~0.15), this costs a hash and a write.
//
// When the graph changes:
//   SQLite: `PRAGMA data_version` on a read-only connection of the cache's own changes whenever
//     any other connection, in any process, commits to the file; it is read on every request (a
//     few microseconds), so no request after a commit is answered from before it.
//   PostgreSQL: the version moves when the change notification of src/db/changes.ts arrives
//     (NOTIFY, sent by every graph write as it commits).

export interface ResponseCacheOptions {
  /** The path of the GraphQL endpoint; other paths are never cached. */
  endpoint: string;
  /** Bytes of answers to keep (least recently used go first); 64 MB by default. */
  maxBytes?: number;
  /** Told of every cacheable request: answered from the cache (hit) or computed (miss). */
  onLookup?: (result: 'hit' | 'miss') => void;
  /** Told of a request that failed outside Yoga (reading the body, say); logged by default. */
  onError?: (error: unknown) => void;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Says on every answer the cache looked up whether it was kept from before (`hit`) or computed
 * now (`miss`), so a client or a load test can tell how often the cache saves the work.
 */
export const CACHE_STATUS_HEADER = 'x-response-cache';
/** Larger request bodies go to Yoga untouched (its own size limit then applies). */
const MAX_CACHEABLE_BODY = 16 * 1024;
/** Response headers that belong to one exchange, not to the answer. */
const EXCHANGE_HEADERS = new Set([
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** What the access log says of the request that computed it (src/api/access-log.ts). */
  operation?: string;
  errors: string[];
}

/** Least recently used answers, bounded by the bytes of their bodies. */
function answers(maxBytes: number) {
  const entries = new Map<string, Answer>();
  let bytes = 0;
  return {
    get(key: string) {
      const answer = entries.get(key);
      if (answer) {
        entries.delete(key);
        entries.set(key, answer);
      }
      return answer;
    },
    set(key: string, answer: Answer) {
      if (answer.body.length > maxBytes / 64) return;
      const held = entries.get(key);
      if (held) bytes -= held.body.length;
      entries.set(key, answer);
      bytes += answer.body.length;
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= entry.body.length;
      }
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/** A POST of a small JSON body to the endpoint, asking for JSON (not a stream), without credentials. */
function cacheable(request: IncomingMessage, endpoint: string): boolean {
  if (request.method !== 'POST' || request.url !== endpoint) return false;
  // A request with credentials is a curator's (curation, ingest, jobs): its answer depends on
  // the token (the key leaves headers out), and a write must run every time it is sent.
  if (request.headers.authorization !== undefined) return false;
  if (!/^application\/json\b/i.test(header(request, 'content-type'))) return false;
  const length = Number(request.headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > MAX_CACHEABLE_BODY) return false;
  const accept = header(request, 'accept');
  return !/text\/event-stream|multipart\//i.test(accept);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A GraphQL answer worth keeping: 200, JSON, and no `errors` entry. */
function keepable(answer: Answer): boolean {
  if (answer.status !== 200) return false;
  const type = answer.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
  if (!/json/i.test(type)) return false;
  // Parsing every computed answer only to look for `errors` cost a miss ~80 µs on a 13 kB
  // neighbourhood (this search of its bytes ~7 µs); an answer without them has no such entry.
  if (!answer.body.includes('"errors"')) return true;
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { errors?: unknown };
    return parsed.errors === undefined;
  } catch {
    return false;
  }
}

function send(response: ServerResponse, answer: Answer, status: 'hit' | 'miss') {
  response.statusCode = answer.status;
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.setHeader(CACHE_STATUS_HEADER, status);
  response.setHeader('content-length', answer.body.length);
  response.end(answer.body);
}

export interface CachedApp {
  /** A node:http request listener: cached answers, everything else through `app`. */
  listener: RequestListener;
  close(): Promise<void>;
}

/** The app behind the cache, as a node request listener and as a fetch handler (Yoga is both). */
export interface FetchApp {
  listener: RequestListener;
  /** `serverContext` reaches Yoga's context as it does for node:http (the access log reads it). */
  fetch(
    url: string,
    init: RequestInit,
    serverContext?: { req: IncomingMessage },
  ): Promise<Response>;
}

/**
 * `app` behind the response cache, on the data of `db`. Identical requests arriving while the
 * first is being answered wait for that answer instead of computing it again.
 */
export function withResponseCache(app: FetchApp, db: Db, options: ResponseCacheOptions): CachedApp {
  const version = dataVersion(db);
  const cache = answers(options.maxBytes ?? DEFAULT_MAX_BYTES);
  const pending = new Map<string, Promise<Answer>>();
  let cachedVersion = -1;

  const compute = async (request: IncomingMessage, body: Buffer): Promise<Answer> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(',') : value);
    }
    const response = await app.fetch(
      `http://${header(request, 'host') || 'localhost'}${request.url}`,
      {
        method: 'POST',
        headers,
        body: body.toString('utf8'),
      },
      { req: request },
    );
    const answerHeaders: [string, string][] = [];
    response.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (!EXCHANGE_HEADERS.has(lower)) answerHeaders.push([lower, value]);
    });
    const answerBody = Buffer.from(await response.arrayBuffer());
    const info = requestInfoOf(request);
    return {
      status: response.status,
      headers: answerHeaders,
      body: answerBody,
      operation: info?.operation,
      errors: info?.errors ?? [],
    };
  };

  /** Tells the access log what the answer was for, whoever computed it. */
  const sendAnswer = (response: ServerResponse, answer: Answer, result: 'hit' | 'miss') => {
    options.onLookup?.(result);
    const info = requestInfoOf(response.req);
    if (info) {
      info.cache = result;
      info.operation = answer.operation;
      info.errors = answer.errors;
    }
    send(response, answer, result);
  };

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const now = version.current();
    if (now !== cachedVersion) {
      cache.clear();
      cachedVersion = now;
    }
    const key = createHash('sha256')
      .update(`${now}\u0000${request.url}\u0000`)
      .update(`${header(request, 'content-type')}\u0000${header(request, 'accept')}\u0000`)
      .update(`${header(request, 'origin')}\u0000`)
      .update(body)
      .digest('base64');
    const hit = cache.get(key);
    if (hit) return sendAnswer(response, hit, 'hit');
    let computing = pending.get(key);
    if (!computing) {
      computing = compute(request, body);
      pending.set(key, computing);
      void computing
        .then((fresh) => {
          // Kept only if no commit came in between: the answer may mix both versions.
          if (keepable(fresh) && version.current() === now && cachedVersion === now) {
            cache.set(key, fresh);
          }
        })
        .catch(() => undefined)
        .finally(() => pending.delete(key));
    }
    // A request that waited for an identical one in flight is a miss too: it was not answered
    // from before, and counting it as a hit would flatter the cache under a burst.
    sendAnswer(response, await computing, 'miss');
  };

  return {
    listener(request, response) {
      if (!cacheable(request, options.endpoint)) {
        app.listener(request, response);
        return;
      }
      answer(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.statusCode = 500;
        response.end();
        (options.onError ?? ((e) => console.error('response cache: request failed', e)))(error);
      });
    },
    close: () => version.close(),
  };
}
