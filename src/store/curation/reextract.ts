import type { Db } from '../../db/client.ts';
import type { CleanDocument, DocumentFormat } from '../../domain/document.ts';
import { extract } from '../../extract/extract.ts';
import { segment } from '../../ingest/segment.ts';
import { type PreparedDocument, resolve } from '../identify.ts';

// Documents extracted again from the text stored for them: the cleaned text is what extraction
// read when the document was seeded, so segment, extract and resolve give what the seed gave
// (with today's lexicons), without the file. Loaded only when a curation is undone: the
// extraction code and its dictionaries cost memory the server does not otherwise need.

const isoDate = (date: Date | null) => (date === null ? null : date.toISOString().slice(0, 10));

/** The stored documents `ids`, ready for persistBatch. */
export async function prepareStored(db: Db, ids: number[]): Promise<PreparedDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db.document.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  return rows.map((row) => {
    const doc: CleanDocument = {
      source: row.source,
      format: row.format as DocumentFormat,
      contentHash: row.contentHash,
      encoding: row.encoding,
      title: row.title,
      publishedAt: isoDate(row.publishedAt),
      publisher: row.publisher,
      editor: row.editor,
      text: row.text,
    };
    const sentences = segment(doc.text);
    const resolved = resolve(extract(doc, sentences));
    return { doc, sentences, resolved };
  });
}
