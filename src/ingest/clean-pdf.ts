import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { collapseWhitespace } from '../domain/normalize.ts';
import { cleanText } from './clean-text.ts';
import { endsSentence } from './lines.ts';

// A PDF's text comes out as the lines the page was set in: paragraphs wrapped at the page's
// width, page numbers and running heads repeated on every page. This cleaner undoes the layout
// (page furniture dropped, wrapped lines joined into paragraphs), hands the paragraphs to the
// text cleaner like any text dump (title, header fields, furniture), and then finds which page
// each paragraph it kept came from, so that a mention can say its page.

/** A paragraph of a PDF page, ready for the text cleaner. */
interface PagedParagraph {
  text: string;
  /** 1 for the first page. */
  page: number;
}

/** 3, - 3 -, 第3页, 第 3 页 共 12 页, 3/12, Page 3 of 12: a page number alone on its line. */
const PAGE_NUMBER =
  /^(?:[-–—\s]*\d{1,4}[-–—\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)$/i;
/** Lines that open a new paragraph however long the line before: 一、 （二） 1. 第三条 ① */
const LIST_START =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）]\s*\S|第[一二三四五六七八九十百\d]+[条章节]|[①-⑳•·])/;
/** A line at least this share of the page's longest line was wrapped, unless it ends a sentence. */
const FULL_LINE_SHARE = 0.85;

/** Width of a line in half-width cells: Chinese characters count double, as set on the page. */
function width(line: string): number {
  let cells = 0;
  for (const char of line) cells += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(char) ? 2 : 1;
  return cells;
}

/** The same line with its digits masked: running heads and feet differ only by page number. */
const shape = (line: string) => line.replace(/\d+/g, '#');

/**
 * Lines that head or foot most pages (the issuer's name, 第#页): at least two pages, and more
 * than half of them, begin or end with the same line.
 */
function runningLines(pages: string[][]): Set<string> {
  if (pages.length < 2) return new Set();
  const seen = new Map<string, number>();
  for (const lines of pages) {
    const ends = new Set([lines[0], lines.at(-1)].filter((l): l is string => l !== undefined));
    for (const line of ends) seen.set(shape(line), (seen.get(shape(line)) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= 2 && n * 2 > pages.length).map(([line]) => line));
}

/** Joins a wrapped line to the next: no space between Chinese characters, one between words. */
function joinWrapped(a: string, b: string): string {
  return /[A-Za-z0-9,.;:]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** The paragraphs of every page, with their page number, layout undone. */
export function pdfParagraphs(text: string, pageStarts: readonly number[]): PagedParagraph[] {
  const pages = pageStarts.map((start, i) =>
    text
      .slice(start, pageStarts[i + 1] ?? text.length)
      .split('\n')
      .map((line) => collapseWhitespace(line))
      .filter((line) => line !== '' && !PAGE_NUMBER.test(line)),
  );
  const running = runningLines(pages);
  const paragraphs: PagedParagraph[] = [];
  pages.forEach((all, i) => {
    const lines = all.filter((line) => !running.has(shape(line)));
    const full = Math.max(0, ...lines.map(width)) * FULL_LINE_SHARE;
    let open: PagedParagraph | null = null;
    let wrapped = false;
    for (const line of lines) {
      if (open && wrapped && !LIST_START.test(line)) open.text = joinWrapped(open.text, line);
      else {
        open = { text: line, page: i + 1 };
        paragraphs.push(open);
      }
      wrapped = width(line) >= full && !endsSentence(line);
    }
    // A paragraph running on to the next page is not joined: it belongs to the page it starts
    // on, and the next page's first line starts a paragraph of that page.
  });
  return paragraphs;
}

/** Where each page starts in the clean text, found from the pages of the paragraphs kept. */
function pageStartsOf(clean: string, paragraphs: readonly PagedParagraph[], pageCount: number) {
  const starts: (number | undefined)[] = new Array(pageCount).fill(undefined);
  let next = 0;
  let offset = 0;
  let page = 1;
  for (const kept of clean.split('\n')) {
    const at = paragraphs.findIndex((p, i) => i >= next && p.text === kept);
    if (at !== -1) {
      page = paragraphs[at]!.page;
      next = at + 1;
    }
    starts[page - 1] ??= offset;
    offset += kept.length + 1;
  }
  // A page none of whose paragraphs was kept starts where the next one does.
  let following = clean.length;
  for (let i = pageCount - 1; i >= 0; i--) {
    following = Math.min(starts[i] ?? following, following);
    starts[i] = following;
  }
  starts[0] = 0;
  return starts as number[];
}

/** Cleans a PDF's text (decoded from its pages) and records where each page starts. */
export function cleanPdf(doc: DecodedDocument): CleanDocument {
  const pageStarts = doc.pageStarts ?? [0];
  const paragraphs = pdfParagraphs(doc.text, pageStarts);
  const cleaned = cleanText({
    ...doc,
    format: 'txt',
    text: paragraphs.map((p) => p.text).join('\n'),
  });
  return {
    ...cleaned,
    format: doc.format,
    pageStarts: pageStartsOf(cleaned.text, paragraphs, pageStarts.length),
  };
}

/** The page (1 for the first) that the character at `offset` is on. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let page = 1;
  for (let i = 1; i < pageStarts.length; i++) if (pageStarts[i]! <= offset) page = i + 1;
  return page;
}
