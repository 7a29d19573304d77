// Builds a CleanDocument around a short text, so that each extraction rule can be tested on
// the sentence that shows it, without the decode and clean steps in between.

import type { CleanDocument } from '../../src/domain/document.ts';
import { extract } from '../../src/extract/extract.ts';
import type { Extraction } from '../../src/extract/types.ts';
import { segment } from '../../src/ingest/segment.ts';

/** A cleaned document whose article text is `text`. */
export function cleanDocument(text: string, meta: Partial<CleanDocument> = {}): CleanDocument {
  return {
    source: 'test.txt',
    format: 'txt',
    contentHash: 'test',
    encoding: 'utf-8',
    title: '',
    publishedAt: '2025-03-01',
    publisher: null,
    editor: null,
    text,
    ...meta,
  };
}

/** What extraction finds in `text`, with every relation spelled out by names. */
export interface Found {
  extraction: Extraction;
  people: string[];
  institutions: string[];
  models: string[];
  challenges: string[];
  /** "person @ institution: role" */
  affiliations: string[];
  /** "model <- institution" */
  developers: string[];
  /** "person -> challenge name" */
  raised: string[];
  /** Every name of the entity called `name` (person, institution or model). */
  namesOf: (name: string) => string[];
}

/** Runs extract(doc, segment(text)) and names every relation. */
export function run(text: string, meta: Partial<CleanDocument> = {}): Found {
  const extraction = extract(cleanDocument(text, meta), segment(text));
  const all = [
    ...extraction.people,
    ...extraction.institutions,
    ...extraction.models,
    ...extraction.challenges,
  ];
  const nameOf = new Map(all.map((e) => [e.ref, e.name]));
  const name = (ref: string) => nameOf.get(ref) ?? ref;
  return {
    extraction,
    people: extraction.people.map((p) => p.name),
    institutions: extraction.institutions.map((i) => i.name),
    models: extraction.models.map((m) => m.name),
    challenges: extraction.challenges.map((c) => c.name),
    affiliations: extraction.affiliations.map(
      (a) => `${name(a.person)} @ ${name(a.institution)}: ${a.role}`,
    ),
    developers: extraction.developments.map((d) => `${name(d.model)} <- ${name(d.institution)}`),
    raised: extraction.raised.map((r) => `${name(r.person)} -> ${name(r.challenge)}`),
    namesOf: (wanted) => all.find((e) => e.name === wanted)?.names.map((n) => n.name) ?? [],
  };
}
