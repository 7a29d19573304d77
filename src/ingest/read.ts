import { type Dirent, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { DocumentFormat, RawDocument } from '../domain/document.ts';

// The read step: which files of a folder are documents, and their bytes. It knows nothing of
// encodings or markup (decode and clean do), so that every later step works on the same input
// whether a document came from disk or from elsewhere.

/** The file endings seeding picks up, and the format each means. */
export const DOCUMENT_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** Larger files are not news articles: they are refused before being read into memory. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** A document file found under the seeded folder. */
export interface DocumentFile {
  /** The path relative to the seeded folder, with `/` separators: the document's identity. */
  source: string;
  /** The absolute path to read. */
  path: string;
  format: DocumentFormat;
}

/** Something under the folder that could not be looked at (unreadable folder, broken link). */
export interface WalkProblem {
  source: string;
  error: string;
}

/** A file that could not be read, with the reason in words. */
export class ReadError extends Error {
  readonly source: string;

  constructor(source: string, reason: string) {
    super(reason);
    this.name = 'ReadError';
    this.source = source;
  }
}

/** The format a file name means, or null for files that are not documents. */
export function formatOf(path: string): DocumentFormat | null {
  return DOCUMENT_FORMATS[extname(path).toLowerCase()] ?? null;
}

function reason(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = String(error.code);
    if (code === 'ENOENT') return 'file not found (a broken link?)';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ELOOP') return 'too many levels of symbolic links';
    return `${code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every document file under `dir`, recursively, sorted by source. Symbolic links are followed,
 * but a folder already visited (a link back up the tree) is not entered twice. Hidden files and
 * folders (.git) are skipped. Throws only when `dir` itself cannot be read.
 */
export async function findDocuments(
  dir: string,
): Promise<{ files: DocumentFile[]; problems: WalkProblem[] }> {
  const root = await realpath(dir);
  if (!(await stat(root)).isDirectory()) throw new Error(`${dir} is not a folder`);
  const files: DocumentFile[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>([root]);
  const sourceOf = (path: string) => relative(dir, path).split(sep).join('/');

  const walk = async (folder: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === dir) throw new Error(`cannot read ${dir}: ${reason(error)}`);
      problems.push({ source: sourceOf(folder), error: reason(error) });
      return;
    }
    entries.sort((a, b) => byCodePoint(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          if (formatOf(entry.name)) problems.push({ source: sourceOf(path), error: reason(error) });
          continue;
        }
      }
      if (isDirectory) {
        let real: string;
        try {
          real = await realpath(path);
        } catch (error) {
          problems.push({ source: sourceOf(path), error: reason(error) });
          continue;
        }
        if (visited.has(real)) continue;
        visited.add(real);
        await walk(path);
      } else if (isFile) {
        const format = formatOf(entry.name);
        if (format) files.push({ source: sourceOf(path), path, format });
      } else if (formatOf(entry.name)) {
        // A FIFO, a socket or a device under a document's name: reading it could block forever
        // (a FIFO) or never end (/dev/zero), so it is reported, never opened.
        problems.push({ source: sourceOf(path), error: 'not a regular file' });
      }
    }
  };
  await walk(dir);
  files.sort((a, b) => byCodePoint(a.source, b.source));
  return { files, problems };
}

/** The bytes of one document file; throws a ReadError saying why when it cannot be had. */
export async function readDocument(
  file: DocumentFile,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<RawDocument> {
  try {
    checkSize(file, (await stat(file.path)).size, maxBytes);
    return checked(file, await readFile(file.path), maxBytes);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(file.source, reason(error));
  }
}

/**
 * readDocument without the event loop, for a worker thread that only reads and extracts: an
 * asynchronous read takes several turns of a loop that extraction keeps busy for milliseconds.
 */
export function readDocumentSync(file: DocumentFile, maxBytes = DEFAULT_MAX_BYTES): RawDocument {
  try {
    checkSize(file, statSync(file.path).size, maxBytes);
    return checked(file, readFileSync(file.path), maxBytes);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(file.source, reason(error));
  }
}

function checkSize(file: DocumentFile, size: number, maxBytes: number) {
  if (size > maxBytes) {
    throw new ReadError(file.source, `too large: ${size} bytes (the limit is ${maxBytes})`);
  }
}

function checked(file: DocumentFile, bytes: Buffer, maxBytes: number): RawDocument {
  // The file may have grown between stat and read.
  checkSize(file, bytes.length, maxBytes);
  if (bytes.length === 0) throw new ReadError(file.source, 'empty file');
  return { source: file.source, format: file.format, bytes };
}
