import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { collapseWhitespace, toSimplified } from '../domain/normalize.ts';
import {
  countPunct,
  dropFurniture,
  dropTitleRepeats,
  endsSentence,
  joinLines,
  type Line,
  looksLikeMediaName,
  makeLine,
  type PageMeta,
  readHeader,
  signatureDate,
  toIsoDate,
} from './clean-text.ts';
import { capDomDepth, capMarkupDepth } from './dom-depth.ts';
import {
  BLOCK_TAGS,
  DATE_META_KEYS,
  FURNITURE_TAGS,
  JUNK_TAGS,
  NEGATIVE_HINTS,
  POSITIVE_HINTS,
  PUBLISHER_META_KEYS,
} from './furniture.ts';

/**
 * Parses a page for cleanHtml. htmlparser2 rather than parse5: three times faster, and the
 * clean step does not need spec-exact trees. Entities are decoded here, and nesting deeper than
 * the recursive walks below can take is laid flat (dom-depth.ts).
 */
export function loadHtml(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(capMarkupDepth(html), { xml: { xmlMode: false, decodeEntities: true } });
  capDomDepth($.root()[0]!);
  return $;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function textOf(node: AnyNode): string {
  return node.type === 'text' ? node.data : '';
}

function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

const BLOCKS = new Set(BLOCK_TAGS);
const JUNK = new Set(JUNK_TAGS);
const FURNITURE = new Set(FURNITURE_TAGS);

// ---------------------------------------------------------------------------------------------
// Class and id hints

/** A hint list compiled for matching (see NEGATIVE_HINTS for the rules). */
interface HintMatcher {
  exact: Set<string>;
  prefixes: string[];
  compounds: string[];
}

function compileHints(hints: readonly string[]): HintMatcher {
  return {
    exact: new Set(hints.filter((h) => !h.includes('-'))),
    prefixes: hints.filter((h) => !h.includes('-') && h.length >= 5),
    compounds: hints.filter((h) => h.includes('-')),
  };
}

const NEGATIVE = compileHints(NEGATIVE_HINTS);
const POSITIVE = compileHints(POSITIVE_HINTS);

/** "article-body sideHot x_2" → ["article", "body", "side", "hot", "x", "2"]. */
function hintWords(raw: string): string[] {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function matches(words: readonly string[], m: HintMatcher): boolean {
  if (words.some((w) => m.exact.has(w) || m.prefixes.some((p) => w.startsWith(p)))) return true;
  if (m.compounds.length === 0) return false;
  const joined = `-${words.join('-')}-`;
  return m.compounds.some((c) => joined.includes(`-${c}-`));
}

interface Hints {
  negative: boolean;
  positive: boolean;
}

// Pages repeat the same class names on many elements, and sites repeat them across pages.
const hintCache = new Map<string, Hints>();
const HINT_CACHE_LIMIT = 20_000;

/** What an element's class and id say about it. */
function hintsOf(el: Element): Hints {
  const raw = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  let hints = hintCache.get(raw);
  if (!hints) {
    const words = hintWords(raw);
    hints = { negative: matches(words, NEGATIVE), positive: matches(words, POSITIVE) };
    if (hintCache.size >= HINT_CACHE_LIMIT) hintCache.clear();
    hintCache.set(raw, hints);
  }
  return hints;
}

/** Readability's class weight: +25 for article-like names, −25 for furniture-like ones. */
function classWeight(el: Element): number {
  const hints = hintsOf(el);
  return (hints.negative ? -25 : 0) + (hints.positive ? 25 : 0);
}

function isHidden(el: Element): boolean {
  const style = (el.attribs.style ?? '').replace(/\s/g, '').toLowerCase();
  return (
    'hidden' in el.attribs ||
    el.attribs['aria-hidden'] === 'true' ||
    style.includes('display:none') ||
    style.includes('visibility:hidden')
  );
}

// ---------------------------------------------------------------------------------------------
// Page metadata (read from the intact page, before anything is removed)

interface HeadMeta {
  /** Lower-cased meta name/property/itemprop → content (the first one wins). */
  meta: Map<string, string>;
  ldDate: string | null;
  ldPublisher: string | null;
  docTitle: string;
  h1s: string[];
}

/** Fields of interest found in JSON-LD blocks, through arrays and @graph. */
function readJsonLd(value: unknown, out: { date: string | null; publisher: string | null }): void {
  if (Array.isArray(value)) {
    for (const item of value) readJsonLd(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') out.date ??= record.datePublished;
  const publisher = record.publisher;
  if (typeof publisher === 'string') out.publisher ??= publisher;
  else if (typeof publisher === 'object' && publisher !== null) {
    const name = (publisher as Record<string, unknown>).name;
    if (typeof name === 'string') out.publisher ??= name;
  }
  if (record['@graph']) readJsonLd(record['@graph'], out);
}

/**
 * The text of a subtree, without the content of scripts and styles. Blocks end with a space,
 * so that the fields of a meta line never run into the next paragraph.
 */
function innerText(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (node.type !== 'tag' && node.type !== 'root') return '';
  let out = '';
  for (const child of node.children) out += innerText(child);
  return node.type === 'tag' && (BLOCKS.has(node.name) || node.name === 'br') ? `${out} ` : out;
}

/** What the metadata step needs from the page, gathered in one walk over it. */
interface PageScan {
  metas: Element[];
  jsonLd: string[];
  titles: string[];
  h1s: string[];
  times: string[];
  datePublished: string[];
  body: Element | null;
}

function scanPage(node: AnyNode, scan: PageScan): void {
  if (!isElement(node)) {
    if (node.type === 'root') for (const child of node.children) scanPage(child, scan);
    return;
  }
  const { name, attribs } = node;
  if (name === 'meta') scan.metas.push(node);
  else if (name === 'script' && attribs.type?.toLowerCase() === 'application/ld+json') {
    scan.jsonLd.push(node.children.map(textOf).join(''));
  } else if (name === 'title') scan.titles.push(innerText(node));
  else if (name === 'h1') scan.h1s.push(innerText(node));
  else if (name === 'body') scan.body ??= node;
  if (name === 'time' && attribs.datetime) scan.times.push(attribs.datetime);
  if (attribs.itemprop === 'datePublished') {
    const value = attribs.content ?? attribs.datetime;
    if (value) scan.datePublished.push(value);
  }
  if (name !== 'script' && name !== 'style')
    for (const child of node.children) scanPage(child, scan);
}

function readHeadMeta(scan: PageScan): HeadMeta {
  const meta = new Map<string, string>();
  const set = (key: string | undefined, value: string | undefined): void => {
    if (key && value?.trim() && !meta.has(key.toLowerCase()))
      meta.set(key.toLowerCase(), value.trim());
  };
  for (const el of scan.metas) {
    set(el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop, el.attribs.content);
  }
  set('datepublished', scan.datePublished[0]);
  set('time', scan.times[0]);
  const ld = { date: null as string | null, publisher: null as string | null };
  for (const json of scan.jsonLd) {
    try {
      readJsonLd(JSON.parse(json), ld);
    } catch {
      // A broken JSON-LD block says nothing; the other sources still do.
    }
  }
  return {
    meta,
    ldDate: ld.date,
    ldPublisher: ld.publisher,
    docTitle: collapseWhitespace(scan.titles[0] ?? ''),
    h1s: scan.h1s.map(collapseWhitespace).filter((t) => t.length > 0),
  };
}

/** Separators between a headline and the site name in <title>. */
const TITLE_SEPARATOR = /\s*(?:[_|｜]+|\s[-–—]+\s|[-–—]+)\s*/g;

/**
 * Splits "headline_澜潮财经" / "headline - 证券视界网" / "headline-保险科技观察" into headline and
 * site name. A bare "-" between letters or digits is not a separator (GPT-4, DeepSeek-R1).
 */
export function splitTitleSuffix(title: string): { headline: string; site: string | null } {
  let last: RegExpExecArray | null = null;
  for (const m of title.matchAll(TITLE_SEPARATOR)) {
    const before = title[m.index - 1] ?? '';
    const after = title[m.index + m[0].length] ?? '';
    const bare = m[0] === '-';
    if (bare && /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after)) continue;
    last = m;
  }
  if (!last) return { headline: title, site: null };
  const site = title.slice(last.index + last[0].length).trim();
  const headline = title.slice(0, last.index).trim();
  const siteLike =
    looksLikeMediaName(site) && site.length <= 16 && /\p{Script=Han}|[A-Za-z]{3}/u.test(site);
  return siteLike && headline.length >= 4 ? { headline, site } : { headline: title, site: null };
}

/**
 * The headline: og:title, else the <h1> that agrees with <title> (the longest one the title
 * contains or is contained in: logos and site names in <h1> are not headlines), else <title>
 * minus the site name.
 */
function chooseTitle(head: HeadMeta, suffixSite: string | null): string {
  const og = head.meta.get('og:title') ?? head.meta.get('twitter:title');
  if (og) {
    // Some sites repeat their name in og:title too; only a name the page gives elsewhere goes.
    const split = splitTitleSuffix(collapseWhitespace(og));
    const site = head.meta.get('og:site_name') ?? suffixSite;
    return split.site && split.site === site ? split.headline : collapseWhitespace(og);
  }
  const headline = splitTitleSuffix(head.docTitle).headline;
  const h1s = head.h1s.filter((h) => h.length >= 4 && h !== suffixSite);
  const agreeing = h1s
    .filter((h) => headline.includes(h) || h.includes(headline))
    .sort((a, b) => b.length - a.length)[0];
  return agreeing ?? (headline || h1s[0] || '');
}

function firstMeta(head: HeadMeta, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = head.meta.get(key);
    if (value) return value;
  }
  return null;
}

/** Fields of the meta line under the headline ("2024-11-08 10:26 来源:澜潮财经 作者:许安然"). */
const WINDOW_SOURCE = /(?:来源|出处|稿源)\s*[:：]\s*([^\s|｜/，,。:：]{2,20})/;
const WINDOW_EDITOR = /责任编辑\s*[:：]\s*([\p{Script=Han}·]{2,6})/u;
/** How far after the headline the meta line is looked for. */
const META_WINDOW_CHARS = 200;

/** The text just after the headline in the page, where the meta line sits. */
function metaWindow(body: AnyNode | null, title: string): string {
  if (!title || !body) return '';
  const text = innerText(body).replace(/\s+/g, ' ');
  const at = text.indexOf(title);
  return at === -1 ? '' : text.slice(at + title.length, at + title.length + META_WINDOW_CHARS);
}

/** Reads a field in the simplified window and returns it from the original at the same place. */
function windowField(window: string, norm: string, pattern: RegExp): string | null {
  const m = pattern.exec(norm);
  if (!m?.[1]) return null;
  const start = m.index + m[0].length - m[1].length;
  return window.slice(start, start + m[1].length);
}

/** Bylines in the meta line ("记者 邝一苇", "作者:许安然"): who wrote it, as the page says. */
const WINDOW_BYLINE =
  /(?:^|[\s|｜/·]|(?<=[\p{Script=Han}]{2}))(记者|作者|撰文|特约记者)\s*[:：]?\s*([\p{Script=Han}·]{2,4})(?=$|[\s|｜/·\d])/gu;

/**
 * The bylines of the meta line, as the page writes them (記者 黎靜儀 on a traditional page):
 * matched on the simplified window, taken from the original at the same place, with the media
 * written right before the role (鹭江财经记者 汪晴雪).
 */
function windowBylines(window: string, norm: string): string[] {
  return [...norm.matchAll(WINDOW_BYLINE)].map((m) => {
    const start = m.index + m[0].indexOf(m[1] ?? '');
    const media =
      /[\p{Script=Han}]{2,10}$/u.exec(norm.slice(Math.max(0, start - 10), start))?.[0] ?? '';
    const mediaStart = start - media.length;
    const roleEnd = start + (m[1]?.length ?? 0);
    const nameStart = m.index + m[0].length - (m[2]?.length ?? 0);
    return `${window.slice(mediaStart, roleEnd)} ${window.slice(nameStart, m.index + m[0].length)}`;
  });
}

function readPageMeta($: cheerio.CheerioAPI): {
  title: string;
  meta: PageMeta;
  bylines: string[];
} {
  const scan: PageScan = {
    metas: [],
    jsonLd: [],
    titles: [],
    h1s: [],
    times: [],
    datePublished: [],
    body: null,
  };
  const root = $.root()[0];
  if (root) scanPage(root, scan);
  const head = readHeadMeta(scan);
  const suffixSite = splitTitleSuffix(head.docTitle).site;
  const title = chooseTitle(head, suffixSite);
  const window = metaWindow(scan.body ?? root ?? null, title);
  const norm = toSimplified(window);
  const metaDate = firstMeta(head, DATE_META_KEYS) ?? head.ldDate ?? head.meta.get('time') ?? null;
  const metaPublisher = [firstMeta(head, PUBLISHER_META_KEYS), head.ldPublisher, suffixSite]
    .map((p) => p?.trim())
    .find((p): p is string => Boolean(p && looksLikeMediaName(p)));
  return {
    title,
    meta: {
      publishedAt: (metaDate ? toIsoDate(metaDate) : null) ?? toIsoDate(norm),
      publisher: metaPublisher ?? windowField(window, norm, WINDOW_SOURCE),
      editor: windowField(window, norm, WINDOW_EDITOR),
    },
    bylines: windowBylines(window, norm),
  };
}

// ---------------------------------------------------------------------------------------------
// Text statistics: one post-order walk, then kept up to date when subtrees are removed

interface Stats {
  /** Non-space characters in the subtree. */
  chars: number;
  /** Of which inside <a>. */
  linkChars: number;
  punct: number;
  /** Characters and punctuation outside block descendants: the element's own paragraph. */
  inlineChars: number;
  inlinePunct: number;
}

type StatsMap = Map<Element, Stats>;

function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) n++;
  return n;
}

function computeStats(el: Element, map: StatsMap, inLink: boolean): Stats {
  const stats: Stats = { chars: 0, linkChars: 0, punct: 0, inlineChars: 0, inlinePunct: 0 };
  map.set(el, stats);
  // Scripts and styles are removed unread; their commas and colons are not prose.
  if (JUNK.has(el.name)) return stats;
  const link = inLink || el.name === 'a';
  for (const child of el.children) {
    if (child.type === 'text') {
      const chars = countChars(child.data);
      const punct = countPunct(child.data);
      stats.chars += chars;
      stats.punct += punct;
      stats.inlineChars += chars;
      stats.inlinePunct += punct;
      if (link) stats.linkChars += chars;
    } else if (isElement(child)) {
      const sub = computeStats(child, map, link);
      stats.chars += sub.chars;
      stats.linkChars += sub.linkChars;
      stats.punct += sub.punct;
      if (!BLOCKS.has(child.name)) {
        stats.inlineChars += sub.inlineChars;
        stats.inlinePunct += sub.inlinePunct;
      }
    }
  }
  return stats;
}

function linkDensity(stats: Stats | undefined): number {
  return stats && stats.chars > 0 ? stats.linkChars / stats.chars : 0;
}

/** Takes a removed subtree's counts off its ancestors, so no second walk is needed. */
function subtractFromAncestors(el: Element, map: StatsMap): void {
  const gone = map.get(el);
  if (!gone) return;
  // An inline element's text is part of the own paragraph of every ancestor up to (and
  // including) the first block one.
  let inline = !BLOCKS.has(el.name);
  for (let p = el.parent; p && isElement(p); p = p.parent) {
    const s = map.get(p);
    if (!s) continue;
    s.chars -= gone.chars;
    s.linkChars -= gone.linkChars;
    s.punct -= gone.punct;
    if (inline) {
      s.inlineChars -= gone.inlineChars;
      s.inlinePunct -= gone.inlinePunct;
    }
    inline &&= !BLOCKS.has(p.name);
  }
}

// ---------------------------------------------------------------------------------------------
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
// Writing the content out as lines

interface LineBuilder {
  parts: string[];
  chars: number;
  linkChars: number;
  lines: Line[];
}

function flushLine(b: LineBuilder, kind: Line['kind']): void {
  const raw = b.parts.join('');
  if (raw.trim()) {
    const line = makeLine(raw, kind, b.chars > 0 ? b.linkChars / b.chars : 0);
    if (line.text) b.lines.push(line);
  }
  b.parts = [];
  b.chars = 0;
  b.linkChars = 0;
}

function kindOf(tag: string, inherited: Line['kind']): Line['kind'] {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li') return 'item';
  return inherited;
}

function writeNode(node: AnyNode, b: LineBuilder, kind: Line['kind'], inLink: boolean): void {
  if (node.type === 'text') {
    const data = textOf(node);
    // White space between tags separates words; inside a text node it may be a hard wrap.
    if (!data.trim()) {
      b.parts.push(' ');
      return;
    }
    b.parts.push(data);
    const chars = countChars(data);
    b.chars += chars;
    if (inLink) b.linkChars += chars;
    return;
  }
  if (!isElement(node)) return;
  if (node.name === 'br') {
    flushLine(b, kind);
    return;
  }
  const block = BLOCKS.has(node.name);
  const own = kindOf(node.name, kind);
  if (block) flushLine(b, kind);
  const link = inLink || node.name === 'a';
  for (const child of node.children) writeNode(child, b, own, link);
  if (node.name === 'td' || node.name === 'th') b.parts.push(' ');
  if (block) flushLine(b, own);
}

function writeLines(elements: readonly Element[]): Line[] {
  const b: LineBuilder = { parts: [], chars: 0, linkChars: 0, lines: [] };
  for (const el of elements) {
    writeNode(el, b, 'para', false);
    flushLine(b, 'para');
  }
  return b.lines;
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
  return {
    source: doc.source,
    format: doc.format,
    contentHash: doc.contentHash,
    encoding: doc.encoding,
    title,
    publishedAt: meta.publishedAt ?? header.publishedAt,
    publisher: meta.publisher ?? header.publisher,
    editor: meta.editor ?? header.editor,
    text: missing.length ? `${missing.join('\n')}\n${body}` : body,
  };
}
