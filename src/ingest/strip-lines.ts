import {
  COMMENT_HEADING_ENDINGS,
  COUNTER_LINE_PATTERN,
  FILING_LINE_PATTERN,
  META_FIELDS,
} from './furniture.ts';
import {
  DATE_ONLY,
  FULL_STOP_END,
  HEADER_MAX_LINES,
  headingKey,
  isBoilerplateLine,
  isByline,
  isFurnitureHeading,
  isSignature,
  isStrongParagraph,
  LINK_LINE_DENSITY,
  type Line,
  looksLikeMediaName,
  META_LINE_MAX_LENGTH,
  META_VALUE_MAX_LENGTH,
  makeLine,
  type PageMeta,
  toIsoDate,
} from './lines.ts';

// What the clean step strips from an article's lines: the header block (来源/责任编辑/发布时间…,
// read into the page's metadata), the furniture after the article (related links, comments,
// footers) and repeats of the title.

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

/** The date under an announcement's signature ("…董事会 / 2025年3月28日"), if the text ends so. */
export function signatureDate(lines: readonly Line[]): string | null {
  for (const line of lines.slice(-3).reverse()) {
    if (DATE_ONLY.test(line.norm)) return toIsoDate(line.norm);
  }
  return null;
}
