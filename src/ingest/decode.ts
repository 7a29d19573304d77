import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { DecodedDocument, RawDocument } from '../domain/document.ts';

/** Why a document's bytes could not be turned into text. */
export type DecodeFailure = 'binary' | 'undecodable';

/** The bytes are not text, or not text in any encoding we can recognise. */
export class DecodeError extends Error {
  readonly source: string;
  readonly reason: DecodeFailure;

  constructor(source: string, reason: DecodeFailure, detail: string) {
    super(`cannot decode ${source}: ${reason} (${detail})`);
    this.name = 'DecodeError';
    this.source = source;
    this.reason = reason;
  }
}

/** How much of the file the binary check looks at: enough, and bounded. */
const SAMPLE_BYTES = 64 * 1024;
/**
 * How many bytes of character pairs chardet is given. It costs about half a millisecond per
 * kilobyte, and 500 Chinese characters leave no doubt between GB18030 and Big5.
 */
const DETECT_SAMPLE_BYTES = 1024;
/** The <meta charset> must appear in the first bytes of the page (the HTML spec says 1024). */
const META_SNIFF_BYTES = 4096;
/** Above this share of control bytes, the file is not text. */
const MAX_CONTROL_RATIO = 0.1;
/** Above this share of U+FFFD in the decoded text, the encoding guess was wrong. */
const MAX_REPLACEMENT_RATIO = 0.02;
/** Chinese encodings win over a detector's other guesses unless far less likely than them. */
const CHINESE_PREFERENCE = 0.5;

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
];

const CHINESE_ENCODINGS = new Set(['gb18030', 'big5']);

/**
 * Maps an encoding label (from a page or from chardet) to a name iconv-lite decodes, or null.
 * The WHATWG Encoding Standard's labels, as TextDecoder resolves them, decide first: a page
 * labelled GB2312 or GBK is decoded as GB18030 (the standard's GBK decoder is the GB18030 one,
 * and pages labelled GB2312 routinely use GBK characters), Latin-1 and ASCII as windows-1252,
 * big5-hkscs as Big5. Labels outside the standard (cp936, cp950) are taken as iconv-lite names them.
 */
export function normalizeEncodingLabel(label: string): string | null {
  const key = label.trim().toLowerCase();
  let name = key;
  try {
    name = new TextDecoder(key).encoding;
  } catch {
    // Not a WHATWG label: iconv-lite may still know it.
  }
  if (name === 'gbk') name = 'gb18030';
  return iconv.encodingExists(name) ? name : null;
}

function sniffBom(bytes: Buffer): { encoding: string; length: number } | null {
  for (const bom of BOMS) {
    if (bytes.length >= bom.bytes.length && bom.bytes.every((b, i) => bytes[i] === b)) {
      return { encoding: bom.encoding, length: bom.bytes.length };
    }
  }
  return null;
}

/**
 * UTF-16 without a BOM shows as NUL bytes on every other position (ASCII and Latin text). Seen
 * before the binary check, which would otherwise reject it for its NULs.
 */
function sniffUtf16(sample: Buffer): string | null {
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs < 2) return null;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.02) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.02) return 'utf-16be';
  return null;
}

/** Rejects files that are not text: NUL bytes, or many control characters. */
function assertText(source: string, sample: Buffer): void {
  if (sample.includes(0)) throw new DecodeError(source, 'binary', 'NUL byte in content');
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] ?? 0;
    // Tab, line feed, form feed and carriage return are text; the rest below 0x20 and DEL are not.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  if (control > sample.length * MAX_CONTROL_RATIO) {
    throw new DecodeError(
      source,
      'binary',
      `${control} control bytes in the first ${sample.length}`,
    );
  }
}

/** Whether the document is (or may be) an HTML page, whose head may declare its charset. */
function mayDeclareCharset(raw: RawDocument): boolean {
  if (raw.format === 'html') return true;
  const head = raw.bytes.subarray(0, 64).toString('latin1').trimStart();
  return head.startsWith('<');
}

/** The charset declared by `<meta charset>` or `<meta http-equiv="Content-Type">`, if any. */
export function sniffMetaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, META_SNIFF_BYTES).toString('latin1');
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1] ? normalizeEncodingLabel(match[1]) : null;
}

/** Decodes as UTF-8, or returns null when the bytes are not valid UTF-8. */
function tryUtf8(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

/** Valid non-ASCII characters per broken sequence, at least, for broken UTF-8 to be UTF-8. */
const MIN_VALID_PER_BROKEN = 10;

/**
 * UTF-8 with a few broken sequences (a truncated download, a bad splice), decoded as UTF-8 with
 * U+FFFD in their place; null unless valid multi-byte characters far outnumber the broken ones.
 * chardet, given such bytes, guesses KOI8-R or windows-1252 and turns every Chinese character
 * into two or three wrong ones. Text in a legacy encoding has almost no valid UTF-8 sequences,
 * so it still goes to detection.
 */
function tryBrokenUtf8(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  let broken = 0;
  let valid = 0;
  for (const char of text) {
    if (char === '\ufffd') broken++;
    else if (char.charCodeAt(0) >= 0x80) valid++;
  }
  return valid >= broken * MIN_VALID_PER_BROKEN ? text : null;
}

/**
 * The bytes chardet learns from: each non-ASCII byte with the byte after it (the lead and
 * trail bytes of a GBK or Big5 character; trail bytes may fall in the ASCII range), ASCII
 * stretches in between reduced to one space. Markup and Latin text say nothing about the
 * encoding and would only slow the detector down.
 */
function detectionSample(bytes: Buffer): Buffer {
  const out = Buffer.alloc(DETECT_SAMPLE_BYTES);
  let n = 0;
  let i = 0;
  while (i < bytes.length && n < DETECT_SAMPLE_BYTES - 1) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80) {
      out[n++] = b;
      out[n++] = bytes[i + 1] ?? 0x20;
      i += 2;
    } else {
      if (n > 0 && out[n - 1] !== 0x20) out[n++] = 0x20;
      i++;
    }
  }
  return out.subarray(0, n);
}

/**
 * chardet's guesses, most likely first, as decoder names. The corpus is Chinese news, so a
 * Chinese encoding that chardet finds nearly as likely as its top guess (EUC-KR, windows-1252…
 * on short samples) is tried first.
 */
function detectCandidates(bytes: Buffer): string[] {
  const matches = chardet.analyse(detectionSample(bytes));
  const top = matches[0]?.confidence ?? 0;
  const names: string[] = [];
  const add = (label: string): void => {
    const name = normalizeEncodingLabel(label);
    if (name && !names.includes(name)) names.push(name);
  };
  for (const m of matches) {
    const name = normalizeEncodingLabel(m.name);
    if (name && CHINESE_ENCODINGS.has(name) && m.confidence >= top * CHINESE_PREFERENCE)
      add(m.name);
  }
  for (const m of matches) add(m.name);
  return names;
}

function replacementRatio(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) count++;
  return count / text.length;
}

/**
 * Decodes with the first candidate that yields clean text (few U+FFFD), then with chardet's
 * guesses: detection only runs when the candidates fail.
 */
function decodeWithCandidates(
  source: string,
  bytes: Buffer,
  candidates: readonly string[],
  detect = false,
): { encoding: string; text: string } {
  const tried: string[] = [];
  const attempt = (encoding: string): { encoding: string; text: string } | null => {
    if (tried.includes(encoding)) return null;
    tried.push(encoding);
    const text = iconv.decode(bytes, encoding);
    return replacementRatio(text) <= MAX_REPLACEMENT_RATIO ? { encoding, text } : null;
  };
  for (const encoding of candidates) {
    const decoded = attempt(encoding);
    if (decoded) return decoded;
  }
  if (detect) {
    for (const encoding of detectCandidates(bytes)) {
      const decoded = attempt(encoding);
      if (decoded) return decoded;
    }
  }
  throw new DecodeError(
    source,
    'undecodable',
    tried.length > 0 ? `no clean decoding among ${tried.join(', ')}` : 'no encoding detected',
  );
}

/** Finds the encoding and decodes: BOM → declared charset → valid UTF-8 → chardet. */
function decodeBytes(raw: RawDocument): { encoding: string; text: string } {
  const { bytes, source } = raw;
  const bom = sniffBom(bytes);
  if (bom) return decodeWithCandidates(source, bytes.subarray(bom.length), [bom.encoding]);

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const utf16 = sample.includes(0) ? sniffUtf16(sample) : null;
  if (utf16) return decodeWithCandidates(source, bytes, [utf16]);
  assertText(source, sample);

  const utf8 = tryUtf8(bytes);
  // Fewer characters than bytes: the UTF-8 has multi-byte sequences, it is not plain ASCII.
  const utf8NonAscii = utf8 !== null && utf8.length < bytes.length;
  // The server's Content-Type header outranks the page's own <meta> (as in browsers).
  const declared =
    (raw.charset ? normalizeEncodingLabel(raw.charset) : null) ??
    (mayDeclareCharset(raw) ? sniffMetaCharset(bytes) : null);
  // A declared legacy charset loses to bytes that are valid UTF-8 and not plain ASCII: GBK or
  // Big5 Chinese text is practically never valid UTF-8, while pages re-saved as UTF-8 often
  // keep their old <meta charset=gbk>.
  if (declared && declared !== 'utf-8' && !utf8NonAscii) {
    return decodeWithCandidates(source, bytes, [declared], true);
  }
  if (utf8 !== null) return { encoding: 'utf-8', text: utf8 };
  const brokenUtf8 = tryBrokenUtf8(bytes);
  if (brokenUtf8 !== null) return { encoding: 'utf-8', text: brokenUtf8 };
  return decodeWithCandidates(source, bytes, [], true);
}

/**
 * Turns a document's bytes into text: sha256 of the bytes, encoding detection (BOM, then the
 * page's declared charset, then a strict UTF-8 check, then chardet), decoding with iconv-lite,
 * BOM stripped and line endings normalised to "\n".
 * @throws DecodeError when the bytes are binary or decode cleanly in no encoding.
 */
export function decode(raw: RawDocument): DecodedDocument {
  const contentHash = createHash('sha256').update(raw.bytes).digest('hex');
  if (raw.pages) return decodePages(raw, raw.pages, contentHash);
  if (raw.format === 'pdf' || raw.format === 'docx') {
    throw new DecodeError(raw.source, 'binary', `a ${raw.format} document must be unpacked first`);
  }
  const { encoding, text } =
    raw.bytes.length === 0 ? { encoding: 'utf-8', text: '' } : decodeBytes(raw);
  return {
    source: raw.source,
    format: raw.format,
    contentHash,
    encoding,
    text: text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'),
  };
}

/**
 * A container's text (src/pipeline/unpack.ts), already characters: its pages one after the
 * other, each starting on a line of its own, with where each starts. The encoding recorded is
 * the format's, since the text came out of its structures, not out of an encoding.
 */
function decodePages(raw: RawDocument, pages: string[], contentHash: string): DecodedDocument {
  const pageStarts: number[] = [];
  let text = '';
  for (const page of pages) {
    if (text !== '') text += '\n';
    pageStarts.push(text.length);
    text += page.replace(/\r\n?/g, '\n');
  }
  return {
    source: raw.source,
    format: raw.format,
    contentHash,
    encoding: raw.format,
    text,
    ...(raw.format === 'pdf' ? { pageStarts } : {}),
  };
}
