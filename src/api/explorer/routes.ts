import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../../runtime/paths.ts';

// The graph explorer: static files served beside the API, no build step. Cytoscape comes from
// node_modules through its own route, since the machines serving it may be offline (no CDN).

const here = join(projectRoot, 'src/api/explorer');
const cytoscape = createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js');

/** The explorer's modules (the .js files beside this one), each served as /explorer/<name>. */
const MODULES = readdirSync(here).filter((name) => name.endsWith('.js'));
const JAVASCRIPT = 'text/javascript; charset=utf-8';

const FILES: Record<string, { path: string; type: string }> = {
  '/': { path: join(here, 'index.html'), type: 'text/html; charset=utf-8' },
  ...Object.fromEntries(
    MODULES.map((name) => [`/explorer/${name}`, { path: join(here, name), type: JAVASCRIPT }]),
  ),
  '/explorer/explorer.css': { path: join(here, 'explorer.css'), type: 'text/css; charset=utf-8' },
  '/explorer/cytoscape.min.js': { path: cytoscape, type: JAVASCRIPT },
};

/**
 * A Yoga plugin answering GET for the explorer's files. Files are read once and kept; the page
 * talks to the server only through the public GraphQL endpoint.
 */
export function useExplorer(): Plugin {
  const cache = new Map<string, string>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const file = FILES[url.pathname];
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      let body = cache.get(file.path);
      if (body === undefined) {
        body = readFileSync(file.path, 'utf8');
        cache.set(file.path, body);
      }
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: { 'content-type': file.type, 'cache-control': 'no-cache' },
        }),
      );
    },
  };
}
