import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { collapseWhitespace } from '../domain/normalize.ts';
import {
  COUNTER_LINE_PATTERN,
  FILING_LINE_PATTERN,
  TITLE_CONTINUATION_ENDINGS,
} from './furniture.ts';
import {
  cleanedFrom,
  endsSentence,
  INNER_SENTENCE_PUNCT,
  isBoilerplateLine,
  isByline,
  isMenuLine,
  isStrongParagraph,
  type Line,
  looksLikeMediaName,
  makeLine,
  type PageMeta,
  toIsoDate,
} from './lines.ts';
import { markdownToLines } from './markdown.ts';
import {
  dropFurniture,
  dropTitleRepeats,
  joinLines,
  parseMetaLine,
  readHeader,
  signatureDate,
} from './strip-lines.ts';

// ---------------------------------------------------------------------------------------------
// Plain text and Markdown documents

/** Lines of a plain-text dump: one paragraph per non-empty line. */
function plainLines(text: string): Line[] {
  return text
    .split('\n')
    .map((raw) => makeLine(raw))
    .filter((l) => l.text.length > 0);
}

/** Lines before the headline that a dump may carry: menus, counters, one-word crumbs. */
function isPreTitleNoise(line: Line): boolean {
  return (
    line.norm.length <= 4 ||
    COUNTER_LINE_PATTERN.test(line.norm) ||
    FILING_LINE_PATTERN.test(line.norm) ||
    parseMetaLine(line) !== null ||
    isMenuLine(line.norm) ||
    isBoilerplateLine(line, false)
  );
}

/**
 * Whether `next` finishes the headline `first`: announcements put the issuer on one line and
 * "关于…的公告" on the next.
 */
function continuesTitle(first: Line, next: Line | undefined): next is Line {
  return (
    next !== undefined &&
    first.norm.length <= 40 &&
    next.norm.length <= 60 &&
    !INNER_SENTENCE_PUNCT.test(first.norm + next.norm) &&
    TITLE_CONTINUATION_ENDINGS.some((end) => next.norm.endsWith(end))
  );
}

/** How far down a dump the headline and its header block are looked for. */
const TITLE_ZONE_LINES = 10;

/** "峰会 > 2025湾区金融科技峰会": a breadcrumb trail, which may have only two steps. */
function isBreadcrumb(norm: string): boolean {
  const steps = norm.split(/\s*[>›»＞]\s*/);
  return (
    steps.length >= 2 &&
    steps.every((s) => s.length > 0 && s.length <= 20 && !INNER_SENTENCE_PUNCT.test(s))
  );
}

/**
 * Where the headline of a dump is: right above its header block (来源/时间 lines) when there is
 * one near the top, since a site name, menus and breadcrumbs may come first; otherwise the
 * first line after the navigation near the top that is not page chrome.
 */
function titleIndex(lines: readonly Line[]): number {
  const firstStrong = lines.findIndex(isStrongParagraph);
  const zone = Math.min(firstStrong === -1 ? lines.length : firstStrong, TITLE_ZONE_LINES);
  const header = lines.findIndex((l, i) => i > 0 && i < zone && parseMetaLine(l) !== null);
  for (let i = header - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && !isPreTitleNoise(line) && !isByline(line)) return i;
  }
  let start = 0;
  for (let i = 0; i < zone; i++) {
    const norm = lines[i]?.norm ?? '';
    if (isMenuLine(norm) || isBreadcrumb(norm)) start = i + 1;
  }
  const found = lines.findIndex((l, i) => i >= start && !isPreTitleNoise(l));
  return found === -1 ? lines.findIndex((l) => !isPreTitleNoise(l)) : found;
}

/** The headline of a dump (two lines for notices) and the lines after it. */
function takePlainTitle(lines: readonly Line[]): { title: string; rest: Line[] } {
  const start = titleIndex(lines);
  const first = lines[start];
  if (!first) return { title: lines[0]?.text ?? '', rest: lines.slice(1) };
  const next = lines[start + 1];
  if (continuesTitle(first, next))
    return { title: first.text + next.text, rest: lines.slice(start + 2) };
  return { title: first.text, rest: lines.slice(start + 1) };
}

/**
 * The headline of a Markdown article: the front matter's title, else its first heading when
 * that comes before the first real paragraph. What stands above that heading is breadcrumbs
 * and navigation, except bylines and sentences.
 */
function takeMarkdownTitle(
  lines: readonly Line[],
  frontTitle: string,
): { title: string; rest: Line[] } {
  const firstStrong = lines.findIndex(isStrongParagraph);
  const limit = firstStrong === -1 ? lines.length : firstStrong;
  const h = lines.findIndex(
    (l, i) => i < limit && l.kind === 'heading' && (!frontTitle || l.text === frontTitle),
  );
  const heading = lines[h];
  if (!heading) return frontTitle ? { title: frontTitle, rest: [...lines] } : takePlainTitle(lines);
  const above = lines.slice(0, h).filter((l) => isByline(l) || endsSentence(l.norm));
  return { title: frontTitle || heading.text, rest: [...above, ...lines.slice(h + 1)] };
}

/** Markdown front matter keys → what they mean here. */
function applyFrontMatter(front: Readonly<Record<string, string>>, meta: PageMeta): Line[] {
  const get = (...keys: string[]): string | undefined =>
    keys.map((k) => front[k]).find((v): v is string => Boolean(v));
  const date = get(
    'date',
    'published',
    'publishdate',
    'published_at',
    'pubdate',
    '发布时间',
    '日期',
  );
  if (date) meta.publishedAt ??= toIsoDate(date);
  const publisher = get('source', 'publisher', 'site', 'site_name', '来源');
  if (publisher && looksLikeMediaName(publisher)) meta.publisher ??= publisher;
  const editor = get('editor', '责任编辑');
  if (editor) meta.editor ??= editor;
  // The author is a byline: it stays in the text so that the person has a sentence.
  const author = get('author', 'authors', '作者');
  return author ? [makeLine(`作者：${author}`)] : [];
}

/**
 * Cleans a plain-text dump or a Markdown article: title from the first line (or `# heading`),
 * header fields (来源/责任编辑/发布时间…) into metadata, furniture after the article removed.
 */
export function cleanText(doc: DecodedDocument): CleanDocument {
  const meta: PageMeta = { publishedAt: null, publisher: null, editor: null };
  const isMarkdown = doc.format === 'md';
  const md = isMarkdown ? markdownToLines(doc.text) : null;
  const lines = md ? md.lines : plainLines(doc.text);
  const frontBylines = md ? applyFrontMatter(md.front, meta) : [];
  const frontTitle = md?.front.title ? collapseWhitespace(md.front.title) : '';

  const { title, rest } = md ? takeMarkdownTitle(lines, frontTitle) : takePlainTitle(lines);
  const body = dropFurniture(readHeader(dropTitleRepeats(rest, title), meta));
  meta.publishedAt ??= signatureDate(body);
  return cleanedFrom(doc, {
    title,
    publishedAt: meta.publishedAt,
    publisher: meta.publisher,
    editor: meta.editor,
    text: joinLines([...frontBylines, ...body]),
  });
}
