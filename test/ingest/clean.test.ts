import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { CleanDocument, DocumentFormat } from '../../src/domain/document.ts';
import { clean, looksLikeHtml } from '../../src/ingest/clean.ts';
import { decode } from '../../src/ingest/decode.ts';

// Golden tests: each test/fixtures/clean/<case>.<ext> is cleaned and compared with
// <case>.expected.json. Then every annotated corpus document (test/fixtures/dev and
// test/fixtures/corpus) is checked against its gold file: furniture names gone, people kept.

interface Expected {
  /** Encode the (UTF-8) fixture in this encoding before decoding it: GBK, Big5 pages. */
  encoding?: string;
  title: string;
  publishedAt: string | null;
  publisher: string | null;
  editor?: string | null;
  mustContain: string[];
  mustNotContain: string[];
}

interface Gold {
  title: string;
  publishedAt?: string;
  people: { name: string; optional?: boolean }[];
  boilerplateNames: string[];
}

const EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  txt: 'txt',
  md: 'md',
  html: 'html',
  htm: 'html',
};

function documentsIn(dir: string): { file: string; format: DocumentFormat; name: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) => {
    const m = /^(.*)\.([a-z]+)$/.exec(file);
    const format = m?.[2] ? EXTENSIONS[m[2]] : undefined;
    return m?.[1] && format ? [{ file, format, name: m[1] }] : [];
  });
}

function cleanFile(
  dir: string,
  file: string,
  format: DocumentFormat,
  encoding?: string,
): CleanDocument {
  const utf8 = readFileSync(`${dir}/${file}`);
  const bytes: Buffer = encoding ? iconv.encode(utf8.toString('utf8'), encoding) : utf8;
  return clean(decode({ source: file, format, bytes }));
}

const FIXTURES = fileURLToPath(new URL('../fixtures/clean', import.meta.url));

describe('clean: golden fixtures', () => {
  const cases = documentsIn(FIXTURES);

  it('has fixtures for every kind of input', () => {
    expect(cases.map((c) => c.format).sort()).toEqual(
      expect.arrayContaining(['html', 'md', 'txt']),
    );
  });

  for (const { file, format, name } of cases) {
    it(file, () => {
      const expected = JSON.parse(
        readFileSync(`${FIXTURES}/${name}.expected.json`, 'utf8'),
      ) as Expected;
      const doc = cleanFile(FIXTURES, file, format, expected.encoding);
      expect(doc.title).toBe(expected.title);
      expect(doc.publishedAt).toBe(expected.publishedAt);
      expect(doc.publisher).toBe(expected.publisher);
      if (expected.editor !== undefined) expect(doc.editor).toBe(expected.editor);
      for (const s of expected.mustContain) expect(doc.text).toContain(s);
      for (const s of expected.mustNotContain) expect(doc.text).not.toContain(s);
    });
  }
});

const CORPORA = [
  fileURLToPath(new URL('../fixtures/dev', import.meta.url)),
  fileURLToPath(new URL('../fixtures/corpus', import.meta.url)),
];

for (const dir of CORPORA) {
  const docs = documentsIn(dir).filter(({ name }) => existsSync(`${dir}/${name}.gold.json`));
  describe.skipIf(docs.length === 0)(`clean: annotated corpus ${dir}`, () => {
    for (const { file, format, name } of docs) {
      it(file, () => {
        const gold = JSON.parse(readFileSync(`${dir}/${name}.gold.json`, 'utf8')) as Gold;
        const doc = cleanFile(dir, file, format);
        expect(doc.title).toBe(gold.title);
        if (gold.publishedAt) expect(doc.publishedAt).toBe(gold.publishedAt);
        const leaked = gold.boilerplateNames.filter((n) => doc.text.includes(n));
        expect(leaked).toEqual([]);
        const lost = gold.people
          .filter((p) => !p.optional && !doc.text.includes(p.name))
          .map((p) => p.name);
        expect(lost).toEqual([]);
        // An optional person (an editor named only in the header) is still known to the document.
        for (const p of gold.people.filter((p) => p.optional)) {
          expect(doc.text.includes(p.name) || doc.editor === p.name).toBe(true);
        }
      });
    }
  });
}

describe('clean: dispatch', () => {
  it('treats a .txt or .md file holding an HTML page as HTML', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html><body></body></html>')).toBe(true);
    expect(looksLikeHtml('\n  <html lang="zh">')).toBe(true);
    expect(looksLikeHtml('标题\n<p>正文中的标签</p>')).toBe(false);
    const page =
      '<!doctype html><html><head><title>页面里的标题文字_某某财经</title></head><body><p>正文。</p></body></html>';
    const doc = clean({
      source: 'a.txt',
      format: 'txt',
      contentHash: 'h',
      encoding: 'utf-8',
      text: page,
    });
    expect(doc).toMatchObject({
      title: '页面里的标题文字',
      publisher: '某某财经',
      text: '页面里的标题文字\n正文。',
      format: 'txt',
    });
  });

  it('reads a .txt file that opens with front matter as a Markdown article', () => {
    const text =
      '---\ntitle: "某银行上线智能客服"\ndate: "2025-02-11 09:00:30"\nsummary: "摘要…"\n---\n正文第一段。\n';
    const doc = clean({
      source: 'a.txt',
      format: 'txt',
      contentHash: 'h',
      encoding: 'utf-8',
      text,
    });
    expect(doc).toMatchObject({
      title: '某银行上线智能客服',
      publishedAt: '2025-02-11',
      text: '某银行上线智能客服\n正文第一段。',
      format: 'txt',
    });
  });

  it('keeps the headline as the first paragraph, and a one-line text as its only one', () => {
    const one = clean({
      source: 'a.txt',
      format: 'txt',
      contentHash: 'h',
      encoding: 'utf-8',
      text: '江苏苏商银行副行长黄进表示，大模型存在幻觉问题。',
    });
    expect(one.text).toBe('江苏苏商银行副行长黄进表示，大模型存在幻觉问题。');
  });
});
