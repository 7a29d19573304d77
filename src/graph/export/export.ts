import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Db } from '../../db/client.ts';
import { graphml } from './graphml.ts';
import { jsonl } from './jsonl.ts';
import { JSONLD_CONTEXT, jsonld } from './jsonld.ts';
import { type ExportFile, neo4jFiles } from './neo4j.ts';
import { PAGE_SIZE } from './read-graph.ts';

// The export formats, and how each is delivered: one file (GraphML, JSON-LD, JSON lines) or
// several (Neo4j's CSVs: a folder from the command line, a zip over HTTP, written by yazl, which
// streams each entry as it is produced, so the zip needs no more memory than one page either).

export const FORMATS = ['graphml', 'neo4j', 'jsonld', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const isFormat = (value: string): value is ExportFormat =>
  (FORMATS as readonly string[]).includes(value);

export interface SingleFile {
  kind: 'file';
  /** The name a download is saved as. */
  fileName: string;
  contentType: string;
  chunks: () => AsyncGenerator<string>;
}

export interface Files {
  kind: 'files';
  /** The zip's name. */
  fileName: string;
  files: ExportFile[];
}

/** An export of the graph in `format`, read `pageSize` rows at a time. */
export function exportOf(db: Db, format: ExportFormat, pageSize = PAGE_SIZE): SingleFile | Files {
  switch (format) {
    case 'graphml':
      return {
        kind: 'file',
        fileName: 'kg-finance.graphml',
        contentType: 'application/graphml+xml; charset=utf-8',
        chunks: () => graphml(db, pageSize),
      };
    case 'jsonld':
      return {
        kind: 'file',
        fileName: 'kg-finance.jsonld',
        contentType: 'application/ld+json; charset=utf-8',
        chunks: () => jsonld(db, pageSize),
      };
    case 'jsonl':
      return {
        kind: 'file',
        fileName: 'kg-finance.jsonl',
        contentType: 'application/jsonl; charset=utf-8',
        chunks: () => jsonl(db, pageSize),
      };
    case 'neo4j':
      return { kind: 'files', fileName: 'kg-finance-neo4j.zip', files: neo4jFiles(db, pageSize) };
  }
}

/** Several files as one zip stream; each file is generated when the zip reaches it. */
export function zipOf(files: ExportFile[]): Readable {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addReadStream(Readable.from(file.chunks()), file.name);
  zip.end();
  return zip.outputStream as Readable;
}

/** The JSON-LD context document on its own. */
export const contextDocument = () => `${JSON.stringify({ '@context': JSONLD_CONTEXT }, null, 2)}\n`;
