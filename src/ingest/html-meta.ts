import type * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapseWhitespace, toSimplified } from '../domain/normalize.ts';
import { BLOCKS, isElement, textOf } from './dom.ts';
import { DATE_META_KEYS, PUBLISHER_META_KEYS } from './furniture-html.ts';
import { looksLikeMediaName, type PageMeta, toIsoDate } from './lines.ts';

// What a page says about itself (title, date, publisher, editor, bylines), read from the intact
// page before the cleaner removes anything: <head> meta and JSON-LD, then the lines around the
// headline.

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

export function readPageMeta($: cheerio.CheerioAPI): {
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
