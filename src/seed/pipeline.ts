import { performance } from 'node:perf_hooks';
import type { CleanDocument, DecodedDocument, RawDocument, Sentence } from '../domain/document.ts';
import { extract } from '../extract/extract.ts';
import type { Extraction } from '../extract/types.ts';
import { clean } from '../ingest/clean.ts';
import { decode } from '../ingest/decode.ts';
import { segment } from '../ingest/segment.ts';
import type { PreparedDocument } from '../store/identify.ts';
import { type ResolvedExtraction, resolve } from '../store/identify.ts';
import { emptyTimings, type StepName, type StepTimings } from './steps.ts';

// The pipeline for one document, as a fixed list of named steps:
//   read → decode → clean → segment → extract → resolve → persist
// (a PDF or .docx is unpacked into its pages' text between read and decode: src/pipeline/unpack.ts)
// read (src/ingest/read.ts) and persist (src/store/persist.ts) are run by the seeder around
// this file's steps: read first, because an unchanged file is skipped on its hash before any
// work is done; persist last, in batches, because it is the only step that touches the database.

export { emptyTimings, STEPS, type StepName, type StepTimings } from './steps.ts';

/** The implementations of the in-memory steps; tests may swap one for a hand-made one. */
export interface Steps {
  decode: (raw: RawDocument) => DecodedDocument;
  clean: (doc: DecodedDocument) => CleanDocument;
  segment: (text: string) => Sentence[];
  extract: (doc: CleanDocument, sentences: Sentence[]) => Extraction;
  resolve: (extraction: Extraction) => ResolvedExtraction;
}

export const defaultSteps: Steps = { decode, clean, segment, extract, resolve };

/**
 * Runs the in-memory steps on one document's bytes, in their fixed order, and times each.
 * Throws whatever a step throws (DecodeError for binary files…): the caller reports it.
 */
export function prepareDocument(
  raw: RawDocument,
  steps: Steps = defaultSteps,
): { prepared: PreparedDocument; timings: StepTimings } {
  const timings = emptyTimings();
  const timed = <T>(step: StepName, run: () => T): T => {
    const started = performance.now();
    try {
      return run();
    } finally {
      timings[step] += performance.now() - started;
    }
  };
  // decode: everything after it works on text; it also computes the hash that identifies a version.
  const decoded = timed('decode', () => steps.decode(raw));
  // clean: the article alone, so that furniture (hot lists, footers) never becomes an entity.
  const doc = timed('clean', () => steps.clean(decoded));
  // A page of scripts, styles or empty markup has nothing to store: reported, not stored blank.
  if (doc.text.trim() === '') throw new Error('no text: nothing a reader would see is left');
  // segment: sentences are the snippets facts point to, so they are fixed before extraction.
  const sentences = timed('segment', () => steps.segment(doc.text));
  // extract: finds entities and relations in one document, with document-local refs.
  const extraction = timed('extract', () => steps.extract(doc, sentences));
  // resolve: keys and in-document merging, still pure, so persist only has to match keys.
  const resolved = timed('resolve', () => steps.resolve(extraction));
  const prepared: PreparedDocument = { doc, sentences, resolved };
  if (raw.validators) prepared.validators = raw.validators;
  return { prepared, timings };
}
