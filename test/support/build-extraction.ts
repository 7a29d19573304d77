// Hand-made documents and extractions for the persist and graph tests: a name's mentions are its
// occurrences in the text, so every fact points at real characters of a real sentence.
import type { Db } from '../../src/db/client.ts';
import type { CleanDocument, Sentence } from '../../src/domain/document.ts';
import type { InstitutionKind } from '../../src/domain/entities.ts';
import type { Evidence, ExtractedModelVersion, Extraction } from '../../src/extract/types.ts';
import { segment, sentenceAt } from '../../src/ingest/segment.ts';
import type { PreparedDocument } from '../../src/store/identify.ts';
import { resolve } from '../../src/store/identify.ts';
import { createTestDatabase } from './database.ts';

/** A fresh migrated database of the run's kind (SQLite or PostgreSQL), and a client on it. */
export async function tempDatabase(): Promise<{ db: Db; url: string }> {
  const { db, url } = await createTestDatabase();
  return { db, url };
}

/** Names are strong unless written with a leading `~` (weak: 张行长). */
type Names = string[];

export interface Spec {
  people?: { ref: string; names: Names }[];
  institutions?: { ref: string; names: Names; kind?: InstitutionKind }[];
  models?: {
    ref: string;
    names: Names;
    versions?: Omit<ExtractedModelVersion, 'evidence'>[];
    parameters?: string;
    parameterCount?: number;
  }[];
  /** `name` is the taxonomy name (幻觉); `names` are the words the text uses. */
  challenges?: { ref: string; key: string; name: string; names: Names }[];
  affiliations?: [person: string, institution: string, role: string][];
  developments?: [model: string, institution: string][];
  raised?: [person: string, challenge: string][];
  /**
   * The finding of an entity (by ref) or a relation (`person>institution`, `model>institution`,
   * `person>challenge`): its confidence and evidence name; else the default evidence (0.5).
   */
  support?: Record<string, [confidence: number, basis: string]>;
}

function occurrences(text: string, sentences: Sentence[], name: string): Evidence[] {
  const found: Evidence[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    found.push({ start: at, end: at + name.length, sentence: sentenceAt(sentences, at) });
  }
  return found;
}

function parseNames(names: Names) {
  return names.map((n) =>
    n.startsWith('~') ? { name: n.slice(1), strong: false } : { name: n, strong: true },
  );
}

/** The extraction a careful extractor would give for `spec` on `text`. */
export function extraction(text: string, spec: Spec): Extraction {
  const sentences = segment(text);
  const evidenceOf = (names: Names) =>
    parseNames(names).flatMap((n) => occurrences(text, sentences, n.name));
  // Built by hand, so stated outright: the confidence of the default evidence unless given.
  const support = (key: string) => {
    const [confidence, basis] = spec.support?.[key] ?? [0.5, 'pattern'];
    return { confidence, basis };
  };
  const base = (e: { ref: string; names: Names }) => ({
    ref: e.ref,
    name: parseNames(e.names)[0]!.name,
    names: parseNames(e.names),
    mentions: evidenceOf(e.names),
    ...support(e.ref),
  });
  const firstMention = (ref: string, all: { ref: string; names: Names }[]) => {
    const entity = all.find((e) => e.ref === ref);
    if (!entity) throw new Error(`no entity ${ref}`);
    const evidence = evidenceOf(entity.names)[0];
    if (!evidence) throw new Error(`${ref} is not in the text`);
    return evidence;
  };
  const everyone = [
    ...(spec.people ?? []),
    ...(spec.institutions ?? []),
    ...(spec.models ?? []),
    ...(spec.challenges ?? []),
  ];
  return {
    people: (spec.people ?? []).map(base),
    institutions: (spec.institutions ?? []).map((i) => ({ ...base(i), kind: i.kind ?? 'other' })),
    models: (spec.models ?? []).map((m) => ({
      ...base(m),
      parameters: m.parameters,
      parameterCount: m.parameterCount,
      versions: (m.versions ?? []).map((v) => ({
        ...v,
        evidence: occurrences(text, sentences, v.label)[0] ?? firstMention(m.ref, everyone),
      })),
    })),
    challenges: (spec.challenges ?? []).map((c) => ({
      ...base(c),
      name: c.name,
      key: c.key,
      label: c.key.replace(/_/g, ' '),
      description: `${c.name}的说明`,
    })),
    affiliations: (spec.affiliations ?? []).map(([person, institution, role]) => ({
      person,
      institution,
      role,
      evidence: firstMention(person, everyone),
      ...support(`${person}>${institution}`),
    })),
    developments: (spec.developments ?? []).map(([model, institution]) => ({
      model,
      institution,
      evidence: firstMention(model, everyone),
      ...support(`${model}>${institution}`),
    })),
    raised: (spec.raised ?? []).map(([person, challenge]) => ({
      person,
      challenge,
      evidence: firstMention(person, everyone),
      ...support(`${person}>${challenge}`),
    })),
  };
}

export function cleanDocument(source: string, text: string, title = source): CleanDocument {
  return {
    source,
    format: 'txt',
    contentHash: `hash-of-${text.length}-${text.slice(0, 16)}`,
    encoding: 'utf-8',
    title,
    publishedAt: '2024-09-15',
    publisher: null,
    editor: null,
    text,
  };
}

/** A document ready for persistBatch: segmented, extracted by hand, resolved. */
export function prepared(source: string, text: string, spec: Spec): PreparedDocument {
  return {
    doc: cleanDocument(source, text),
    sentences: segment(text),
    resolved: resolve(extraction(text, spec)),
  };
}

/** The whole graph by names only (no ids), sorted: equal for equal graphs whatever the order. */
export async function graphByName(db: Db) {
  const [people, institutions, models, challenges] = await Promise.all([
    db.person.findMany({
      select: {
        name: true,
        aliases: true,
        affiliations: { select: { role: true, institution: { select: { name: true } } } },
        raised: { select: { challenge: { select: { name: true } } } },
      },
    }),
    db.institution.findMany({ select: { name: true, aliases: true, kind: true } }),
    db.model.findMany({
      select: {
        name: true,
        aliases: true,
        parameters: true,
        developments: { select: { institution: { select: { name: true } } } },
        versions: { select: { version: true } },
      },
    }),
    db.challenge.findMany({ select: { name: true, aliases: true } }),
  ]);
  const sorted = <T>(list: T[]) => list.map((x) => JSON.stringify(x)).sort();
  return {
    people: sorted(
      people.map((p) => ({
        name: p.name,
        aliases: p.aliases,
        affiliations: p.affiliations.map((a) => `${a.institution.name}/${a.role}`).sort(),
        raised: p.raised.map((r) => r.challenge.name).sort(),
      })),
    ),
    institutions: sorted(institutions),
    models: sorted(
      models.map((m) => ({
        ...m,
        developments: m.developments.map((d) => d.institution.name).sort(),
        versions: m.versions.map((v) => v.version).sort(),
      })),
    ),
    challenges: sorted(challenges),
  };
}

/** Row counts of every table. */
export async function rowCounts(db: Db) {
  const [documents, people, institutions, models, challenges, names, mentions, relations] =
    await Promise.all([
      db.document.count(),
      db.person.count(),
      db.institution.count(),
      db.model.count(),
      db.challenge.count(),
      db.name.count(),
      db.mention.count(),
      Promise.all([
        db.affiliation.count(),
        db.development.count(),
        db.raised.count(),
        db.modelVersion.count(),
      ]),
    ]);
  return { documents, people, institutions, models, challenges, names, mentions, relations };
}
