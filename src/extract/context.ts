// The working state of one document's extraction: the text, its sentences, and the entities
// found so far under document-local refs. Extractors add to it in a fixed order (see
// extract.ts); later ones read what earlier ones found (person names stop institution names).

import type { CleanDocument, Sentence, Span } from '../domain/document.ts';
import type { EntityKind, InstitutionKind } from '../domain/entities.ts';
import { nameKey } from '../domain/normalize.ts';
import { sentenceAt } from '../ingest/segment.ts';
import { strongerBasis } from './confidence.ts';
import { foldForMatch } from './text.ts';
import type { Evidence, ExtractedModelVersion } from './types.ts';

export interface Entity {
  ref: string;
  kind: EntityKind;
  /** Names by key, in the order found; `strong` once any finding called it strong. */
  names: Map<string, { name: string; strong: boolean }>;
  mentions: Evidence[];
  institutionKind?: InstitutionKind;
  challengeKey?: string;
  versions?: ExtractedModelVersion[];
  parameters?: { text: string; count: number };
  releasedAt?: string;
  /** The strongest evidence found for this entity (a name in data/evidence.json); see support(). */
  basis?: string;
}

/** A span of the text taken by an entity mention. */
export interface TakenSpan extends Span {
  ref: string;
  kind: EntityKind;
}

export interface RelationFact {
  a: string;
  b: string;
  role?: string;
  evidence: Evidence;
  /** The evidence that produced the relation (a name in data/evidence.json). */
  basis?: string;
}

export class DocContext {
  readonly text: string;
  /** The text folded for matching (same length as `text`). */
  readonly fold: string;
  readonly sentences: Sentence[];
  readonly doc: CleanDocument;
  readonly entities = new Map<string, Entity>();
  readonly affiliations: RelationFact[] = [];
  readonly developments: RelationFact[] = [];
  readonly raised: RelationFact[] = [];
  /** Roles stated without their institution (由副行长郜川牵头), placed once speakers are known. */
  readonly unplacedRoles: { person: string; role: string; evidence: Evidence }[] = [];
  /** Every span an entity mention takes, so later extractors do not read inside it. */
  readonly taken: TakenSpan[] = [];
  private readonly byKey = new Map<string, string>();
  private counter = 0;

  constructor(doc: CleanDocument, sentences: Sentence[]) {
    this.doc = doc;
    this.text = doc.text;
    this.fold = foldForMatch(doc.text);
    this.sentences = sentences;
  }

  /** Evidence for a span: the span and the sentence that holds it. */
  evidence(span: Span): Evidence {
    return { start: span.start, end: span.end, sentence: sentenceAt(this.sentences, span.start) };
  }

  /** The entity of `kind` known under `name` in this document, if any. */
  find(kind: EntityKind, name: string): Entity | undefined {
    const ref = this.byKey.get(`${kind}:${nameKey(name)}`);
    return ref ? this.entities.get(ref) : undefined;
  }

  /** All entities of a kind, in the order they were first found. */
  all(kind: EntityKind): Entity[] {
    return [...this.entities.values()].filter((e) => e.kind === kind);
  }

  /**
   * The entity of `kind` named `name`, created when the document has not named it yet.
   * `also` lists other names of the same entity (a full name and its short name).
   */
  entity(kind: EntityKind, name: string, strong: boolean, also: string[] = []): Entity {
    const existing = [name, ...also].map((n) => this.find(kind, n)).find((e) => e !== undefined);
    const entity = existing ?? this.create(kind);
    this.addName(entity, name, strong);
    for (const alias of also) this.addName(entity, alias, strong);
    return entity;
  }

  /** Records another name for an entity (and makes it findable under that name). */
  addName(entity: Entity, name: string, strong: boolean): void {
    const key = nameKey(name);
    if (!key) return;
    const known = entity.names.get(key);
    if (known) known.strong ||= strong;
    else entity.names.set(key, { name, strong });
    if (!this.byKey.has(`${entity.kind}:${key}`))
      this.byKey.set(`${entity.kind}:${key}`, entity.ref);
  }

  /** Records evidence for an entity: it keeps the strongest evidence any finding gave it. */
  support(entity: Entity, basis: string): void {
    entity.basis = strongerBasis(entity.basis, basis);
  }

  /** Records where the text mentions an entity (once per span). */
  mention(entity: Entity, span: Span): void {
    if (entity.mentions.some((m) => m.start === span.start && m.end === span.end)) return;
    entity.mentions.push(this.evidence(span));
    this.taken.push({ start: span.start, end: span.end, ref: entity.ref, kind: entity.kind });
  }

  /** The mention span of `kind` that ends exactly at `end`, if any (the longest). */
  takenEndingAt(end: number, kind?: EntityKind): TakenSpan | undefined {
    let best: TakenSpan | undefined;
    for (const t of this.taken) {
      if (t.end === end && (!kind || t.kind === kind) && (!best || t.start < best.start)) best = t;
    }
    return best;
  }

  /** The mention span of `kind` that starts exactly at `start`, if any (the longest). */
  takenStartingAt(start: number, kind?: EntityKind): TakenSpan | undefined {
    let best: TakenSpan | undefined;
    for (const t of this.taken) {
      if (t.start === start && (!kind || t.kind === kind) && (!best || t.end > best.end)) best = t;
    }
    return best;
  }

  /** Whether any mention span overlaps [start, end). */
  overlapsTaken(start: number, end: number, kind?: EntityKind): boolean {
    return this.taken.some((t) => t.start < end && start < t.end && (!kind || t.kind === kind));
  }

  /** Mentions of `kind` inside [start, end), in text order. */
  takenWithin(start: number, end: number, kind?: EntityKind): TakenSpan[] {
    return this.taken
      .filter((t) => t.start >= start && t.end <= end && (!kind || t.kind === kind))
      .sort((a, b) => a.start - b.start);
  }

  /** Points every name key and relation of a merged-away entity at the entity it joined. */
  redirect(from: string, into: string): void {
    for (const [key, ref] of this.byKey) if (ref === from) this.byKey.set(key, into);
    for (const list of [this.affiliations, this.developments, this.raised]) {
      for (const fact of list) {
        if (fact.a === from) fact.a = into;
        if (fact.b === from) fact.b = into;
      }
    }
  }

  private create(kind: EntityKind): Entity {
    const ref = `${kind.toLowerCase()}-${++this.counter}`;
    const entity: Entity = { ref, kind, names: new Map(), mentions: [] };
    this.entities.set(ref, entity);
    return entity;
  }
}
