// What the extract step finds in one cleaned document. Entities carry a document-local `ref`;
// the resolve step maps refs to graph entities, and only the persist step touches the database.
import type { Span } from '../domain/document.ts';
import type { InstitutionKind } from '../domain/entities.ts';

/** Where a fact is stated: the characters that say it and the sentence around them. */
export interface Evidence extends Span {
  /** The sentence (an index into the document's sentences) that contains the span. */
  sentence: number;
}

/** A name a document uses for an entity; `strong` names identify it across documents. */
export interface EntityName {
  name: string;
  strong: boolean;
}

interface ExtractedEntityBase {
  ref: string;
  /** The best name the document gives (the full name where it gives one). */
  name: string;
  /** Every name the document uses, the best one included. */
  names: EntityName[];
  mentions: Evidence[];
  /** How far the evidence supports the entity (0–1): the weight of `basis`. */
  confidence: number;
  /** The name of the strongest evidence that produced it (a key of data/evidence.json). */
  basis: string;
}

/** How far a relation is supported, and by which evidence. */
export interface Support {
  confidence: number;
  basis: string;
}

export type ExtractedPerson = ExtractedEntityBase;

export interface ExtractedInstitution extends ExtractedEntityBase {
  kind: InstitutionKind;
}

export interface ExtractedModelVersion {
  /** The version as written after the name: 2.0, 二代, Pro, -2 → "2". */
  version: string;
  /** The versioned name as written: 支小助2.0. */
  label: string;
  parameters?: string;
  parameterCount?: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  releasedAt?: string;
  evidence: Evidence;
}

export interface ExtractedModel extends ExtractedEntityBase {
  versions: ExtractedModelVersion[];
  /** Parameters and release date stated for the model without a version. */
  parameters?: string;
  parameterCount?: number;
  releasedAt?: string;
}

export interface ExtractedChallenge extends ExtractedEntityBase {
  /** The taxonomy id: hallucination, compute_cost… */
  key: string;
  label: string;
  description: string;
}

export interface ExtractedAffiliation extends Support {
  person: string;
  institution: string;
  role: string;
  evidence: Evidence;
}

export interface ExtractedDevelopment extends Support {
  model: string;
  institution: string;
  evidence: Evidence;
}

export interface ExtractedRaised extends Support {
  person: string;
  challenge: string;
  evidence: Evidence;
}

export interface Extraction {
  people: ExtractedPerson[];
  institutions: ExtractedInstitution[];
  models: ExtractedModel[];
  challenges: ExtractedChallenge[];
  affiliations: ExtractedAffiliation[];
  developments: ExtractedDevelopment[];
  raised: ExtractedRaised[];
}
