import { createHash, randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { DataVersion } from '../db/data-version.ts';

// HTTP caching of GET queries for browsers and CDNs. The data only changes when a seed commits,
// so an answer is valid for as long as the data version (src/response-cache.ts) stays the same:
// a GET answer carries an ETag made of that version and the request's query string, and
// `Cache-Control: no-cache` (keep it, but ask again before using it). A request whose
// If-None-Match names the current tag is answered 304 before anything is parsed or run.
// POST answers are left alone (the response cache in front of Yoga keeps those).

/** The answers are public: the API is read-only and sends no credentials. */
const CACHE_CONTROL = 'public, no-cache';

/**
 * The plugin, on the data version `version()` makes (made on the first GET, so an app that never
 * serves one never watches the database).
 */
export function useHttpCache(endpoint: string, version: () => DataVersion): Plugin {
  // A server restarted on other data must not confirm a tag it never made: the boot id is in it.
  const boot = randomUUID().slice(0, 8);
  let tracker: DataVersion | null = null;
  const tagged = new WeakMap<Request, string>();

  const tagOf = (url: URL, generation: number) => {
    const query = createHash('sha256').update(url.search).digest('base64url').slice(0, 22);
    return `W/"${boot}-${generation}-${query}"`;
  };

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== endpoint || !url.search) return;
      if (/text\/event-stream|text\/html/i.test(request.headers.get('accept') ?? '')) return;
      tracker ??= version();
      await tracker.ready;
      const tag = tagOf(url, tracker.current());
      const asked = request.headers.get('if-none-match') ?? '';
      if (asked.split(',').some((candidate) => candidate.trim() === tag)) {
        endResponse(
          new fetchAPI.Response(null, {
            status: 304,
            headers: { etag: tag, 'cache-control': CACHE_CONTROL },
          }),
        );
        return;
      }
      tagged.set(request, tag);
    },
    async onResponse({ request, response }) {
      const tag = tagged.get(request);
      if (!tag || response.status !== 200 || !tracker) return;
      // A commit while the answer was computed: it may hold either version, so no tag.
      const url = new URL(request.url);
      if (tagOf(url, tracker.current()) !== tag) return;
      // Errors (a page too large, a node of a wrong ID) are not worth keeping.
      if (!(await withoutErrors(response))) return;
      response.headers.set('etag', tag);
      response.headers.set('cache-control', CACHE_CONTROL);
    },
    async onDispose() {
      await tracker?.close();
    },
  };
}

async function withoutErrors(response: Response): Promise<boolean> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return false;
  try {
    const body = (await response.clone().json()) as { errors?: unknown };
    return body.errors === undefined;
  } catch {
    return false;
  }
}
