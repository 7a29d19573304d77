import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentFormat } from '../domain/document.ts';
import { type DocumentFile, findDocuments, formatOf } from '../ingest/read.ts';
import { errorMessage } from './error-message.ts';

// What `npm run seed -- <file|folder|url|@list.txt>…` names, as a list of things to seed: the
// documents of a folder (their sources relative to it, as always), a single file (its name is
// its source, as if its folder had been seeded), URLs (fetched later: a sitemap or feed among
// them grows the list as it is read), and the lines of a list file, each a source of its own.

export type SourceItem =
  | { kind: 'file'; file: DocumentFile }
  | { kind: 'url'; url: string }
  /** Something named that cannot be seeded: reported as failed under `source`. */
  | { kind: 'problem'; source: string; error: string };

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether an argument is a URL to fetch rather than a path. */
export function isUrl(argument: string): boolean {
  return /^https?:\/\//i.test(argument);
}

/** A folder's documents and the problems met walking it, in source order (as seeded always). */
export function folderItems(found: Awaited<ReturnType<typeof findDocuments>>): SourceItem[] {
  return [
    ...found.files.map((file): SourceItem => ({ kind: 'file', file })),
    ...found.problems.map((p): SourceItem => ({ kind: 'problem', ...p })),
  ].sort((a, b) => byCodePoint(sourceOf(a), sourceOf(b)));
}

/** The source an item will be reported under (for a URL, until a redirect says otherwise). */
export function sourceOf(item: SourceItem): string {
  return item.kind === 'file' ? item.file.source : item.kind === 'url' ? item.url : item.source;
}

/**
 * The stored documents a prune removes: seeded from a folder (a relative path, not a URL), no
 * longer among the sources, and not under a folder that could not be read this time (that folder
 * keeps everything stored under it).
 */
export function missingFromFolders<T extends { source: string }>(
  sources: readonly SourceItem[],
  stored: readonly T[],
): T[] {
  const present = new Set(sources.map(sourceOf));
  const unreadable = sources.flatMap((item) =>
    item.kind === 'problem' ? [`${item.source}/`] : [],
  );
  return stored.filter(
    (d) =>
      !present.has(d.source) &&
      !/^[a-z][a-z0-9+.-]*:/i.test(d.source) &&
      !unreadable.some((folder) => d.source.startsWith(folder)),
  );
}

/** A URL without its fragment, which names a place in a page, not another page. */
export function withoutFragment(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * The items the arguments name, in the order given. An argument that cannot be read is an item
 * of its own (a failure in the report), never a reason to stop: the others are still seeded.
 */
export async function expandSources(args: readonly string[]): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for (const argument of args) items.push(...(await expandOne(argument, true)));
  return items;
}

async function expandOne(argument: string, listsAllowed: boolean): Promise<SourceItem[]> {
  if (isUrl(argument)) return [{ kind: 'url', url: withoutFragment(argument) }];
  if (argument.startsWith('@') && listsAllowed) return expandList(argument.slice(1));
  let isFolder: boolean;
  try {
    const stats = await stat(argument);
    if (!stats.isDirectory() && !stats.isFile()) {
      return [{ kind: 'problem', source: argument, error: 'not a regular file' }];
    }
    isFolder = stats.isDirectory();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'no such file or folder' : errorMessage(error);
    return [{ kind: 'problem', source: argument, error: reason }];
  }
  if (isFolder) {
    try {
      return folderItems(await findDocuments(argument));
    } catch (error) {
      return [{ kind: 'problem', source: argument, error: errorMessage(error) }];
    }
  }
  const format = formatOf(argument);
  if (!format) {
    return [
      {
        kind: 'problem',
        source: argument,
        error: 'not a document: seeded are .txt, .html, .htm, .md, .pdf and .docx files',
      },
    ];
  }
  return [{ kind: 'file', file: { source: basename(argument), path: argument, format } }];
}

/** A list file: one source per line (URLs, files, folders); blank lines and # comments skipped. */
async function expandList(path: string): Promise<SourceItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return [
      {
        kind: 'problem',
        source: `@${path}`,
        error: `cannot read the list: ${errorMessage(error)}`,
      },
    ];
  }
  const items: SourceItem[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    items.push(...(await expandOne(entry, false)));
  }
  return items;
}

const MEDIA_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/**
 * The format of a fetched answer: its Content-Type first, then its URL's file ending, then its
 * first bytes; null for an answer that is no document (an image, a zip).
 */
export function formatOfAnswer(
  mediaType: string | null,
  url: string,
  bytes: Buffer,
): DocumentFormat | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const byType = mediaType ? MEDIA_FORMATS[mediaType] : undefined;
  const byName = formatOf(new URL(url).pathname);
  // text/plain is what servers say when they do not know: a .md file stays Markdown.
  if (byType && !(byType === 'txt' && byName === 'md')) return byType;
  if (mediaType && mediaType !== 'application/octet-stream' && !mediaType.startsWith('text/')) {
    return null;
  }
  // Without either, text: clean() still reads it as a page when it starts like one.
  return byName ?? 'txt';
}
