import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { preview } from '../../src/extract/preview.ts';
import { decode } from '../../src/ingest/decode.ts';
import {
  capDomDepth,
  capMarkupDepth,
  MAX_DOM_DEPTH,
  MAX_MARKUP_DEPTH,
} from '../../src/ingest/dom-depth.ts';
import { prepareDocument } from '../../src/seed/pipeline.ts';

// The pipeline steps on the documents that broke them: pages nested far deeper than any real
// page (the cleaner's recursion ran out of stack at 10,000; htmlparser2 takes time growing with
// the square of the depth), and UTF-8 with a few broken bytes (chardet called it KOI8-R).

const ARTICLE = '招联消费金融股份有限公司首席信息官王耀南表示，大模型的幻觉问题需要高度重视。';

function nestedPage(depth: number): string {
  return `<html><head><title>深层页面</title></head><body>${'<div>'.repeat(depth)}<p>${ARTICLE}</p>${'</div>'.repeat(depth)}</body></html>`;
}

/** The deepest element of a parsed tree, without recursion. */
function treeDepth(root: AnyNode): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

describe('deeply nested pages', () => {
  it('leaves ordinary pages as they are', () => {
    const page = nestedPage(40);
    expect(capMarkupDepth(page)).toBe(page);
    const $ = cheerio.load(page);
    expect(capDomDepth($.root()[0]!)).toBe(0);
  });

  it('drops the tags opening beyond the markup limit, keeping the text', () => {
    const capped = capMarkupDepth(nestedPage(MAX_MARKUP_DEPTH * 3));
    expect(capped).toContain(ARTICLE);
    expect(capped.match(/<div>/g)).toHaveLength(MAX_MARKUP_DEPTH - 2);
  });

  it('lays elements below the DOM limit out as siblings, in document order', () => {
    const $ = cheerio.load(`<div>${nestedPage(1000)}<p>末尾</p></div>`);
    expect(treeDepth($.root()[0]!)).toBeGreaterThan(1000);
    expect(capDomDepth($.root()[0]!)).toBe(1);
    expect(treeDepth($.root()[0]!)).toBeLessThanOrEqual(MAX_DOM_DEPTH + 2);
    expect($.root().text()).toBe(`深层页面${ARTICLE}末尾`);
  });

  it.each([10_000, 200_000])('seeds and previews a page %i elements deep', (depth) => {
    const html = nestedPage(depth);
    const { prepared } = prepareDocument({
      source: 'deep.html',
      format: 'html',
      bytes: Buffer.from(html),
    });
    expect(prepared.doc.title).toBe('深层页面');
    expect(prepared.doc.text).toContain(ARTICLE);
    expect(preview(html, 'html').document.text).toContain(ARTICLE);
  });
});

describe('broken and undeclared encodings', () => {
  it('reads UTF-8 with a few broken bytes as UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from(`新闻\n\n${ARTICLE}`),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(`\n\n${ARTICLE}`),
    ]);
    const decoded = decode({ source: 'broken.txt', format: 'txt', bytes });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(`新闻\n\n${ARTICLE}\ufffd\ufffd\ufffd\n\n${ARTICLE}`);
  });

  it('still tells GBK and windows-1252 apart from broken UTF-8', () => {
    const gbk = decode({ source: 'gbk.txt', format: 'txt', bytes: iconv.encode(ARTICLE, 'gbk') });
    expect(gbk).toMatchObject({ encoding: 'gb18030', text: ARTICLE });
    const latin = 'Le café de la Société Générale, déjà célèbre, a présenté son modèle.';
    const decoded = decode({
      source: 'latin.txt',
      format: 'txt',
      bytes: iconv.encode(latin, 'windows-1252'),
    });
    // Which single-byte encoding chardet picks is its business; not UTF-8 with U+FFFD is ours.
    expect(decoded.encoding).not.toBe('utf-8');
    expect(decoded.text).toContain('café de la Société Générale');
  });
});
