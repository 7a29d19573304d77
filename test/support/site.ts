import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A web site on a loopback port for the URL-seeding tests: pages with the headers a real server
// sends (Content-Type with its charset, ETag, Last-Modified, answering 304 to a conditional
// request that matches), and handlers for redirects, slow and failing answers. Listens on
// 127.0.0.1 only; nothing goes to any other address.

/** A page: its bytes and content type; validators are derived from the bytes. */
export interface Page {
  body: Buffer | string;
  type: string;
  /** Send an ETag (the default) and Last-Modified. */
  validators?: boolean;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface Site {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  /** Every request received: path and the headers that matter to the tests. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  /** Adds or replaces a route. */
  set(path: string, route: Page | Handler): void;
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Mon, 07 Apr 2025 08:00:00 GMT';

export async function startSite(routes: Record<string, Page | Handler> = {}): Promise<Site> {
  const table = new Map(Object.entries(routes));
  const requests: Site['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({
      path,
      ...(request.headers['if-none-match']
        ? { ifNoneMatch: request.headers['if-none-match'] }
        : {}),
      ...(request.headers['if-modified-since']
        ? { ifModifiedSince: request.headers['if-modified-since'] }
        : {}),
    });
    const route = table.get(path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(request, response);
      return;
    }
    const body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body);
    const headers: Record<string, string> = { 'content-type': route.type };
    if (route.validators !== false) {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      headers['last-modified'] = LAST_MODIFIED;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers).end();
        return;
      }
    }
    response.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    set: (path, route) => table.set(path, route),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A sitemap listing `urls`. */
export function sitemap(urls: string[]): Page {
  return {
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `  <url><loc>${u}</loc></url>`)
      .join('\n')}\n</urlset>\n`,
  };
}

/** A sitemap index listing other sitemaps. */
export function sitemapIndex(urls: string[]): Page {
  return {
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `  <sitemap><loc>${u}</loc></sitemap>`)
      .join('\n')}\n</sitemapindex>\n`,
  };
}

/** An RSS 2.0 feed whose items link to `urls`. */
export function rss(urls: string[]): Page {
  return {
    type: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>测试资讯</title><link>http://127.0.0.1/</link>\n${urls
      .map((u, i) => `<item><title>第${i + 1}篇</title><link>${u}</link></item>`)
      .join('\n')}\n</channel></rss>\n`,
  };
}

/** An Atom feed whose entries link to `urls`. */
export function atom(urls: string[]): Page {
  return {
    type: 'application/atom+xml',
    body: `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>测试</title>\n${urls
      .map(
        (u, i) =>
          `<entry><title>第${i + 1}篇</title><id>urn:test:${i}</id><link rel="alternate" href="${u}"/></entry>`,
      )
      .join('\n')}\n</feed>\n`,
  };
}
