import type { InputObjectRef } from '@pothos/core';
import type { InstitutionKind } from '../../domain/entities.ts';
import { builder } from '../builder.ts';

import { DocumentFormat, InstitutionCategory, MentionKind } from './value-sets.ts';
import {
  DateTimeFilter,
  type DateTimeFilterShape,
  dateWhere,
  type EnumFilterShape,
  enumFilter,
  enumWhere,
  IdFilter,
  type IdFilterShape,
  idWhere,
  nameWhere,
  StringFilter,
  type StringFilterShape,
  stringWhere,
} from './where-scalars.ts';

// `where` inputs in the style of Hasura and PostGraphile's connection filter: one input per type,
// its fields combined with AND (and AND / OR / NOT lists for the rest), relations filtered with
// `some` / `none` / `every`. Each translates into the Prisma `where` of the one query a
// connection makes (and of its count): the database does the filtering, in SQL, on SQLite and
// PostgreSQL alike. Written by hand rather than with @pothos/plugin-prisma-utils: that plugin
// mirrors Prisma's names (`equals`, `kind`), where the API has its own (`eq`, `category`, names
// that match aliases), and calls itself experimental.

type Logical<T> = { AND?: readonly T[] | null; OR?: readonly T[] | null; NOT?: T | null };
type ListFilter<T> = { some?: T | null; none?: T | null; every?: T | null };
type PrismaWhere = Record<string, unknown>;

export interface PersonWhereShape extends Logical<PersonWhereShape> {
  id?: IdFilterShape | null;
  name?: StringFilterShape | null;
  affiliations?: ListFilter<AffiliationWhereShape> | null;
  raised?: ListFilter<RaisedWhereShape> | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface InstitutionWhereShape extends Logical<InstitutionWhereShape> {
  id?: IdFilterShape | null;
  name?: StringFilterShape | null;
  category?: EnumFilterShape<InstitutionKind> | null;
  affiliations?: ListFilter<AffiliationWhereShape> | null;
  developments?: ListFilter<DevelopmentWhereShape> | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface ModelWhereShape extends Logical<ModelWhereShape> {
  id?: IdFilterShape | null;
  name?: StringFilterShape | null;
  developers?: ListFilter<InstitutionWhereShape> | null;
  developments?: ListFilter<DevelopmentWhereShape> | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface ChallengeWhereShape extends Logical<ChallengeWhereShape> {
  id?: IdFilterShape | null;
  name?: StringFilterShape | null;
  key?: StringFilterShape | null;
  raised?: ListFilter<RaisedWhereShape> | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface AffiliationWhereShape extends Logical<AffiliationWhereShape> {
  role?: StringFilterShape | null;
  person?: PersonWhereShape | null;
  institution?: InstitutionWhereShape | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface DevelopmentWhereShape extends Logical<DevelopmentWhereShape> {
  model?: ModelWhereShape | null;
  institution?: InstitutionWhereShape | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface RaisedWhereShape extends Logical<RaisedWhereShape> {
  person?: PersonWhereShape | null;
  challenge?: ChallengeWhereShape | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}
export interface MentionWhereShape extends Logical<MentionWhereShape> {
  kind?: EnumFilterShape<string> | null;
  publishedAt?: DateTimeFilterShape | null;
  snippet?: StringFilterShape | null;
  document?: DocumentWhereShape | null;
  person?: PersonWhereShape | null;
  institution?: InstitutionWhereShape | null;
  model?: ModelWhereShape | null;
  challenge?: ChallengeWhereShape | null;
}
export interface DocumentWhereShape extends Logical<DocumentWhereShape> {
  id?: IdFilterShape | null;
  title?: StringFilterShape | null;
  source?: StringFilterShape | null;
  publisher?: StringFilterShape | null;
  format?: EnumFilterShape<string> | null;
  publishedAt?: DateTimeFilterShape | null;
  mentions?: ListFilter<MentionWhereShape> | null;
}

export const PersonWhere = builder.inputRef<PersonWhereShape>('PersonWhere');
export const InstitutionWhere = builder.inputRef<InstitutionWhereShape>('InstitutionWhere');
export const ModelWhere = builder.inputRef<ModelWhereShape>('ModelWhere');
export const ChallengeWhere = builder.inputRef<ChallengeWhereShape>('ChallengeWhere');
export const AffiliationWhere = builder.inputRef<AffiliationWhereShape>('AffiliationWhere');
export const DevelopmentWhere = builder.inputRef<DevelopmentWhereShape>('DevelopmentWhere');
export const RaisedWhere = builder.inputRef<RaisedWhereShape>('RaisedWhere');
export const MentionWhere = builder.inputRef<MentionWhereShape>('MentionWhere');
export const DocumentWhere = builder.inputRef<DocumentWhereShape>('DocumentWhere');

/** `some` / `none` / `every` over the rows of a relation, each matching `where`. */
function listFilter<T>(name: string, where: InputObjectRef<Types, T>, items: string) {
  return builder.inputRef<ListFilter<T>>(name).implement({
    description: `Conditions on ${items}; every one given must hold.`,
    // A generic shape Pothos cannot check field by field; the fields below are the shape's.
    fields: (t) =>
      ({
        some: t.field({
          type: where,
          required: false,
          description: `At least one of the ${items} matches.`,
        }),
        none: t.field({
          type: where,
          required: false,
          description: `None of the ${items} matches.`,
        }),
        every: t.field({
          type: where,
          required: false,
          description: `Every one of the ${items} matches (true when there are none).`,
        }),
      }) as never,
  });
}

const AffiliationListFilter = listFilter('AffiliationListFilter', AffiliationWhere, 'affiliations');
const DevelopmentListFilter = listFilter(
  'DevelopmentListFilter',
  DevelopmentWhere,
  'development relations',
);
const RaisedListFilter = listFilter('RaisedListFilter', RaisedWhere, 'raised-challenge relations');
const MentionListFilter = listFilter('MentionListFilter', MentionWhere, 'mentions');
const InstitutionListFilter = listFilter('InstitutionListFilter', InstitutionWhere, 'institutions');
const CategoryFilter = enumFilter(
  'InstitutionCategoryFilter',
  InstitutionCategory,
  'an institution category',
);
const MentionKindFilter = enumFilter(
  'MentionKindFilter',
  MentionKind,
  'what a mention is evidence of',
);
const FormatFilter = enumFilter('DocumentFormatFilter', DocumentFormat, 'a document format');

/** AND / OR / NOT over the input `self`, the same on every type. */
function logicalFields<T>(
  t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>,
  self: InputObjectRef<Types, T>,
  items: string,
) {
  return {
    AND: t.field({
      type: [self],
      required: false,
      description: `Every one of these conditions holds for the ${items}.`,
    }),
    OR: t.field({
      type: [self],
      required: false,
      description: `At least one of these conditions holds for the ${items}.`,
    }),
    NOT: t.field({
      type: self,
      required: false,
      description: `This condition does not hold for the ${items}.`,
    }),
  };
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const nameDescription = 'The name or any alias (全称, 简称, English name…).';

PersonWhere.implement({
  description: 'Conditions on a person; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, PersonWhere, 'person'),
    id: t.field({ type: IdFilter, required: false, description: 'The person’s global ID.' }),
    name: t.field({ type: StringFilter, required: false, description: nameDescription }),
    affiliations: t.field({
      type: AffiliationListFilter,
      required: false,
      description: 'The person’s roles at institutions.',
    }),
    raised: t.field({
      type: RaisedListFilter,
      required: false,
      description: 'The challenges the person raised, with their evidence.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'Where the documents name the person.',
    }),
  }),
});

InstitutionWhere.implement({
  description: 'Conditions on an institution; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, InstitutionWhere, 'institution'),
    id: t.field({ type: IdFilter, required: false, description: 'The institution’s global ID.' }),
    name: t.field({ type: StringFilter, required: false, description: nameDescription }),
    category: t.field({
      type: CategoryFilter,
      required: false,
      description: 'What kind of institution it is.',
    }),
    affiliations: t.field({
      type: AffiliationListFilter,
      required: false,
      description: 'The roles people hold there.',
    }),
    developments: t.field({
      type: DevelopmentListFilter,
      required: false,
      description: 'The models it develops, with their evidence.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'Where the documents name the institution.',
    }),
  }),
});

ModelWhere.implement({
  description: 'Conditions on a model; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, ModelWhere, 'model'),
    id: t.field({ type: IdFilter, required: false, description: 'The model’s global ID.' }),
    name: t.field({ type: StringFilter, required: false, description: nameDescription }),
    developers: t.field({
      type: InstitutionListFilter,
      required: false,
      description: 'The institutions said to develop it.',
    }),
    developments: t.field({
      type: DevelopmentListFilter,
      required: false,
      description: 'The development relations, with their evidence.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'Where the documents name the model.',
    }),
  }),
});

ChallengeWhere.implement({
  description: 'Conditions on a challenge; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, ChallengeWhere, 'challenge'),
    id: t.field({ type: IdFilter, required: false, description: 'The challenge’s global ID.' }),
    name: t.field({
      type: StringFilter,
      required: false,
      description: `${nameDescription.slice(0, -1)} 幻觉, 算力成本…`,
    }),
    key: t.field({
      type: StringFilter,
      required: false,
      description: 'The taxonomy id: hallucination, compute_cost…',
    }),
    raised: t.field({
      type: RaisedListFilter,
      required: false,
      description: 'The people who raised it, with the evidence.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'Where the documents raise it.',
    }),
  }),
});

AffiliationWhere.implement({
  description: 'Conditions on a person’s role at an institution; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, AffiliationWhere, 'affiliation'),
    role: t.field({
      type: StringFilter,
      required: false,
      description: 'The title as written: 副行长, 首席信息官…',
    }),
    person: t.field({
      type: PersonWhere,
      required: false,
      description: 'The person holding the role.',
    }),
    institution: t.field({
      type: InstitutionWhere,
      required: false,
      description: 'The institution.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'The sentences that state it.',
    }),
  }),
});

DevelopmentWhere.implement({
  description: 'Conditions on an institution developing a model; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, DevelopmentWhere, 'development'),
    model: t.field({ type: ModelWhere, required: false, description: 'The model.' }),
    institution: t.field({
      type: InstitutionWhere,
      required: false,
      description: 'The developer.',
    }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'The sentences that state it.',
    }),
  }),
});

RaisedWhere.implement({
  description: 'Conditions on a person raising a challenge; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, RaisedWhere, 'raised challenge'),
    person: t.field({ type: PersonWhere, required: false, description: 'Who raised it.' }),
    challenge: t.field({ type: ChallengeWhere, required: false, description: 'The challenge.' }),
    mentions: t.field({
      type: MentionListFilter,
      required: false,
      description: 'The sentences that state it; their dates say when.',
    }),
  }),
});

MentionWhere.implement({
  description: 'Conditions on a mention (a piece of evidence); every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, MentionWhere, 'mention'),
    kind: t.field({
      type: MentionKindFilter,
      required: false,
      description: 'What it is evidence of.',
    }),
    publishedAt: t.field({
      type: DateTimeFilter,
      required: false,
      description: 'Its document’s publication date.',
    }),
    snippet: t.field({
      type: StringFilter,
      required: false,
      description: 'The sentence that states it.',
    }),
    document: t.field({
      type: DocumentWhere,
      required: false,
      description: 'The document it is in.',
    }),
    person: t.field({ type: PersonWhere, required: false, description: 'The person it names.' }),
    institution: t.field({
      type: InstitutionWhere,
      required: false,
      description: 'The institution it names.',
    }),
    model: t.field({ type: ModelWhere, required: false, description: 'The model it names.' }),
    challenge: t.field({
      type: ChallengeWhere,
      required: false,
      description: 'The challenge it raises.',
    }),
  }),
});

DocumentWhere.implement({
  description: 'Conditions on a document; every one given must hold.',
  fields: (t) => ({
    ...logicalFields(t, DocumentWhere, 'document'),
    id: t.field({ type: IdFilter, required: false, description: 'The document’s global ID.' }),
    title: t.field({ type: StringFilter, required: false, description: 'The title.' }),
    source: t.field({
      type: StringFilter,
      required: false,
      description: 'Where it came from (a path or URL).',
    }),
    publisher: t.field({
      type: StringFilter,
      required: false,
      description: 'The media that published it.',
    }),
    format: t.field({ type: FormatFilter, required: false, description: 'How it is written.' }),
    publishedAt: t.field({
      type: DateTimeFilter,
      required: false,
      description: 'When it was published (undated documents never match).',
    }),
    mentions: t.field({ type: MentionListFilter, required: false, description: 'What it says.' }),
  }),
});

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
