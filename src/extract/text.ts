// The text the extractors match on. It is the cleaned text folded character by character
// (full-width ASCII to ASCII, traditional to simplified), so every offset found in it is an
// offset into the original text, which snippets keep as written.
import { toSimplified } from '../domain/normalize.ts';

/** Folds full-width forms to ASCII and traditional characters to simplified, keeping length. */
export function foldForMatch(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  const simplified = toSimplified(out);
  return simplified.length === out.length ? simplified : out;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A CJK ideograph. */
export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** A character that can be part of a name: ideographs, Latin letters, digits. */
export function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && (CJK.test(ch) || /[A-Za-z0-9]/.test(ch));
}

/** Whether `short` can be read as an abbreviation of `full`: its characters in order. */
export function isSubsequence(short: string, full: string): boolean {
  let i = 0;
  for (const ch of full) if (ch === short[i]) i++;
  return i === short.length;
}

/** Counts the occurrences of `needle` in `haystack`. */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    count++;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return count;
}
