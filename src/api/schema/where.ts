// Translation of the `where` inputs of where-inputs.ts into the Prisma `where` of a connection.

import {
  dateWhere,
  enumWhere,
  idWhere,
  nameWhere,
  type StringFilterShape,
  stringWhere,
} from './where-scalars.ts';
import type {
  AffiliationWhereShape,
  ChallengeWhereShape,
  DevelopmentWhereShape,
  DocumentWhereShape,
  InstitutionWhereShape,
  ListFilter,
  Logical,
  MentionWhereShape,
  ModelWhereShape,
  PersonWhereShape,
  PrismaWhere,
  RaisedWhereShape,
} from './where-shapes.ts';

// Translation. Each condition becomes one entry of an AND list, so a field that is itself an OR
// (a name matches the name or an alias) never collides with the client's own OR.

function combine<T>(
  where: T & Logical<T>,
  translate: (where: T) => PrismaWhere,
  own: (PrismaWhere | null)[],
): PrismaWhere {
  const parts = own.filter((part): part is PrismaWhere => part !== null);
  if (where.AND) parts.push(...where.AND.map(translate));
  if (where.OR) parts.push({ OR: where.OR.map(translate) });
  if (where.NOT) parts.push({ NOT: translate(where.NOT) });
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { AND: parts };
}

const field = <T>(value: T | null | undefined, build: (value: T) => PrismaWhere) =>
  value == null ? null : build(value);

const list = <T>(filter: ListFilter<T>, translate: (where: T) => PrismaWhere) => ({
  ...(filter.some ? { some: translate(filter.some) } : {}),
  ...(filter.none ? { none: translate(filter.none) } : {}),
  ...(filter.every ? { every: translate(filter.every) } : {}),
});

const names = (filter: StringFilterShape) => {
  const parts = nameWhere(filter);
  return parts.length === 1 ? parts[0]! : { AND: parts };
};

export function personWhere(where: PersonWhereShape): PrismaWhere {
  return combine(where, personWhere, [
    field(where.id, (f) => ({ id: idWhere(f, 'Person') })),
    field(where.name, names),
    field(where.affiliations, (f) => ({ affiliations: list(f, affiliationWhere) })),
    field(where.raised, (f) => ({ raised: list(f, raisedWhere) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

export function institutionWhere(where: InstitutionWhereShape): PrismaWhere {
  return combine(where, institutionWhere, [
    field(where.id, (f) => ({ id: idWhere(f, 'Institution') })),
    field(where.name, names),
    field(where.category, (f) => ({ kind: enumWhere(f) })),
    field(where.affiliations, (f) => ({ affiliations: list(f, affiliationWhere) })),
    field(where.developments, (f) => ({ developments: list(f, developmentWhere) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

export function modelWhere(where: ModelWhereShape): PrismaWhere {
  return combine(where, modelWhere, [
    field(where.id, (f) => ({ id: idWhere(f, 'Model') })),
    field(where.name, names),
    field(where.developers, (f) => ({
      developments: list(f, (institution) => ({ institution: institutionWhere(institution) })),
    })),
    field(where.developments, (f) => ({ developments: list(f, developmentWhere) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

export function challengeWhere(where: ChallengeWhereShape): PrismaWhere {
  return combine(where, challengeWhere, [
    field(where.id, (f) => ({ id: idWhere(f, 'Challenge') })),
    field(where.name, names),
    field(where.key, (f) => ({ key: stringWhere(f) })),
    field(where.raised, (f) => ({ raised: list(f, raisedWhere) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

function affiliationWhere(where: AffiliationWhereShape): PrismaWhere {
  return combine(where, affiliationWhere, [
    field(where.role, (f) => ({ role: stringWhere(f) })),
    field(where.person, (f) => ({ person: personWhere(f) })),
    field(where.institution, (f) => ({ institution: institutionWhere(f) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

function developmentWhere(where: DevelopmentWhereShape): PrismaWhere {
  return combine(where, developmentWhere, [
    field(where.model, (f) => ({ model: modelWhere(f) })),
    field(where.institution, (f) => ({ institution: institutionWhere(f) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

function raisedWhere(where: RaisedWhereShape): PrismaWhere {
  return combine(where, raisedWhere, [
    field(where.person, (f) => ({ person: personWhere(f) })),
    field(where.challenge, (f) => ({ challenge: challengeWhere(f) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

export function mentionWhere(where: MentionWhereShape): PrismaWhere {
  return combine(where, mentionWhere, [
    field(where.kind, (f) => ({ kind: enumWhere(f) })),
    field(where.publishedAt, (f) => ({ publishedAt: dateWhere(f) })),
    field(where.snippet, (f) => ({ snippet: stringWhere(f) })),
    field(where.document, (f) => ({ document: documentWhere(f) })),
    field(where.person, (f) => ({ person: personWhere(f) })),
    field(where.institution, (f) => ({ institution: institutionWhere(f) })),
    field(where.model, (f) => ({ model: modelWhere(f) })),
    field(where.challenge, (f) => ({ challenge: challengeWhere(f) })),
  ]);
}

export function documentWhere(where: DocumentWhereShape): PrismaWhere {
  return combine(where, documentWhere, [
    field(where.id, (f) => ({ id: idWhere(f, 'Document') })),
    field(where.title, (f) => ({ title: stringWhere(f) })),
    field(where.source, (f) => ({ source: stringWhere(f) })),
    field(where.publisher, (f) => ({ publisher: stringWhere(f) })),
    field(where.format, (f) => ({ format: enumWhere(f) })),
    field(where.publishedAt, (f) => ({ publishedAt: dateWhere(f) })),
    field(where.mentions, (f) => ({ mentions: list(f, mentionWhere) })),
  ]);
}

/** `where` and the conditions of a connection's other arguments, all of which must hold. */
export function allOf(...conditions: (PrismaWhere | undefined)[]): PrismaWhere {
  const parts = conditions.filter(
    (c): c is PrismaWhere => c !== undefined && Object.keys(c).length > 0,
  );
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { AND: parts };
}
