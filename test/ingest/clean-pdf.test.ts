import { describe, expect, it } from 'vitest';
import { cleanPdf, pageAt } from '../../src/ingest/clean-pdf.ts';
import { decode } from '../../src/ingest/decode.ts';
import { unpack } from '../../src/ingest/unpack.ts';
import { makeDocx } from '../support/docx.ts';
import { makePdf } from '../support/pdf.ts';

// A PDF's layout undone: running heads and page numbers gone, wrapped lines joined, and where
// each page starts in the clean text kept for the mentions.

const HEAD = '青岩保险股份有限公司  2025年第一季度报告';

describe('PDF text', () => {
  it('drops running heads and page numbers, joins wrapped lines, keeps page starts', async () => {
    const bytes = makePdf([
      {
        lines: [
          HEAD,
          '青岩保险股份有限公司2025年第一季度报告',
          '本公司总经理钟离远航表示，公司已在理赔审核中试点使用大模型，人工复核比例',
          '保持在百分之三十以上。',
          '第 1 页 共 3 页',
        ],
      },
      { lines: [HEAD, '（一）经营情况', '本季度保费收入同比增长。', '第 2 页 共 3 页'] },
      {
        lines: [
          HEAD,
          '首席风险官宇文清和表示，模型幻觉仍是需要持续关注的风险。',
          '第 3 页 共 3 页',
        ],
      },
    ]);
    const raw = await unpack({ source: 'q1.pdf', format: 'pdf', bytes });
    expect(raw.pages).toHaveLength(3);
    const doc = cleanPdf(decode(raw));
    expect(doc.title).toBe('青岩保险股份有限公司2025年第一季度报告');
    expect(doc.text).toBe(
      [
        '本公司总经理钟离远航表示，公司已在理赔审核中试点使用大模型，人工复核比例保持在百分之三十以上。',
        '（一）经营情况',
        '本季度保费收入同比增长。',
        '首席风险官宇文清和表示，模型幻觉仍是需要持续关注的风险。',
      ].join('\n'),
    );
    const starts = doc.pageStarts!;
    expect(pageAt(starts, doc.text.indexOf('钟离远航'))).toBe(1);
    expect(pageAt(starts, doc.text.indexOf('保费收入'))).toBe(2);
    expect(pageAt(starts, doc.text.indexOf('宇文清和'))).toBe(3);
  });

  it('reports a PDF without text as a scan, and bytes that are no PDF', async () => {
    await expect(
      unpack({ source: 'scan.pdf', format: 'pdf', bytes: makePdf([{ lines: [] }]) }),
    ).rejects.toThrow(
      /^no text in the PDF: its 1 page is images \(a scan\?\); text recognition \(OCR\) is not done$/,
    );
    await expect(
      unpack({ source: 'x.pdf', format: 'pdf', bytes: Buffer.from('<html></html>') }),
    ).rejects.toThrow('not a PDF: no %PDF- header');
    await expect(
      unpack({ source: 'x.pdf', format: 'pdf', bytes: Buffer.from('%PDF-1.7\nbroken') }),
    ).rejects.toThrow(/^unreadable PDF: /);
  });

  it('takes a .docx paragraph by paragraph', async () => {
    const bytes = makeDocx(['青岩保险发布理赔大模型', '本公司总经理钟离远航表示，模型已上线。']);
    const raw = await unpack({ source: 'a.docx', format: 'docx', bytes });
    const doc = decode(raw);
    expect(doc.text.trim()).toBe(
      '青岩保险发布理赔大模型\n\n本公司总经理钟离远航表示，模型已上线。',
    );
    expect(doc.pageStarts).toBeUndefined();
    await expect(
      unpack({ source: 'b.docx', format: 'docx', bytes: Buffer.from('not a zip') }),
    ).rejects.toThrow(/^unreadable \.docx: /);
  });
});
