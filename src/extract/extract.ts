// The extract step: a fixed order of extractors over one cleaned document. Order matters:
// people after titles come first so institution names stop in front of them; institutions come
// before roles, models (developers) and challenges; coreference runs once every name is known.
import type { CleanDocument, Sentence } from '../domain/document.ts';
import { extractChallenges } from './challenges.ts';
import { confidenceOf, DEFAULT_BASIS } from './confidence.ts';
import { DocContext, type Entity, type RelationFact } from './context.ts';
import {
  placeRolesBySpeaker,
  resolveHonorifics,
  resolvePronouns,
  sentenceSpeakers,
} from './coref.ts';
import { extractInstitutions } from './institutions.ts';
import { challengeByKey } from './lexicon.ts';
import { extractModels } from './models.ts';
import { extractPeopleAfterInstitutions, extractPeopleBeforeInstitutions } from './people.ts';
import { findTitles, nameStops } from './role-phrases.ts';
import type { EntityName, ExtractedModelVersion, ExtractedRaised, Extraction } from './types.ts';

/** What the text says, as entities with document-local refs and the relations between them. */
export function extract(doc: CleanDocument, sentences: Sentence[]): Extraction {
  const ctx = new DocContext(doc, sentences);
  const titles = findTitles(ctx);
  const named = extractPeopleBeforeInstitutions(ctx, titles);
  extractInstitutions(ctx, nameStops(ctx, titles));
  extractPeopleAfterInstitutions(ctx, titles, named);
  extractModels(ctx);
  resolveHonorifics(ctx);
  resolvePronouns(ctx);
  const speakers = sentenceSpeakers(ctx);
  placeRolesBySpeaker(ctx, speakers);
  extractChallenges(ctx, speakers);
  return toExtraction(ctx);
}

/** The confidence and evidence name of an entity or relation (the default where none was named). */
function support(found: { basis?: string }): { confidence: number; basis: string } {
  const basis = found.basis ?? DEFAULT_BASIS;
  return { confidence: confidenceOf(basis), basis };
}

function names(entity: Entity): EntityName[] {
  return [...entity.names.values()].map(({ name, strong }) => ({ name, strong }));
}

function bestName(entity: Entity, pick: (a: string, b: string) => boolean): string {
  const strong = names(entity)
    .filter((n) => n.strong)
    .map((n) => n.name);
  const pool = strong.length ? strong : names(entity).map((n) => n.name);
  return pool.reduce((a, b) => (pick(b, a) ? b : a));
}

/** One entry per version; attributes stated at any of its mentions are kept. */
function mergeVersions(versions: ExtractedModelVersion[]): ExtractedModelVersion[] {
  const byVersion = new Map<string, ExtractedModelVersion>();
  for (const v of versions) {
    const known = byVersion.get(v.version);
    if (!known) byVersion.set(v.version, { ...v });
    else {
      known.parameters ??= v.parameters;
      known.parameterCount ??= v.parameterCount;
      known.releasedAt ??= v.releasedAt;
      if (v.parameters || v.releasedAt) known.evidence = v.evidence;
    }
  }
  return [...byVersion.values()];
}

const longest = (a: string, b: string) => a.length > b.length;
const shortest = (a: string, b: string) => a.length < b.length;

function dedupe<T extends RelationFact>(facts: T[], live: Set<string>, key: (f: T) => string): T[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const k = key(f);
    if (!live.has(f.a) || !live.has(f.b) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Keeps what the text supports: a challenge stays when someone raised it or the text names it
 * more than once; everything else found has a mention by construction.
 */
function toExtraction(ctx: DocContext): Extraction {
  const raised = new Set(ctx.raised.map((r) => r.b));
  const challenges = ctx.all('CHALLENGE').filter((c) => raised.has(c.ref) || c.mentions.length > 1);
  const live = new Set(
    [...ctx.all('PERSON'), ...ctx.all('INSTITUTION'), ...ctx.all('MODEL'), ...challenges].map(
      (e) => e.ref,
    ),
  );
  const withMentions = (list: Entity[]) => list.filter((e) => e.mentions.length > 0);
  return {
    people: withMentions(ctx.all('PERSON')).map((p) => ({
      ref: p.ref,
      name: bestName(p, longest),
      names: names(p),
      mentions: p.mentions,
      ...support(p),
    })),
    institutions: withMentions(ctx.all('INSTITUTION')).map((i) => ({
      ref: i.ref,
      name: bestName(i, longest),
      names: names(i),
      mentions: i.mentions,
      ...support(i),
      kind: i.institutionKind ?? 'other',
    })),
    models: withMentions(ctx.all('MODEL')).map((m) => ({
      ref: m.ref,
      name: bestName(m, shortest),
      names: names(m),
      mentions: m.mentions,
      ...support(m),
      versions: mergeVersions(m.versions ?? []),
      parameters: m.parameters?.text,
      parameterCount: m.parameters?.count,
      releasedAt: m.releasedAt,
    })),
    challenges: challenges.map((c) => {
      const kind = challengeByKey.get(c.challengeKey ?? '');
      return {
        ref: c.ref,
        name: kind?.name ?? bestName(c, longest),
        names: names(c),
        mentions: c.mentions,
        ...support(c),
        key: c.challengeKey ?? '',
        label: kind?.label ?? '',
        description: kind?.description ?? '',
      };
    }),
    affiliations: dedupe(ctx.affiliations, live, (f) => `${f.a}|${f.b}|${f.role}`).map((f) => ({
      person: f.a,
      institution: f.b,
      role: f.role ?? '',
      evidence: f.evidence,
      ...support(f),
    })),
    developments: dedupe(ctx.developments, live, (f) => `${f.a}|${f.b}`).map((f) => ({
      model: f.a,
      institution: f.b,
      evidence: f.evidence,
      ...support(f),
    })),
    raised: dedupe(ctx.raised, live, (f) => `${f.a}|${f.b}`).map(
      (f): ExtractedRaised => ({
        person: f.a,
        challenge: f.b,
        evidence: f.evidence,
        ...support(f),
      }),
    ),
  };
}
