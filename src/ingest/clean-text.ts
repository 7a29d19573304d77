import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { collapseWhitespace, toSimplified } from '../domain/normalize.ts';
import {
  BYLINE_ROLES,
  COMMENT_HEADING_ENDINGS,
  COUNTER_LINE_PATTERN,
  DISCLAIMER_PATTERNS,
  FILING_LINE_PATTERN,
  FOOTER_STRONG_PATTERNS,
  FOOTER_WEAK_PATTERNS,
  FURNITURE_HEADING_ENDINGS,
  FURNITURE_HEADING_MAX_LENGTH,
  FURNITURE_HEADING_PREFIX_MAX_LENGTH,
  FURNITURE_HEADING_PREFIXES,
  FURNITURE_HEADINGS,
  MENU_ITEM_MAX_LENGTH,
  MENU_MIN_ITEMS,
  MENU_SEPARATOR,
  META_FIELDS,
  SIGNATURE_ENDINGS,
  TITLE_CONTINUATION_ENDINGS,
  TOOL_LINE_PATTERNS,
} from './furniture.ts';

/** A line (paragraph) on its way into the clean text, with what its source said about it. */
export interface Line {
  /** The characters as written, white space collapsed. */
  text: string;
  /** `text` in simplified characters, same length: what the furniture patterns look at. */
  norm: string;
  kind: 'para' | 'heading' | 'item';
  /** Share of the characters that sit inside links (HTML); 0 for plain text. */
  linkDensity: number;
}

/** What a page says about itself besides its text. */
export interface PageMeta {
  publishedAt: string | null;
  publisher: string | null;
  editor: string | null;
}

/** Builds a Line from raw text (white space is collapsed here). */
export function makeLine(raw: string, kind: Line['kind'] = 'para', linkDensity = 0): Line {
  const text = collapseWhitespace(raw);
  return { text, norm: toSimplified(text), kind, linkDensity };
}

// ---------------------------------------------------------------------------------------------
// Shapes of lines

const SENTENCE_PUNCT = /[，,。！？!?；;：:、“”]/g;
const SENTENCE_END = /[。！？!?…；;][”’」』）)】"'》]*$/;
const FULL_STOP_END = /[。．.][”’」』）)】"'》]*$/;
const INNER_SENTENCE_PUNCT = /[，,。！？!?；;]/;

/** Minimum length of a paragraph that certainly belongs to an article. */
const STRONG_MIN_LENGTH = 50;
const STRONG_MIN_PUNCT = 3;
/** Above this share of link text a line is a link, not a paragraph. */
const LINK_LINE_DENSITY = 0.6;
/** Header fields and header lines stay short. */
const META_VALUE_MAX_LENGTH = 40;
const META_LINE_MAX_LENGTH = 120;
const HEADER_MAX_LINES = 12;
const BYLINE_MAX_LENGTH = 40;
const TOOL_LINE_MAX_LENGTH = 30;

/** Punctuation marks that prose has and menus and headlines mostly lack. */
export function countPunct(s: string): number {
  return s.match(SENTENCE_PUNCT)?.length ?? 0;
}

/** Whether the text ends a sentence (。！？!?…；, closing quotes and brackets allowed). */
export function endsSentence(s: string): boolean {
  return SENTENCE_END.test(s);
}

/**
 * A paragraph that only an article has: long, punctuated like prose, ending a sentence, not a
 * link. Headlines in hot lists never end with a full stop and comments are short.
 */
export function isStrongParagraph(line: Line): boolean {
  return (
    line.kind !== 'heading' &&
    line.norm.length >= STRONG_MIN_LENGTH &&
    line.linkDensity < 0.3 &&
    endsSentence(line.norm) &&
    countPunct(line.norm) >= STRONG_MIN_PUNCT
  );
}

/** "网友评论(4)", "热门推荐 更多>>", "【相关阅读】" → "网友评论", "热门推荐", "相关阅读". */
function headingKey(norm: string): string {
  return norm
    .replace(/更多\s*[>»›]*$/, '')
    .replace(/[(（]\s*\d*\s*[)）]$/, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

const HEADING_SET = new Set(FURNITURE_HEADINGS);

/** The heading of a hot-news list, a related-links box or a comments section. */
export function isFurnitureHeading(line: Line): boolean {
  if (line.norm.length > FURNITURE_HEADING_MAX_LENGTH + 8) return false;
  const key = headingKey(line.norm);
  if (key.length === 0 || key.length > FURNITURE_HEADING_MAX_LENGTH) return false;
  return (
    HEADING_SET.has(key) ||
    FURNITURE_HEADING_ENDINGS.some((end) => key.endsWith(end)) ||
    (key.length <= FURNITURE_HEADING_PREFIX_MAX_LENGTH &&
      FURNITURE_HEADING_PREFIXES.some((start) => key.startsWith(start)))
  );
}

/** "关于我们 | 联系我们 | 加入我们", "首页 > 银行 > 正文": short items between separators. */
export function isMenuLine(norm: string): boolean {
  const items = norm.split(MENU_SEPARATOR).filter((item) => item.length > 0);
  if (items.length < MENU_MIN_ITEMS) return false;
  return items.every(
    (item) => item.length <= MENU_ITEM_MAX_LENGTH && !INNER_SENTENCE_PUNCT.test(item),
  );
}

const BYLINE = new RegExp(
  `(?:^|[\\s(（【\\[|｜/])[\\p{Script=Han}A-Za-z]{0,12}?(?:${BYLINE_ROLES.join('|')})` +
    `(?:\\s*[:：|｜/]\\s*|\\s+)[\\p{Script=Han}A-Za-z·]{2,}`,
  'u',
);

/** "界面新闻记者 | 何柳颖", "(责任编辑:卢骁)", "本报记者 喻涵 北京报道": a byline or sign-off. */
export function isByline(line: Line): boolean {
  return (
    line.norm.length <= BYLINE_MAX_LENGTH &&
    !INNER_SENTENCE_PUNCT.test(line.norm) &&
    BYLINE.test(line.norm)
  );
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** "二〇二四" → 2024 (digit by digit); "十五" → 15, "二十" → 20, "三十一" → 31. */
function chineseNumber(s: string): number {
  if (!s.includes('十')) return Number([...s].map((c) => CHINESE_DIGITS[c] ?? 0).join(''));
  const [tens, ones] = s.split('十');
  return (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0);
}

function isoFromParts(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$/;
const CHINESE_DATE =
  /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;

/**
 * The first date in `s` as ISO YYYY-MM-DD: 2024-09-15, 2024/9/15, 2024年9月15日,
 * 2024-11-08T10:26:00+08:00 (the date as written, not moved to UTC), 20240915,
 * 二〇二四年九月十五日.
 */
export function toIsoDate(s: string): string | null {
  const m = DATE.exec(s);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  const compact = COMPACT_DATE.exec(s.trim());
  if (compact) return isoFromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const zh = CHINESE_DATE.exec(s);
  if (zh?.[1] && zh[2] && zh[3]) {
    return isoFromParts(chineseNumber(zh[1]), chineseNumber(zh[2]), chineseNumber(zh[3]));
  }
  return null;
}

/** A date (and time) with nothing else: "2024-09-15 18:02:53", "2024年9月15日 星期日". */
const DATE_ONLY =
  /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:星期|周)[一二三四五六日天])?$/;

/** The signing lines of an announcement ("XX银行股份有限公司董事会", "2024年9月15日"). */
export function isSignature(line: Line): boolean {
  if (line.norm.length > BYLINE_MAX_LENGTH || INNER_SENTENCE_PUNCT.test(line.norm)) return false;
  return DATE_ONLY.test(line.norm) || SIGNATURE_ENDINGS.some((end) => line.norm.endsWith(end));
}

/** A short media name (澜潮财经, 证券视界网), not a sentence that happens to follow 来源:. */
export function looksLikeMediaName(s: string): boolean {
  const name = s.trim();
  return (
    name.length >= 2 &&
    name.length <= 20 &&
    !/[，,。！？!?；;：:、“”]|https?:/.test(name) &&
    !/^\d/.test(name)
  );
}

/** Whether the line is page furniture wherever it stands (footer, disclaimer, menu, tools). */
export function isBoilerplateLine(line: Line, strong = isStrongParagraph(line)): boolean {
  const { norm } = line;
  if (FOOTER_STRONG_PATTERNS.some((p) => p.test(norm))) return true;
  if (DISCLAIMER_PATTERNS.some((p) => p.test(norm))) return true;
  if (strong) return false;
  if (FOOTER_WEAK_PATTERNS.some((p) => p.test(norm))) return true;
  if (norm.length <= TOOL_LINE_MAX_LENGTH && TOOL_LINE_PATTERNS.some((p) => p.test(norm)))
    return true;
  if (line.kind !== 'heading' && isMenuLine(norm)) return true;
  return line.linkDensity >= 0.8;
}

// ---------------------------------------------------------------------------------------------
// Header fields: 来源: X  责任编辑: X  发布时间: 2024-09-15 18:02:53  作者: X

/** What a header field is; 'site' is a media name standing alone after a date. */
type MetaRole = (typeof META_FIELDS)[number]['role'] | 'site';

const META_KEY = new RegExp(
  `(?:^|(?<=[\\s|｜/·•【\\[（(]))(${[...META_FIELDS]
    .map((f) => f.key)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s*[:：]\\s*`,
  'gu',
);
const META_ROLES: ReadonlyMap<string, MetaRole> = new Map(META_FIELDS.map((f) => [f.key, f.role]));
const FIELD_TRIM = /^[\s|｜/·•【[（(]+|[\s|｜/·•】\]）)]+$/g;

interface MetaField {
  role: MetaRole;
  /** The field as written ("作者:许安然"), to put back when it is a byline. */
  raw: string;
  value: string;
}

/** A date (and time, weekday) at the start of a line, and what follows it. */
const DATE_LEAD = new RegExp(`^(${DATE_ONLY.source.slice(1, -1)})(.*)$`);

/**
 * "2025-04-26 20:18 湾区财经周刊": a date line whose remainder names the site. The remainder is
 * kept as a guess at the publisher, used only when no 来源 field says otherwise.
 */
function parseDateLine(line: Line): MetaField[] | null {
  const m = DATE_LEAD.exec(line.norm);
  if (!m?.[1]) return null;
  const date = line.text.slice(0, m[1].length);
  const rest = line.text.slice(m[1].length).replace(FIELD_TRIM, '');
  if (!rest) return [{ role: 'date', raw: date, value: date }];
  if (!looksLikeMediaName(rest) || /\d|\s/.test(rest)) return null;
  return [
    { role: 'date', raw: date, value: date },
    { role: 'site', raw: rest, value: rest },
  ];
}

/**
 * Reads a header line made of fields ("2024-11-08 10:26 来源:澜潮财经 作者:许安然"), or returns
 * null when the line is anything else. Values are sliced from the original text (the keys are
 * found in the simplified one, at the same offsets).
 */
export function parseMetaLine(line: Line): MetaField[] | null {
  const { text, norm } = line;
  if (norm.length > META_LINE_MAX_LENGTH) return null;
  const keys = [...norm.matchAll(META_KEY)];
  const first = keys[0];
  if (!first) return parseDateLine(line);
  const lead = norm.slice(0, first.index).replace(FIELD_TRIM, '');
  if (lead.length > 0 && !DATE_ONLY.test(lead)) return null;
  const fields: MetaField[] = lead ? [{ role: 'date', raw: lead, value: lead }] : [];
  for (const [i, key] of keys.entries()) {
    const end = keys[i + 1]?.index ?? text.length;
    const raw = text.slice(key.index, end).replace(FIELD_TRIM, '');
    const value = text.slice(key.index + key[0].length, end).replace(FIELD_TRIM, '');
    if (value.length > META_VALUE_MAX_LENGTH) return null;
    fields.push({ role: META_ROLES.get(key[1] ?? '') ?? 'drop', raw, value });
  }
  return fields;
}

/** Records the fields in `meta` (first value wins) and returns the bylines to keep. */
function applyMetaFields(fields: readonly MetaField[], meta: PageMeta, sites: string[]): string[] {
  const kept: string[] = [];
  for (const field of fields) {
    if (field.role === 'date') meta.publishedAt ??= toIsoDate(field.value);
    else if (field.role === 'publisher' && looksLikeMediaName(field.value))
      meta.publisher ??= field.value;
    else if (field.role === 'site') sites.push(field.value);
    else if (field.role === 'editor' && field.value) meta.editor ??= field.value;
    else if (field.role === 'byline') kept.push(field.raw);
  }
  return kept;
}

/**
 * Takes the header block off the top of the article: its fields go to `meta`, counters ("0",
 * "阅读 3829") and filing lines go away, bylines stay. Stops at the first line that is none of
 * these.
 */
export function readHeader(lines: readonly Line[], meta: PageMeta): Line[] {
  const out: Line[] = [];
  const sites: string[] = [];
  let i = 0;
  for (; i < lines.length && i < HEADER_MAX_LINES; i++) {
    const line = lines[i];
    if (!line) break;
    if (COUNTER_LINE_PATTERN.test(line.norm) || FILING_LINE_PATTERN.test(line.norm)) continue;
    const fields = parseMetaLine(line);
    if (fields) {
      const kept = applyMetaFields(fields, meta, sites);
      if (kept.length > 0) out.push(makeLine(kept.join(' '), line.kind));
      continue;
    }
    if (!isByline(line)) break;
    out.push(line);
  }
  meta.publisher ??= sites[0] ?? null;
  return out.concat(lines.slice(i));
}

// ---------------------------------------------------------------------------------------------
// Furniture after (and inside) the article

/** "· 标题", "• 标题", "▪ 标题": a bulleted line, as link lists are written out in dumps. */
const BULLET = /^[·•●○◆◇▪▫■□►▶-]\s*\S/;

/**
 * A line that says "list, not article" on its own: a bare number, a bulleted headline, a link,
 * or furniture of any kind (menu, footer, share bar).
 */
function isListClue(line: Line): boolean {
  return (
    /^\d{1,3}$/.test(line.norm) ||
    (BULLET.test(line.norm) && isHeadlineLike(line)) ||
    line.linkDensity >= LINK_LINE_DENSITY ||
    isBoilerplateLine(line, false)
  );
}

/** A line that could be a headline in a list: short, not ending with a full stop. */
function isHeadlineLike(line: Line): boolean {
  return line.norm.length <= 60 && !FULL_STOP_END.test(line.norm);
}

/**
 * Drops the run of list-like lines that ends the document (a hot list with no heading, a
 * footer) when it shows clear list clues. Bylines and signature blocks stop the run: they end
 * articles and announcements and are content.
 */
function trimTail(lines: readonly Line[]): Line[] {
  let cut = lines.length;
  let clues = 0;
  let run = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line || isByline(line) || isSignature(line)) break;
    if (isListClue(line)) clues++;
    else if (!isHeadlineLike(line)) break;
    run++;
    if (clues >= 2 && clues >= run * 0.3) cut = i;
  }
  return lines.slice(0, cut);
}

/** Characters of strong paragraphs after each index: how much article is still to come. */
function strongCharsAfter(lines: readonly Line[], strong: readonly boolean[]): number[] {
  const after = new Array<number>(lines.length + 1).fill(0);
  for (let i = lines.length - 1; i >= 0; i--) {
    after[i] = (after[i + 1] ?? 0) + (strong[i] ? (lines[i]?.norm.length ?? 0) : 0);
  }
  return after;
}

function isCommentHeading(line: Line): boolean {
  const key = headingKey(line.norm);
  return COMMENT_HEADING_ENDINGS.some((end) => key.endsWith(end));
}

/**
 * Removes page furniture from the article's lines. A furniture heading (新闻热榜, 相关阅读,
 * 网友评论…) ends the article when no strong paragraph follows it (a comments heading, when
 * most of the article's prose is before it); otherwise it opens an inset list that lasts until
 * the next strong paragraph. Footers, disclaimers, menus and share bars go wherever they are;
 * a list-like tail goes too.
 */
export function dropFurniture(lines: readonly Line[]): Line[] {
  const strong = lines.map(isStrongParagraph);
  const after = strongCharsAfter(lines, strong);
  const total = after[0] ?? 0;
  const out: Line[] = [];
  let inList = false;
  for (const [i, line] of lines.entries()) {
    if (isFurnitureHeading(line)) {
      const rest = after[i] ?? 0;
      if (rest === 0 || (isCommentHeading(line) && rest * 2 < total)) break;
      inList = true;
      continue;
    }
    if (inList && !strong[i]) continue;
    inList = false;
    if (!isBoilerplateLine(line, strong[i])) out.push(line);
  }
  return trimTail(out);
}

/** Removes lines that repeat the title (pages often print the headline again in the body). */
export function dropTitleRepeats(lines: readonly Line[], title: string): Line[] {
  if (!title) return [...lines];
  return lines.filter((line) => line.text !== title);
}

/** Joins lines into the CleanDocument text: one paragraph per line. */
export function joinLines(lines: readonly Line[]): string {
  return lines
    .map((l) => l.text)
    .filter((t) => t.length > 0)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown → lines

/** A Markdown block as plain text. */
interface MarkdownBlock {
  text: string;
  kind: Line['kind'];
}

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX_HEADING = /^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(?:=+|-+)\s*$/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S/;
const BLOCKQUOTE_MARKER = /^(?:\s{0,3}>\s?)+/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
export const FRONT_MATTER = /^(?:---|\+\+\+)\n([\s\S]*?)\n(?:---|\+\+\+)\s*(?:\n|$)/;
/** Two trailing spaces or a backslash end a line for good. */
const HARD_BREAK = /\s{2}$|\\$/;
/** A soft-wrapped source line is long and stops mid-sentence; short lines are their own block. */
const WRAP_MIN_LENGTH = 20;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  hellip: '…',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16)
        : Number(name.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : whole;
  });
}

/** Inline Markdown to plain text: images go, links keep their text, emphasis its content. */
export function stripInlineMarkdown(s: string): string {
  return decodeEntities(
    s
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(?:https?|mailto):[^>]*>/gi, '')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/~~(.+?)~~/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1'),
  );
}

/** Reads `key: value` lines of a front matter block. */
function parseFrontMatter(block: string): Record<string, string> {
  const front: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const m = /^\s*([\w\u4e00-\u9fff-]+)\s*[:=：]\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2]) front[m[1].toLowerCase()] = m[2].replace(/^["'[]|["'\]]$/g, '');
  }
  return front;
}

/** Indices of the table rows around each separator row ("| a | b |" / "|---|---|"). */
function tableRows(lines: readonly string[]): Set<number> {
  const rows = new Set<number>();
  lines.forEach((line, i) => {
    if (!TABLE_SEPARATOR.test(line) || !line.includes('-')) return;
    rows.add(i);
    if (i > 0 && lines[i - 1]?.includes('|')) rows.add(i - 1);
    for (let j = i + 1; j < lines.length && lines[j]?.includes('|'); j++) rows.add(j);
  });
  return rows;
}

function tableCells(row: string): string {
  return row
    .replace(/^\s*\||\|\s*$/g, '')
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * Whether the next source line continues `block` (CommonMark joins every line of a paragraph;
 * Chinese Markdown often has one paragraph or one header field per line instead, so only a
 * long line that stops mid-sentence is taken as wrapped).
 */
function isSoftWrap(block: MarkdownBlock, previousLine: string): boolean {
  return (
    block.kind !== 'heading' &&
    block.text.length >= WRAP_MIN_LENGTH &&
    !endsSentence(block.text) &&
    !HARD_BREAK.test(previousLine)
  );
}

/** Joins a soft-wrapped line to its paragraph: no space between Chinese characters. */
function joinWrapped(a: string, b: string): string {
  const last = a.at(-1) ?? '';
  const next = b[0] ?? '';
  return /[!-~]/.test(last) && /[!-~]/.test(next) ? `${a} ${b}` : a + b;
}

/**
 * Markdown to plain blocks: headings, list items and paragraphs (soft-wrapped lines joined),
 * table rows as their cells' text; fences, rules, reference definitions and markers dropped.
 */
export function markdownToLines(source: string): {
  lines: MarkdownBlock[];
  front: Record<string, string>;
} {
  const fm = FRONT_MATTER.exec(source);
  const front = fm?.[1] ? parseFrontMatter(fm[1]) : {};
  const lines = (fm ? source.slice(fm[0].length) : source)
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n');
  const rows = tableRows(lines);
  const blocks: MarkdownBlock[] = [];
  // The block being built: soft-wrapped lines and list-item continuations add to it.
  const pending: { block: MarkdownBlock | null } = { block: null };
  const flush = (): void => {
    if (pending.block)
      blocks.push({ ...pending.block, text: stripInlineMarkdown(pending.block.text) });
    pending.block = null;
  };
  const emit = (text: string, kind: Line['kind']): void => {
    flush();
    blocks.push({ text, kind });
  };
  let inFence = false;
  for (const [i, sourceLine] of lines.entries()) {
    if (FENCE.test(sourceLine)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (sourceLine.trim()) emit(sourceLine, 'para');
      continue;
    }
    if (rows.has(i)) {
      if (TABLE_SEPARATOR.test(sourceLine)) flush();
      else emit(stripInlineMarkdown(tableCells(sourceLine)), 'para');
      continue;
    }
    const line = sourceLine.replace(BLOCKQUOTE_MARKER, '');
    const current = pending.block;
    if (!line.trim() || REFERENCE_DEFINITION.test(line)) {
      flush();
    } else if (current?.kind === 'para' && SETEXT_UNDERLINE.test(line)) {
      current.kind = 'heading';
      flush();
    } else if (THEMATIC_BREAK.test(line)) {
      flush();
    } else if (ATX_HEADING.test(line)) {
      emit(stripInlineMarkdown(ATX_HEADING.exec(line)?.[1] ?? ''), 'heading');
    } else if (LIST_ITEM.test(line)) {
      flush();
      pending.block = { text: LIST_ITEM.exec(line)?.[1] ?? '', kind: 'item' };
    } else if (current && isSoftWrap(current, lines[i - 1] ?? '')) {
      current.text = joinWrapped(current.text, line.trim());
    } else {
      flush();
      pending.block = { text: line.trim(), kind: 'para' };
    }
  }
  flush();
  return { lines: blocks.filter((b) => b.text.trim().length > 0), front };
}

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

/** The date under an announcement's signature ("…董事会 / 2025年3月28日"), if the text ends so. */
export function signatureDate(lines: readonly Line[]): string | null {
  for (const line of lines.slice(-3).reverse()) {
    if (DATE_ONLY.test(line.norm)) return toIsoDate(line.norm);
  }
  return null;
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
  const lines = md ? md.lines.map((l) => makeLine(l.text, l.kind)) : plainLines(doc.text);
  const frontBylines = md ? applyFrontMatter(md.front, meta) : [];
  const frontTitle = md?.front.title ? collapseWhitespace(md.front.title) : '';

  const { title, rest } = md ? takeMarkdownTitle(lines, frontTitle) : takePlainTitle(lines);
  const body = dropFurniture(readHeader(dropTitleRepeats(rest, title), meta));
  meta.publishedAt ??= signatureDate(body);
  return {
    source: doc.source,
    format: doc.format,
    contentHash: doc.contentHash,
    encoding: doc.encoding,
    title,
    publishedAt: meta.publishedAt,
    publisher: meta.publisher,
    editor: meta.editor,
    text: joinLines([...frontBylines, ...body]),
  };
}
