// Extraction preview: what the pipeline would find in a text, with the sentence behind every
// fact, without touching the database. Serves `npm run extract` and the GraphQL `extract` query.
import type { CleanDocument, DocumentFormat, Sentence } from '../domain/document.ts';
import { clean } from '../ingest/clean.ts';
import { decode } from '../ingest/decode.ts';
import { segment } from '../ingest/segment.ts';
import { extract } from './extract.ts';
import type { Evidence, Extraction } from './types.ts';

export interface PreviewEvidence {
  start: number;
  end: number;
  text: string;
  sentence: string;
}

export interface Preview {
  document: Omit<CleanDocument, 'text'> & { text: string };
  extraction: Extraction;
  /** The evidence of a fact as text: the words found and the sentence around them. */
  quote: (evidence: Evidence) => PreviewEvidence;
}

/** Runs decode → clean → segment → extract on bytes (a file) or on a string. */
export function preview(
  input: Buffer | string,
  format: DocumentFormat,
  source = 'preview',
  /** A PDF's or .docx's text, unpacked (src/pipeline/unpack.ts). */
  pages?: string[],
): Preview {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const decoded = decode({ source, format, bytes, ...(pages ? { pages } : {}) });
  const doc = clean(decoded);
  const sentences: Sentence[] = segment(doc.text);
  const extraction = extract(doc, sentences);
  return {
    document: doc,
    extraction,
    quote: (evidence) => ({
      start: evidence.start,
      end: evidence.end,
      text: doc.text.slice(evidence.start, evidence.end),
      sentence: sentences[evidence.sentence]?.text ?? '',
    }),
  };
}
