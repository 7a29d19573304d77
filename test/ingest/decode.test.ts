import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DocumentFormat } from '../../src/domain/document.ts';
import {
  DecodeError,
  decode,
  normalizeEncodingLabel,
  sniffMetaCharset,
} from '../../src/ingest/decode.ts';

const ARTICLE =
  '华东数智银行副行长沈嘉禾表示，银行最值钱的资产是客户数据，最怕的也是数据出事。' +
  '据沈嘉禾介绍，“天衡”采用全栈私有化部署，训练和推理均在行内数据中心完成。';
const TRADITIONAL =
  '港灣銀行行政總裁容若谷表示，大模型能在數秒內整理產品資料及市場資訊，' +
  '但所有回答必須符合監管機構對銷售投資產品的要求。';

function page(body: string, head = '', title = '測試頁面'): string {
  return `<!DOCTYPE html>\n<html>\n<head>${head}<title>${title}</title></head>\n<body><p>${body}</p></body>\n</html>\n`;
}

function raw(bytes: Buffer, format: DocumentFormat = 'html') {
  return { source: `test.${format}`, format, bytes };
}

describe('decode', () => {
  it('hashes the raw bytes with sha256', () => {
    const bytes = Buffer.from(page(ARTICLE));
    const doc = decode(raw(bytes));
    expect(doc.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc.source).toBe('test.html');
    expect(doc.format).toBe('html');
  });

  it('reads valid UTF-8 as UTF-8', () => {
    const doc = decode(raw(Buffer.from(ARTICLE), 'txt'));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.text).toBe(ARTICLE);
  });

  it('strips a UTF-8 BOM and normalises CRLF and CR line endings', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('标题\r\n\r\n正文一\r正文二\n'),
    ]);
    const doc = decode(raw(bytes, 'txt'));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.text).toBe('标题\n\n正文一\n正文二\n');
  });

  it('reads UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARTICLE, 'utf-16le')]);
    expect(decode(raw(le, 'txt'))).toMatchObject({ encoding: 'utf-16le', text: ARTICLE });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARTICLE, 'utf-16be')]);
    expect(decode(raw(be, 'txt'))).toMatchObject({ encoding: 'utf-16be', text: ARTICLE });
  });

  it('recognises mostly-Latin UTF-16 without a BOM instead of calling it binary', () => {
    const html = page('Bank of Example launches a model 大模型');
    const doc = decode(raw(iconv.encode(html, 'utf-16le')));
    expect(doc.encoding).toBe('utf-16le');
    expect(doc.text).toBe(html);
  });

  it('detects a GBK page that has no meta tag, and decodes it as GB18030', () => {
    const html = page(ARTICLE);
    const doc = decode(raw(iconv.encode(html, 'gbk')));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(html);
  });

  it('detects GBK when the Chinese only starts after kilobytes of markup and script', () => {
    const head = `<style>${'.nav a{color:#333;margin:0 4px}'.repeat(200)}</style>`;
    const html = page(ARTICLE.repeat(20), head);
    const doc = decode(raw(iconv.encode(html, 'gbk')));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(html);
  });

  it('detects a GBK text dump', () => {
    const doc = decode(raw(iconv.encode(`标题\n\n${ARTICLE}`, 'gbk'), 'txt'));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(`标题\n\n${ARTICLE}`);
  });

  it('follows <meta charset="gb2312"> (as GB18030, which also covers GBK characters)', () => {
    const html = page(`${ARTICLE}镕`, '<meta charset="gb2312">');
    const doc = decode(raw(iconv.encode(html, 'gbk')));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(html);
  });

  it('follows <meta http-equiv="Content-Type" content="…; charset=big5">', () => {
    const html = page(
      TRADITIONAL,
      '<meta http-equiv="Content-Type" content="text/html; charset=big5">',
    );
    const doc = decode(raw(iconv.encode(html, 'big5')));
    expect(doc.encoding).toBe('big5');
    expect(doc.text).toBe(html);
  });

  it("follows the server's Content-Type charset over the page's own <meta>", () => {
    // A Big5 page whose <meta> wrongly says GBK: the header is right, as browsers take it.
    const html = page(TRADITIONAL, '<meta charset="gbk">');
    const bytes = iconv.encode(html, 'big5');
    const doc = decode({ ...raw(bytes), charset: 'big5' });
    expect(doc.encoding).toBe('big5');
    expect(doc.text).toBe(html);
    // A text file served as GBK, with no markup to declare anything.
    const gbk = decode({ ...raw(iconv.encode(ARTICLE, 'gbk'), 'txt'), charset: 'GBK' });
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text).toBe(ARTICLE);
  });

  it('takes the text of unpacked pages as it is, with where each page starts', () => {
    const bytes = Buffer.from('%PDF-1.7 …');
    const doc = decode({ ...raw(bytes, 'pdf'), pages: ['第一页\r\n正文', '第二页'] });
    expect(doc.text).toBe('第一页\n正文\n第二页');
    expect(doc.pageStarts).toEqual([0, 7]);
    expect(doc.encoding).toBe('pdf');
    expect(() => decode(raw(bytes, 'pdf'))).toThrow(/must be unpacked first/);
  });

  it('detects a Big5 page without a meta tag', () => {
    const html = page(TRADITIONAL);
    const doc = decode(raw(iconv.encode(html, 'big5')));
    expect(doc.encoding).toBe('big5');
    expect(doc.text).toBe(html);
  });

  it('prefers valid UTF-8 bytes over a stale legacy <meta charset>', () => {
    const html = page(ARTICLE, '<meta charset="gbk">');
    const doc = decode(raw(Buffer.from(html)));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.text).toBe(html);
  });

  it('falls back to detection when a page claims UTF-8 but is not', () => {
    const html = page(ARTICLE, '<meta charset="utf-8">');
    const doc = decode(raw(iconv.encode(html, 'gbk')));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(html);
  });

  it('sniffs the meta charset in .txt files that hold an HTML page', () => {
    const html = page(TRADITIONAL, '<meta charset="big5">');
    expect(decode(raw(iconv.encode(html, 'big5'), 'txt')).encoding).toBe('big5');
  });

  it('decodes an empty file to empty text', () => {
    expect(decode(raw(Buffer.alloc(0), 'txt'))).toMatchObject({ encoding: 'utf-8', text: '' });
  });

  it('rejects binary content (NUL bytes) with a DecodeError', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    ]);
    expect(() => decode(raw(png))).toThrow(DecodeError);
    try {
      decode(raw(png));
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).reason).toBe('binary');
      expect((error as DecodeError).message).toContain('test.html');
    }
  });

  it('rejects content made mostly of control characters', () => {
    const bytes = Buffer.from(
      Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7))),
    );
    expect(() => decode(raw(bytes, 'txt'))).toThrow(/binary/);
  });
});

describe('encoding labels', () => {
  it('maps the GB family to GB18030 and Latin-1 to windows-1252, and rejects unknown labels', () => {
    expect(normalizeEncodingLabel('GB2312')).toBe('gb18030');
    expect(normalizeEncodingLabel('x-gbk')).toBe('gb18030');
    expect(normalizeEncodingLabel('UTF8')).toBe('utf-8');
    expect(normalizeEncodingLabel('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeEncodingLabel('big5-hkscs')).toBe('big5');
    expect(normalizeEncodingLabel('no-such-charset')).toBeNull();
  });

  it("takes every WHATWG label TextDecoder knows, and iconv-lite's names beyond them", () => {
    expect(normalizeEncodingLabel(' csGB2312 ')).toBe('gb18030');
    expect(normalizeEncodingLabel('cn-big5')).toBe('big5');
    expect(normalizeEncodingLabel('unicode-1-1-utf-8')).toBe('utf-8');
    expect(normalizeEncodingLabel('x-sjis')).toBe('shift_jis');
    expect(normalizeEncodingLabel('utf-16')).toBe('utf-16le');
    expect(normalizeEncodingLabel('cp936')).toBe('cp936');
  });

  it('finds the charset in the first 4 KB only', () => {
    expect(sniffMetaCharset(Buffer.from("<meta charset='GBK'>"))).toBe('gb18030');
    const late = Buffer.from(`${' '.repeat(5000)}<meta charset="big5">`);
    expect(sniffMetaCharset(late)).toBeNull();
  });
});
