// The values passed between the pipeline's steps (see src/seed/pipeline.ts for the order).

export type DocumentFormat = 'txt' | 'html' | 'md' | 'pdf' | 'docx';

/** ETag and Last-Modified as a server sent them with a page (null: not sent). */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** read: a file as found on disk, or a page as fetched. */
export interface RawDocument {
  /** Path relative to the seeded folder (or a URL): the document's identity. */
  source: string;
  format: DocumentFormat;
  bytes: Buffer;
  /** The charset the server declared in its Content-Type header (fetched pages only). */
  charset?: string;
  /**
   * The text of a container format (PDF, .docx), one entry per page (a .docx is one page), as
   * unpacked from `bytes` (src/pipeline/unpack.ts) before decode.
   */
  pages?: string[];
  /** A fetched page's ETag and Last-Modified headers, stored for the next seed's request. */
  validators?: Validators;
}

/** decode: the bytes as text, with the encoding that was detected. */
export interface DecodedDocument {
  source: string;
  format: DocumentFormat;
  /** sha256 of the raw bytes. */
  contentHash: string;
  encoding: string;
  text: string;
  /** For a PDF: where each page starts in `text` (page 1 at index 0). */
  pageStarts?: number[];
}

/** clean: the article alone, furniture removed, with what the page says about itself. */
export interface CleanDocument {
  source: string;
  format: DocumentFormat;
  contentHash: string;
  encoding: string;
  title: string;
  /** ISO date (YYYY-MM-DD) when the page gives one. */
  publishedAt: string | null;
  /** The publishing media (site name, 来源), when the page says. */
  publisher: string | null;
  /** The editor named in a header block (责任编辑: …), kept as metadata only. */
  editor: string | null;
  /**
   * The article body: paragraphs separated by a single "\n". Bylines and sign-offs that are
   * part of the article stay in it, so their people have a sentence to point to.
   */
  text: string;
  /** For a PDF: where each page starts in `text` (page 1 at index 0), for the mentions' pages. */
  pageStarts?: number[];
}

/** A range of characters in CleanDocument.text. */
export interface Span {
  start: number;
  end: number;
}

/** segment: a sentence of the cleaned text, and the paragraph it belongs to. */
export interface Sentence extends Span {
  text: string;
  paragraph: number;
}
