import { Converter } from 'opencc-js/t2cn';

type ConvertFn = (text: string) => string;

// Building the converter loads OpenCC's dictionaries into a trie (milliseconds): done once, on
// first use, so that importing this module stays free.
let converter: ConvertFn | undefined;
const charCache = new Map<string, string>();

function getConverter(): ConvertFn {
  // 'hk' → 'cn' is character-aligned: every dictionary entry keeps its number of code points
  // (checked in test/pipeline/normalize.test.ts). 'twp' would not (記憶體 → 内存).
  converter ??= Converter({ from: 'hk', to: 'cn' });
  return converter;
}

/** Code points at which traditional and simplified Chinese can differ (CJK blocks). */
const MAY_BE_TRADITIONAL = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * Whether `out` can stand in for `text` position by position: same UTF-16 length, and
 * surrogate pairs in the same places (a BMP character that became an astral one and another
 * going the other way would keep the length but shift everything in between).
 */
function isAligned(text: string, out: string): boolean {
  if (out.length !== text.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (isSurrogate(text.charCodeAt(i)) !== isSurrogate(out.charCodeAt(i))) return false;
  }
  return true;
}

function convertChar(ch: string, convert: ConvertFn): string {
  let out = charCache.get(ch);
  if (out === undefined) {
    const converted = convert(ch);
    out = converted.length === ch.length ? converted : ch;
    charCache.set(ch, out);
  }
  return out;
}

/**
 * Converts traditional Chinese to simplified (OpenCC, hk → cn). The result always has the
 * same length as the input and each UTF-16 unit stays where it was, so offsets found in the
 * simplified text point into the original: when the phrase-level conversion would move
 * anything, the text is converted character by character instead.
 */
export function toSimplified(text: string): string {
  if (!MAY_BE_TRADITIONAL.test(text)) return text;
  const convert = getConverter();
  const out = convert(text);
  if (isAligned(text, out)) return out;
  let aligned = '';
  for (const ch of text) aligned += convertChar(ch, convert);
  return aligned;
}

/**
 * The form in which two names are compared: NFKC (full-width letters and digits to ASCII),
 * simplified characters, no white space at all.
 */
export function normalizeForMatch(s: string): string {
  return toSimplified(s.normalize('NFKC')).replace(/\s+/g, '');
}

/**
 * Collapses runs of white space (including no-break and ideographic spaces) to one space and
 * trims. A line break between two Chinese characters disappears instead: it is a hard wrap of
 * the source, and a space there would split a name in two.
 */
export function collapseWhitespace(s: string): string {
  return s
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(
      /(\p{Script=Han}|[，。、；：！？“”‘’（）《》「」【】])[\s\u00a0\u3000]*\n[\s\u00a0\u3000]*(?=\p{Script=Han}|[，。、；：！？“”‘’（）《》「」【】])/gu,
      '$1',
    )
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}
