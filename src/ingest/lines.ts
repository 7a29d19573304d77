import type { CleanDocument, DecodedDocument } from '../domain/document.ts';
import { collapseWhitespace, toSimplified } from '../domain/normalize.ts';
import {
  BYLINE_ROLES,
  DISCLAIMER_PATTERNS,
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
  SIGNATURE_ENDINGS,
  TOOL_LINE_PATTERNS,
} from './furniture.ts';

// A line (paragraph) of an article on its way through the clean step, and what its shape says
// about it: a sentence, a heading of furniture, a menu, a byline, a date, a signature. The HTML
// cleaner and the text cleaner share these.

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
export const FULL_STOP_END = /[。．.][”’」』）)】"'》]*$/;
export const INNER_SENTENCE_PUNCT = /[，,。！？!?；;]/;

/** Minimum length of a paragraph that certainly belongs to an article. */
const STRONG_MIN_LENGTH = 50;
const STRONG_MIN_PUNCT = 3;
/** Above this share of link text a line is a link, not a paragraph. */
export const LINK_LINE_DENSITY = 0.6;
/** Header fields and header lines stay short. */
export const META_VALUE_MAX_LENGTH = 40;
export const META_LINE_MAX_LENGTH = 120;
export const HEADER_MAX_LINES = 12;
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
export function headingKey(norm: string): string {
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
export const DATE_ONLY =
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

/** What a cleaner finds in a document: everything of a CleanDocument but its identity. */
export type CleanFindings = Omit<CleanDocument, 'source' | 'format' | 'contentHash' | 'encoding'>;

/** The clean document: the decoded document's identity with what its cleaner found. */
export function cleanedFrom(doc: DecodedDocument, found: CleanFindings): CleanDocument {
  const { source, format, contentHash, encoding } = doc;
  return { source, format, contentHash, encoding, ...found };
}
