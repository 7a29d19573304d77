import { Converter, Locale } from 'opencc-js/t2cn';

type ConvertFn = (text: string) => string;

/**
 * The conversion: Hong Kong / standard traditional → mainland simplified. It is
 * character-aligned, every dictionary entry keeps its number of code points (checked in
 * test/domain/normalize.test.ts); 'twp' would not be (記憶體 → 内存).
 */
const FROM = 'hk';
const TO = 'cn';
/** The OpenCC configuration the converter above is built from (its dictionaries). */
const CONFIG = 'hk2s';

/** A set of code points: a bitmap for the BMP, where nearly all of them are. */
interface CodePointSet {
  bmp: Uint8Array;
  astral: Set<number>;
}

/** The converter and the characters at which it can change a text. */
interface Conversion {
  convert: ConvertFn;
  changeable: CodePointSet;
}

// Building the converter and its character set takes tens of milliseconds: done once, on
// first use, so that importing this module stays free.
let conversion: Conversion | undefined;
const charCache = new Map<string, string>();

/** The source strings of OpenCC dictionaries, whatever their nesting ("a b|c d" or pairs). */
function collectDictKeys(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    for (const entry of value.split('|')) {
      const key = entry.split(' ')[0];
      if (key) out.add(key);
    }
  } else if (Array.isArray(value)) {
    // A [source, target] pair; a group of two serialised dictionaries has spaces in both.
    const [first, second] = value;
    if (
      value.length === 2 &&
      typeof first === 'string' &&
      typeof second === 'string' &&
      !first.includes(' ')
    ) {
      out.add(first);
    } else for (const item of value) collectDictKeys(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectDictKeys(item, out);
  }
}

function addCodePoint(set: CodePointSet, ch: string): void {
  const code = ch.codePointAt(0) ?? 0;
  if (code > 0xffff) set.astral.add(code);
  else set.bmp[code] = 1;
}

function hasCodePoint(set: CodePointSet, ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code > 0xffff ? set.astral.has(code) : set.bmp[code] === 1;
}

/**
 * The characters at which the conversion changes a text: those it changes on their own, and
 * those it changes only inside a dictionary phrase (反覆 → 反复, while 覆 alone stays). A text
 * holding none of them comes out unchanged, so most simplified-Chinese lines skip the
 * conversion, the costly part of cleaning. Computed from the net effect of the whole chain,
 * so a character that one step changes and the next changes back (户 → 戶 → 户) is not in it.
 */
function changeableCodePoints(convert: ConvertFn): CodePointSet {
  const set: CodePointSet = { bmp: new Uint8Array(0x10000), astral: new Set() };
  const keys = new Set<string>();
  collectDictKeys(Locale.configs[CONFIG], keys);
  const chars = new Set<string>();
  for (const key of keys) for (const ch of key) chars.add(ch);
  for (const ch of chars) if (convert(ch) !== ch) addCodePoint(set, ch);
  for (const key of keys) {
    const from = [...key];
    if (from.length < 2 || from.some((ch) => hasCodePoint(set, ch))) continue;
    const to = [...convert(key)];
    from.forEach((ch, i) => {
      if (to[i] !== ch) addCodePoint(set, ch);
    });
  }
  return set;
}

function getConversion(): Conversion {
  if (!conversion) {
    const convert = Converter({ from: FROM, to: TO });
    conversion = { convert, changeable: changeableCodePoints(convert) };
  }
  return conversion;
}

function mayChange(text: string, changeable: CodePointSet): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (changeable.bmp[code] === 1) return true;
    if (code >= 0xd800 && code <= 0xdbff && changeable.astral.has(text.codePointAt(i) ?? 0))
      return true;
  }
  return false;
}

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
  const { convert, changeable } = getConversion();
  if (!mayChange(text, changeable)) return text;
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

/** The key names are matched by, in a document and across documents: normalizeForMatch, lower case. */
export function nameKey(name: string): string {
  return normalizeForMatch(name).toLowerCase();
}

/**
 * Collapses runs of white space (including no-break and ideographic spaces) to one space and
 * trims. A line break between two Chinese characters disappears instead: it is a hard wrap of
 * the source, and a space there would split a name in two.
 */
export function collapseWhitespace(s: string): string {
  const joined = s.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  return (joined.includes('\n') ? joinHardWraps(joined) : joined).replace(/\s+/g, ' ').trim();
}

/** Removes line breaks (and the spaces around them) between two Chinese characters. */
function joinHardWraps(s: string): string {
  return s.replace(
    /(\p{Script=Han}|[，。、；：！？“”‘’（）《》「」【】])[\s\u00a0\u3000]*\n[\s\u00a0\u3000]*(?=\p{Script=Han}|[，。、；：！？“”‘’（）《》「」【】])/gu,
    '$1',
  );
}
