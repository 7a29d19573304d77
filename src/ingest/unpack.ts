import type { RawDocument } from '../domain/document.ts';
import { ReadError } from './read.ts';

// Container formats (PDF, Word .docx) hold their text in structures, not as encoded characters:
// this step takes it out, page by page, so that decode and clean see text like any other
// document's and a PDF's page numbers can follow its sentences. Libraries, not hand-written
// parsers: unpdf (a serverless build of Mozilla's pdf.js, the reader of Firefox; no native code,
// no worker thread of its own) and mammoth (.docx). Both are loaded on first use, so seeds of
// text and HTML never pay for them.

/** Whether the document's bytes must be unpacked before decode. */
export function needsUnpacking(raw: RawDocument): boolean {
  return (raw.format === 'pdf' || raw.format === 'docx') && raw.pages === undefined;
}

/** The document with `pages` filled in for PDF and .docx; others are returned as they are. */
export async function unpack(raw: RawDocument): Promise<RawDocument> {
  if (!needsUnpacking(raw)) return raw;
  const pages = raw.format === 'pdf' ? await pdfPages(raw) : [await docxText(raw)];
  return { ...raw, pages };
}

async function pdfPages(raw: RawDocument): Promise<string[]> {
  if (raw.bytes.subarray(0, 1024).indexOf('%PDF-') === -1) {
    throw new ReadError(raw.source, 'not a PDF: no %PDF- header');
  }
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: it gets a copy.
    // verbosity 0: errors only; pdf.js writes its warnings to the console, which is the
    // seed's stdout.
    const pdf = await getDocumentProxy(new Uint8Array(raw.bytes), { verbosity: 0 });
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReadError(raw.source, `unreadable PDF: ${reason}`);
  }
  if (pages.every((page) => page.trim() === '')) {
    throw new ReadError(
      raw.source,
      `no text in the PDF: its ${pages.length} page${pages.length === 1 ? ' is' : 's are'} images (a scan?); text recognition (OCR) is not done`,
    );
  }
  return pages;
}

async function docxText(raw: RawDocument): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  try {
    return (await mammoth.extractRawText({ buffer: raw.bytes })).value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReadError(raw.source, `unreadable .docx: ${reason}`);
  }
}
