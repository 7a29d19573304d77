import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { toSimplified } from '../domain/normalize.ts';
import { BLOCKS, childElements, isElement, JUNK, loadHtml } from './dom.ts';
import { FURNITURE_TAGS } from './furniture-html.ts';
import { writeLines } from './html-lines.ts';
import { readPageMeta } from './html-meta.ts';
import {
  classWeight,
  computeStats,
  hintsOf,
  isHidden,
  linkDensity,
  type Stats,
  type StatsMap,
  subtractFromAncestors,
} from './html-signals.ts';
import { cleanedFrom, endsSentence, type Line, type PageMeta } from './lines.ts';
import {
  dropFurniture,
  dropTitleRepeats,
  joinLines,
  readHeader,
  signatureDate,
} from './strip-lines.ts';

// The HTML cleaner: a port of Readability's scoring (Mozilla's algorithm, not its code) onto
// cheerio, with the furniture lists of furniture-html.ts and Chinese thresholds. Kept as a port because
// it wins on these pages: @mozilla/readability with linkedom passed the same 5 test fixtures at
// 3.7-9.4 ms a page, this cleaner at 0.9-2.9 ms, and it reads the page's metadata and bylines in
// the same pass (html-meta.ts). Signals per element are in html-signals.ts, the line writer in
// html-lines.ts.

const FURNITURE = new Set(FURNITURE_TAGS);

// Removing what is not the article

/** Which rules an attempt applies; each retry turns one off (Readability's flags). */
interface Rules {
  /** Remove furniture landmarks and elements whose class/id names furniture. */
  stripUnlikely: boolean;
  /** Let class/id hints weigh in the scores. */
  weightClasses: boolean;
  /** Remove link-dense blocks inside the chosen content. */
  cleanConditionally: boolean;
}

const ATTEMPTS: readonly Rules[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];

/** Below this many characters an attempt is deemed to have missed the article. */
const MIN_ARTICLE_CHARS = 200;

/**
 * Whether `el` is furniture by its tag or its class/id. An element that holds most of the
 * page's prose punctuation is the article's wrapper whatever its class says ("has-sidebar").
 */
function isUnlikely(el: Element, stats: StatsMap, pagePunct: number): boolean {
  if (el.name === 'body' || el.name === 'html') return false;
  const furniture = FURNITURE.has(el.name) || hintsOf(el).negative;
  return furniture && (stats.get(el)?.punct ?? 0) <= pagePunct / 2;
}

/** Collects, top-down, the elements to remove (their descendants are not visited). */
function collectRemovals(
  el: Element,
  rules: Rules,
  stats: StatsMap,
  pagePunct: number,
  out: Element[],
): void {
  for (const child of childElements(el)) {
    const remove =
      JUNK.has(child.name) ||
      isHidden(child) ||
      (rules.stripUnlikely && isUnlikely(child, stats, pagePunct));
    if (remove) out.push(child);
    else collectRemovals(child, rules, stats, pagePunct, out);
  }
}

function removeAll($: cheerio.CheerioAPI, elements: readonly Element[], stats: StatsMap): void {
  for (const el of elements) subtractFromAncestors(el, stats);
  $(elements).remove();
}

// ---------------------------------------------------------------------------------------------
// Scoring (Readability): paragraphs give points to their containers and, less, to ancestors

/** A paragraph shorter than this gives no points (Readability uses 25 for Latin text). */
const MIN_PARAGRAPH_CHARS = 20;
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'td']);
const CONTAINER_TAGS = new Set(['div', 'section', 'article', 'main', 'td', 'center', 'body']);
const ANCESTOR_LEVELS = 4;

function tagWeight(tag: string): number {
  if (tag === 'div' || tag === 'article') return 5;
  if (tag === 'pre' || tag === 'td' || tag === 'blockquote') return 3;
  if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(tag)) return -3;
  if (/^h[1-6]$|^th$/.test(tag)) return -5;
  return 0;
}

function paragraphScore(s: Stats): number {
  return 1 + s.inlinePunct + Math.min(Math.floor(s.inlineChars / 100), 3);
}

/** Where a paragraph's points go first: a <p>'s parent, or a text-holding <div> itself. */
function paragraphContainer(el: Element): Element | null {
  if (PARAGRAPH_TAGS.has(el.name)) return el.parent && isElement(el.parent) ? el.parent : null;
  return CONTAINER_TAGS.has(el.name) ? el : null;
}

function scoreCandidates(root: Element, stats: StatsMap, rules: Rules): Map<Element, number> {
  const scores = new Map<Element, number>();
  const credit = (el: Element, points: number): void => {
    const base = scores.get(el) ?? tagWeight(el.name) + (rules.weightClasses ? classWeight(el) : 0);
    scores.set(el, base + points);
  };
  const visit = (el: Element): void => {
    const s = stats.get(el);
    if (s && s.inlineChars >= MIN_PARAGRAPH_CHARS) {
      const container = paragraphContainer(el);
      if (container) {
        const points = paragraphScore(s);
        let level = 0;
        for (let a: Element | null = container; a && level <= ANCESTOR_LEVELS; level++) {
          credit(a, level === 0 ? points : level === 1 ? points / 2 : points / (level * 3));
          a = a.parent && isElement(a.parent) ? a.parent : null;
        }
      }
    }
    for (const child of childElements(el)) visit(child);
  };
  visit(root);
  for (const [el, score] of scores) scores.set(el, score * (1 - linkDensity(stats.get(el))));
  return scores;
}

function topCandidate(scores: Map<Element, number>, root: Element): { el: Element; score: number } {
  let best = { el: root, score: Number.NEGATIVE_INFINITY };
  for (const [el, score] of scores) if (score > best.score) best = { el, score };
  // A lone child adds nothing: its parent is the same block with room for siblings.
  let { el } = best;
  while (
    el !== root &&
    el.parent &&
    isElement(el.parent) &&
    childElements(el.parent).length === 1
  ) {
    el = el.parent;
  }
  return { el, score: best.score };
}

/** Readability's sibling test: blocks next to the best one that read like the article too. */
function isGoodSibling(
  $: cheerio.CheerioAPI,
  sibling: Element,
  top: { el: Element; score: number },
  scores: Map<Element, number>,
  stats: StatsMap,
): boolean {
  const threshold = Math.max(10, top.score * 0.2);
  const sameClass = sibling.attribs.class && sibling.attribs.class === top.el.attribs.class;
  const score = (scores.get(sibling) ?? 0) + (sameClass ? top.score * 0.2 : 0);
  if (score >= threshold) return true;
  if (sibling.name !== 'p') return false;
  const s = stats.get(sibling);
  const density = linkDensity(s);
  const chars = s?.chars ?? 0;
  if (chars >= 80) return density < 0.25;
  return chars > 0 && density === 0 && endsSentence($(sibling).text().trim());
}

function contentElements(
  $: cheerio.CheerioAPI,
  root: Element,
  stats: StatsMap,
  rules: Rules,
): Element[] {
  const scores = scoreCandidates(root, stats, rules);
  const top = topCandidate(scores, root);
  const parent = top.el.parent;
  if (top.el === root || !parent || !isElement(parent)) return [top.el];
  return childElements(parent).filter(
    (s) => s === top.el || isGoodSibling($, s, top, scores, stats),
  );
}

/** Within the content: link-dense blocks (related links, tag clouds) go. */
function conditionalRemovals(el: Element, stats: StatsMap, out: Element[]): void {
  for (const child of childElements(el)) {
    const s = stats.get(child);
    const linkBlock =
      BLOCKS.has(child.name) &&
      child.name !== 'p' &&
      s !== undefined &&
      s.chars > 0 &&
      linkDensity(s) > 0.5;
    if (linkBlock) out.push(child);
    else conditionalRemovals(child, stats, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Attempts

/** The <body>, else the <html> element, else a <body> wrapped around a fragment. */
function findBody($: cheerio.CheerioAPI): Element | null {
  const doc = $.root()[0];
  const html = doc?.children.filter(isElement).find((el) => el.name === 'html');
  const body = (html ? childElements(html) : []).find((el) => el.name === 'body');
  if (body ?? html) return body ?? html ?? null;
  $.root().contents().wrapAll('<body></body>');
  return $('body').get(0) ?? null;
}

/** One pass of content extraction with the given rules; mutates `$`. */
function extractLines($: cheerio.CheerioAPI, rules: Rules): Line[] {
  const root = findBody($);
  if (!root) return [];
  const stats: StatsMap = new Map();
  const pagePunct = computeStats(root, stats, false).punct;
  const removals: Element[] = [];
  collectRemovals(root, rules, stats, pagePunct, removals);
  removeAll($, removals, stats);
  const content = contentElements($, root, stats, rules);
  if (rules.cleanConditionally) {
    const linkBlocks: Element[] = [];
    for (const el of content) conditionalRemovals(el, stats, linkBlocks);
    removeAll($, linkBlocks, stats);
  }
  return writeLines(content);
}

function textLength(lines: readonly Line[]): number {
  return lines.reduce((n, l) => n + l.text.length, 0);
}

/** An attempt's result: the article's lines and what its header block said. */
interface Article {
  lines: Line[];
  header: PageMeta;
}

/** The article in the extracted lines: headline repeats, header block and furniture taken off. */
function finishArticle(lines: Line[], title: string): Article {
  const header: PageMeta = { publishedAt: null, publisher: null, editor: null };
  const body = dropFurniture(readHeader(dropTitleRepeats(lines, title), header));
  header.publishedAt ??= signatureDate(body);
  return { lines: body, header };
}

/** The article: strict rules first, looser ones on a fresh parse while it comes out too short. */
function findArticle($: cheerio.CheerioAPI, doc: DecodedDocument, title: string): Article {
  let best: Article = { lines: [], header: { publishedAt: null, publisher: null, editor: null } };
  for (const [i, rules] of ATTEMPTS.entries()) {
    const attempt = finishArticle(extractLines(i === 0 ? $ : loadHtml(doc.text), rules), title);
    if (textLength(attempt.lines) > textLength(best.lines)) best = attempt;
    if (textLength(best.lines) >= MIN_ARTICLE_CHARS) break;
  }
  return best;
}

/**
 * Cleans an HTML page: metadata from the head (og:title, article:published_time, JSON-LD…) and
 * the meta line under the headline; the article found Readability-style (furniture removed by
 * tag and class hints, blocks scored by length, punctuation and link density, good siblings
 * kept), retried with looser rules on a fresh parse when too little text comes out. `$` is
 * consumed: elements are removed from it.
 */
export function cleanHtml($: cheerio.CheerioAPI, doc: DecodedDocument): CleanDocument {
  const { title, meta, bylines } = readPageMeta($);
  const { lines, header } = findArticle($, doc, title);
  // A byline only the meta line gives (记者 邝一苇) opens the article, so its person has a
  // sentence to point to; one the body repeats is not added twice.
  const body = joinLines(lines);
  const missing = bylines.filter((byline) => {
    const name = byline.split(' ')[1] ?? '';
    return !lines.some(
      (line) => line.text.includes(name) && /记者|作者|撰文/.test(toSimplified(line.text)),
    );
  });
  return cleanedFrom(doc, {
    title,
    publishedAt: meta.publishedAt ?? header.publishedAt,
    publisher: meta.publisher ?? header.publisher,
    editor: meta.editor ?? header.editor,
    text: missing.length ? `${missing.join('\n')}\n${body}` : body,
  });
}
