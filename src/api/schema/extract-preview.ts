// Query.extract: what seeding would extract from a text, with the evidence of every fact, and
// nothing stored. Lets a user see why something was or was not found.
import { GraphQLError } from 'graphql';
import type { EntityKind } from '../../domain/entities.ts';
import type { Preview } from '../../extract/preview.ts';
import type { Evidence } from '../../extract/types.ts';
import { builder } from '../builder.ts';
import { EntityKindEnum } from './entity.ts';
import { badUserInput } from './errors.ts';
import { EdgeTypeEnum } from './graph-edge.ts';
import { DocumentFormat } from './value-sets.ts';

/** Larger texts are refused: extraction of a page is linear, but a request must stay cheap. */
export const MAX_EXTRACT_CHARS = 200_000;

interface EvidenceShape {
  start: number;
  end: number;
  text: string;
  sentence: string;
}
interface Support {
  confidence: number;
  basis: string;
}
interface EntityShape extends Support {
  ref: string;
  name: string;
  names: string[];
  kind: string;
  evidence: EvidenceShape[];
}
interface RelationShape extends Support {
  type: string;
  from: string;
  to: string;
  role: string | null;
  evidence: EvidenceShape;
}

const CONFIDENCE = 'How far the evidence supports it, from 0 to 1: the weight of `basis`.';
const BASIS = 'The name of the strongest evidence that produced it.';
interface PreviewShape {
  title: string;
  publishedAt: string | null;
  publisher: string | null;
  text: string;
  entities: EntityShape[];
  relations: RelationShape[];
}

const PreviewEvidence = builder.objectRef<EvidenceShape>('PreviewEvidence').implement({
  description: 'Where a fact was found: the words and the sentence around them.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Character offset in the cleaned text.' }),
    end: t.exposeInt('end', { description: 'Character offset just past the words.' }),
    text: t.exposeString('text', { description: 'The words found at start…end.' }),
    sentence: t.exposeString('sentence', { description: 'The sentence around them.' }),
  }),
});

const PreviewEntity = builder.objectRef<EntityShape>('PreviewEntity').implement({
  description: 'An entity the text names; `ref` is local to this preview.',
  fields: (t) => ({
    ref: t.exposeString('ref', { description: 'Its name within this preview (relations use it).' }),
    kind: t.field({
      type: EntityKindEnum,
      description: 'Which kind of entity it is.',
      resolve: (e) => e.kind as EntityKind,
    }),
    name: t.exposeString('name', { description: 'The fullest name the text gives.' }),
    names: t.exposeStringList('names', { description: 'Every name the text uses for it.' }),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE }),
    basis: t.exposeString('basis', { description: BASIS }),
    evidence: t.field({
      type: [PreviewEvidence],
      description: 'Where the text names it.',
      resolve: (e) => e.evidence,
    }),
  }),
});

const PreviewRelation = builder.objectRef<RelationShape>('PreviewRelation').implement({
  description: 'A relation between two previewed entities (by ref).',
  fields: (t) => ({
    type: t.field({
      type: EdgeTypeEnum,
      description: 'AFFILIATION, DEVELOPER or RAISED (never CO_MENTIONED).',
      resolve: (r) => r.type as 'AFFILIATION' | 'DEVELOPER' | 'RAISED',
    }),
    from: t.exposeString('from', {
      description: 'The ref of the person (affiliation, raised) or model (developer).',
    }),
    to: t.exposeString('to', {
      description: 'The ref of the institution (affiliation, developer) or challenge (raised).',
    }),
    role: t.exposeString('role', { nullable: true, description: 'The role of an affiliation.' }),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE }),
    basis: t.exposeString('basis', { description: BASIS }),
    evidence: t.field({
      type: PreviewEvidence,
      description: 'The sentence that states it.',
      resolve: (r) => r.evidence,
    }),
  }),
});

const ExtractionPreview = builder.objectRef<PreviewShape>('ExtractionPreview').implement({
  description: 'What seeding would store for a text.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The title found.' }),
    publishedAt: t.exposeString('publishedAt', {
      nullable: true,
      description: 'The publication date found, as an ISO 8601 text; null when none.',
    }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'The publisher found; null when none.',
    }),
    text: t.exposeString('text', { description: 'The cleaned article text offsets point into.' }),
    entities: t.field({
      type: [PreviewEntity],
      description: 'The entities found: people, institutions, models, challenges.',
      resolve: (p) => p.entities,
    }),
    relations: t.field({
      type: [PreviewRelation],
      description: 'The relations found between them.',
      resolve: (p) => p.relations,
    }),
  }),
});

function shape(result: Preview): PreviewShape {
  const { document, extraction, quote } = result;
  const all = (evidence: Evidence[]) => evidence.map(quote);
  const entity =
    (kind: string) =>
    (
      e: { ref: string; name: string; names: { name: string }[]; mentions: Evidence[] } & Support,
    ) => ({
      ref: e.ref,
      kind,
      name: e.name,
      names: e.names.map((n) => n.name),
      confidence: e.confidence,
      basis: e.basis,
      evidence: all(e.mentions),
    });
  return {
    title: document.title,
    publishedAt: document.publishedAt,
    publisher: document.publisher,
    text: document.text,
    entities: [
      ...extraction.people.map(entity('PERSON')),
      ...extraction.institutions.map(entity('INSTITUTION')),
      ...extraction.models.map(entity('MODEL')),
      ...extraction.challenges.map(entity('CHALLENGE')),
    ],
    relations: [
      ...extraction.affiliations.map((a) => ({
        type: 'AFFILIATION',
        from: a.person,
        to: a.institution,
        role: a.role,
        confidence: a.confidence,
        basis: a.basis,
        evidence: quote(a.evidence),
      })),
      ...extraction.developments.map((d) => ({
        type: 'DEVELOPER',
        from: d.model,
        to: d.institution,
        role: null,
        confidence: d.confidence,
        basis: d.basis,
        evidence: quote(d.evidence),
      })),
      ...extraction.raised.map((r) => ({
        type: 'RAISED',
        from: r.person,
        to: r.challenge,
        role: null,
        confidence: r.confidence,
        basis: r.basis,
        evidence: quote(r.evidence),
      })),
    ],
  };
}

builder.queryField('extract', (t) =>
  t.field({
    type: ExtractionPreview,
    description:
      'Runs the extraction pipeline on `text` and returns what it finds; nothing is stored.',
    args: {
      text: t.arg.string({
        required: true,
        description: 'The document, as seeding would read it.',
      }),
      format: t.arg({
        type: DocumentFormat,
        defaultValue: 'txt',
        description: 'How the text is written (TXT by default).',
      }),
    },
    resolve: async (_, { text, format }) => {
      if (text.length > MAX_EXTRACT_CHARS) {
        throw new GraphQLError(
          `text is ${text.length} characters; extract takes at most ${MAX_EXTRACT_CHARS}.`,
          {
            extensions: { code: 'TEXT_TOO_LONG', max: MAX_EXTRACT_CHARS },
          },
        );
      }
      // The extraction code (lexicons, HTML parser, converters: ~45 MB and a third of a second)
      // is loaded by the first preview, not by every server start.
      const [{ preview }, { DecodeError }] = await Promise.all([
        import('../../extract/preview.ts'),
        import('../../ingest/decode.ts'),
      ]);
      try {
        return shape(preview(text, format ?? 'txt'));
      } catch (error) {
        // Text the pipeline cannot read (NUL bytes, control characters) is the client's input.
        if (error instanceof DecodeError) throw badUserInput(error.message);
        throw error;
      }
    },
  }),
);
