import type { CleanDocument, Sentence, Validators } from '../domain/document.ts';
import type { EntityKind, InstitutionKind } from '../domain/entities.ts';
import { nameKey } from '../domain/normalize.ts';
import type {
  EntityName,
  Evidence,
  ExtractedChallenge,
  ExtractedInstitution,
  ExtractedModel,
  ExtractedModelVersion,
  ExtractedPerson,
  Extraction,
} from '../extract/types.ts';
import { type Finding, strongest } from './support.ts';

/** What every extracted entity has (ExtractedPerson is exactly that). */
type ExtractedEntityBase = ExtractedPerson;

// The resolve step works on one document and touches no database: it turns each extracted
// entity's names into the normalised keys the persist step matches across documents, and merges
// entities of one document that the extractor kept apart although they share a full name.

/** Legal forms that do not distinguish an institution (华东数智银行股份有限公司 = 华东数智银行). */
export const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司'];
/**
 * Kind words and the short forms news writes for them (重庆农村商业银行 is 重庆农商行): a name
 * ending in either is matched by the short form too.
 */
const SHORT_KIND_WORDS: [long: string, short: string][] = [
  ['农村商业银行', '农商行'],
  ['农商银行', '农商行'],
  ['消费金融', '消金'],
];

/** A name this document uses for an entity, with the key it is matched by. */
export interface KeyedName {
  name: string;
  key: string;
  strong: boolean;
}

export interface ResolvedEntity {
  kind: EntityKind;
  /** The extraction refs merged into this entity. */
  refs: string[];
  /** The best name the document gives. */
  name: string;
  /** One per key: the Name rows this document writes for the entity. */
  names: KeyedName[];
  /**
   * The keys that may resolve the entity across documents, strongest (longest name) first.
   * Weak names never appear here; challenges resolve by their taxonomy key alone.
   */
  lookupKeys: string[];
  mentions: Evidence[];
  /** This document's finding of it: the strongest of the extracted entities merged into it. */
  finding: Finding;
}

export interface ResolvedInstitution extends ResolvedEntity {
  kind: 'INSTITUTION';
  institutionKind: InstitutionKind;
}

export interface ResolvedModel extends ResolvedEntity {
  kind: 'MODEL';
  versions: ExtractedModelVersion[];
  parameters?: string;
  parameterCount?: number;
  releasedAt?: string;
}

export interface ResolvedChallenge extends ResolvedEntity {
  kind: 'CHALLENGE';
  /** The taxonomy id. */
  key: string;
  /** The taxonomy's name for it (幻觉): the challenge's canonical name. */
  taxonomyName: string;
  /** The taxonomy's English label. */
  label: string;
  description: string;
}

/** Relations point at entities by their index in the lists of ResolvedExtraction. */
export interface ResolvedAffiliation {
  person: number;
  institution: number;
  role: string;
  evidence: Evidence;
  finding: Finding;
}

export interface ResolvedDevelopment {
  model: number;
  institution: number;
  evidence: Evidence;
  finding: Finding;
}

export interface ResolvedRaised {
  person: number;
  challenge: number;
  evidence: Evidence;
  finding: Finding;
}

export interface ResolvedExtraction {
  people: ResolvedEntity[];
  institutions: ResolvedInstitution[];
  models: ResolvedModel[];
  challenges: ResolvedChallenge[];
  affiliations: ResolvedAffiliation[];
  developments: ResolvedDevelopment[];
  raised: ResolvedRaised[];
}

/** A normalised institution key without its legal form, or the key itself if it has none. */
export function stripLegalForm(key: string): string {
  for (const form of LEGAL_FORMS) {
    if (key.endsWith(form) && key.length > form.length + 1) return key.slice(0, -form.length);
  }
  return key;
}

/** The keys a name is matched by: institutions also without their legal form. */
export function keysOf(kind: EntityKind, name: string): string[] {
  const key = nameKey(name);
  if (key === '') return [];
  if (kind !== 'INSTITUTION') return [key];
  const stripped = stripLegalForm(key);
  const keys = new Set([key, stripped]);
  for (const [long, short] of SHORT_KIND_WORDS)
    if (stripped.endsWith(long) && stripped.length > long.length)
      keys.add(stripped.slice(0, -long.length) + short);
  return [...keys];
}

interface Draft<E extends ExtractedEntityBase> {
  source: E;
  refs: string[];
  names: EntityName[];
  mentions: Evidence[];
  versions: ExtractedModelVersion[];
}

/** Every name an extracted entity goes by: its best name, its names, and its version labels. */
function namesOf(kind: EntityKind, entity: ExtractedEntityBase): EntityName[] {
  const names = [...entity.names];
  // A challenge's best name is its taxonomy name (幻觉), which identifies it as well as its key.
  if (!names.some((n) => n.name === entity.name)) {
    names.unshift({ name: entity.name, strong: kind === 'CHALLENGE' });
  }
  if (kind === 'MODEL') {
    for (const v of (entity as ExtractedModel).versions) {
      if (!names.some((n) => n.name === v.label)) names.push({ name: v.label, strong: true });
    }
  }
  return names;
}

/** One key → name map per entity: a name's own key wins over a key derived by stripping. */
function keyNames(kind: EntityKind, names: EntityName[]): Map<string, KeyedName> {
  const byKey = new Map<string, KeyedName>();
  const ordered = [...names.filter((n) => n.strong), ...names.filter((n) => !n.strong)];
  for (const pass of [0, 1]) {
    for (const { name, strong } of ordered) {
      const key = keysOf(kind, name)[pass];
      if (key !== undefined && !byKey.has(key)) byKey.set(key, { name, key, strong });
    }
  }
  return byKey;
}

/** Strong keys, longest name first, then the name's own key before its stripped one. */
function lookupKeysOf(names: Iterable<KeyedName>): string[] {
  return [...names]
    .filter((n) => n.strong)
    .sort(
      (a, b) =>
        b.name.length - a.name.length ||
        b.key.length - a.key.length ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .map((n) => n.key);
}

interface Group<E extends ExtractedEntityBase> {
  drafts: Draft<E>[];
  names: Map<string, KeyedName>;
}

/**
 * Merges the entities of one kind that share a strong key (or a taxonomy key), then gives each
 * remaining shared weak key to one entity only, so a document writes one Name per kind and key.
 */
function groupEntities<E extends ExtractedEntityBase>(
  kind: EntityKind,
  entities: E[],
  identity: (entity: E) => string | null,
): { groups: Group<E>[]; refIndex: Map<string, number> } {
  const parent = entities.map((_, i) => i);
  const find = (i: number): number => {
    let at = i;
    while (parent[at] !== at) at = parent[at]!;
    return at;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const perEntity = entities.map((e) => keyNames(kind, namesOf(kind, e)));
  const owners = new Map<string, number>();
  entities.forEach((entity, i) => {
    const id = identity(entity);
    const strongKeys = [...perEntity[i]!.values()].filter((n) => n.strong).map((n) => n.key);
    for (const claim of id === null ? strongKeys : [id]) {
      const owner = owners.get(claim);
      if (owner === undefined) owners.set(claim, i);
      else union(owner, i);
    }
  });

  const byRoot = new Map<number, Group<E>>();
  entities.forEach((entity, i) => {
    const root = find(i);
    let group = byRoot.get(root);
    if (!group) {
      group = { drafts: [], names: new Map() };
      byRoot.set(root, group);
    }
    group.drafts.push({
      source: entity,
      refs: [entity.ref],
      names: entity.names,
      mentions: entity.mentions,
      versions: kind === 'MODEL' ? (entity as unknown as ExtractedModel).versions : [],
    });
    for (const [key, keyed] of perEntity[i]!) {
      const held = group.names.get(key);
      if (!held || (keyed.strong && !held.strong)) group.names.set(key, keyed);
    }
  });
  let groups = [...byRoot.values()];

  // A weak key two groups share (two people called 张总) belongs to the first group that holds
  // it strongly, or else to the first one; a group left without any name joins that owner.
  const keyOwner = new Map<string, number>();
  groups.forEach((group, g) => {
    for (const keyed of group.names.values()) {
      const owner = keyOwner.get(keyed.key);
      if (owner === undefined) keyOwner.set(keyed.key, g);
      else if (keyed.strong && !groups[owner]!.names.get(keyed.key)!.strong) {
        keyOwner.set(keyed.key, g);
      }
    }
  });
  const mergeInto = new Map<number, number>();
  groups.forEach((group, g) => {
    const lost = [...group.names.keys()].filter((key) => keyOwner.get(key) !== g);
    for (const key of lost) group.names.delete(key);
    if (group.names.size === 0 && lost.length > 0) mergeInto.set(g, keyOwner.get(lost[0]!)!);
  });
  // An owner keeps the key it owns, so it is never merged itself: no chains to follow.
  for (const [from, to] of mergeInto) groups[to]!.drafts.push(...groups[from]!.drafts);
  groups = groups.filter((group, g) => !mergeInto.has(g) && group.names.size > 0);

  const refIndex = new Map<string, number>();
  groups.forEach((group, g) => {
    for (const draft of group.drafts) refIndex.set(draft.source.ref, g);
  });
  return { groups, refIndex };
}

function entityOf<E extends ExtractedEntityBase>(kind: EntityKind, group: Group<E>) {
  const first = group.drafts[0]!.source;
  return {
    refs: group.drafts.map((d) => d.source.ref),
    name: first.name,
    names: [...group.names.values()],
    lookupKeys: lookupKeysOf(group.names.values()),
    mentions: group.drafts.flatMap((d) => d.mentions),
    finding: strongest(group.drafts.map((d) => d.source))!,
    kind,
  };
}

/** The largest parameter count stated, with its text; else the first text stated. */
function largestParameters(models: ExtractedModel[]) {
  const counted = models
    .filter((m) => m.parameterCount !== undefined)
    .sort((a, b) => b.parameterCount! - a.parameterCount!)[0];
  if (counted) return { parameters: counted.parameters, parameterCount: counted.parameterCount };
  return { parameters: models.find((m) => m.parameters !== undefined)?.parameters };
}

function earliest(dates: (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => Boolean(d)).sort()[0];
}

/**
 * Resolves one document's extraction: keys for every name, one entity per distinct thing named,
 * relations re-pointed at entity indices. Relations whose ends were not extracted are dropped.
 */
export function resolve(extraction: Extraction): ResolvedExtraction {
  const people = groupEntities('PERSON', extraction.people, () => null);
  const institutions = groupEntities('INSTITUTION', extraction.institutions, () => null);
  const models = groupEntities('MODEL', extraction.models, () => null);
  const challenges = groupEntities('CHALLENGE', extraction.challenges, (c) => c.key);

  const resolved: ResolvedExtraction = {
    people: people.groups.map((g) => entityOf('PERSON', g)),
    institutions: institutions.groups.map((g) => ({
      ...entityOf('INSTITUTION', g),
      kind: 'INSTITUTION' as const,
      institutionKind: specificKind(g.drafts.map((d) => (d.source as ExtractedInstitution).kind)),
    })),
    models: models.groups.map((g) => {
      const sources = g.drafts.map((d) => d.source as ExtractedModel);
      return {
        ...entityOf('MODEL', g),
        kind: 'MODEL' as const,
        versions: g.drafts.flatMap((d) => d.versions),
        ...largestParameters(sources),
        releasedAt: earliest(sources.map((m) => m.releasedAt)),
      };
    }),
    challenges: challenges.groups.map((g) => {
      const first = g.drafts[0]!.source as ExtractedChallenge;
      return {
        ...entityOf('CHALLENGE', g),
        kind: 'CHALLENGE' as const,
        key: first.key,
        taxonomyName: first.name,
        label: first.label,
        description: first.description,
        lookupKeys: [first.key],
      };
    }),
    affiliations: [],
    developments: [],
    raised: [],
  };

  for (const a of extraction.affiliations) {
    const person = people.refIndex.get(a.person);
    const institution = institutions.refIndex.get(a.institution);
    if (person !== undefined && institution !== undefined && a.role.trim() !== '') {
      resolved.affiliations.push({
        person,
        institution,
        role: a.role.trim(),
        evidence: a.evidence,
        finding: findingOf(a),
      });
    }
  }
  for (const d of extraction.developments) {
    const model = models.refIndex.get(d.model);
    const institution = institutions.refIndex.get(d.institution);
    if (model !== undefined && institution !== undefined) {
      resolved.developments.push({
        model,
        institution,
        evidence: d.evidence,
        finding: findingOf(d),
      });
    }
  }
  for (const r of extraction.raised) {
    const person = people.refIndex.get(r.person);
    const challenge = challenges.refIndex.get(r.challenge);
    if (person !== undefined && challenge !== undefined) {
      resolved.raised.push({ person, challenge, evidence: r.evidence, finding: findingOf(r) });
    }
  }
  return resolved;
}

/** The confidence and evidence name an extracted relation carries. */
const findingOf = ({ confidence, basis }: Finding): Finding => ({ confidence, basis });

/** The first kind more specific than 'other', so a merged institution keeps what is known. */
function specificKind(kinds: InstitutionKind[]): InstitutionKind {
  return kinds.find((k) => k !== 'other') ?? 'other';
}

/** A document that went through the pipeline up to this step, ready to be stored. */
export interface PreparedDocument {
  doc: CleanDocument;
  sentences: Sentence[];
  resolved: ResolvedExtraction;
  /** A fetched page's ETag and Last-Modified, for a conditional request on the next seed. */
  validators?: Validators;
}
