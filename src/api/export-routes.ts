import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { contextDocument, exportOf, FORMATS, isFormat, zipOf } from '../graph/export/export.ts';

// GET /export/<format>: the whole graph as a download, streamed as it is read (graphml, jsonld,
// jsonl; neo4j as a zip of CSV files), and GET /export/context.jsonld, the JSON-LD context.

const encoder = new TextEncoder();

async function* bytes(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield encoder.encode(chunk);
}

export function useExport(db: Db): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/export/') || request.method !== 'GET') return;
      const name = url.pathname.slice('/export/'.length);
      if (name === 'context.jsonld') {
        endResponse(
          new fetchAPI.Response(contextDocument(), {
            headers: { 'content-type': 'application/ld+json; charset=utf-8' },
          }),
        );
        return;
      }
      if (!isFormat(name)) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              error: `Unknown export format ${name}: one of ${FORMATS.join(', ')}.`,
            }),
            { status: 404, headers: { 'content-type': 'application/json' } },
          ),
        );
        return;
      }
      const exported = exportOf(db, name);
      const stream =
        exported.kind === 'file' ? Readable.from(bytes(exported.chunks())) : zipOf(exported.files);
      const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      endResponse(
        new fetchAPI.Response(body, {
          headers: {
            'content-type': exported.kind === 'file' ? exported.contentType : 'application/zip',
            'content-disposition': `attachment; filename="${exported.fileName}"`,
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}
