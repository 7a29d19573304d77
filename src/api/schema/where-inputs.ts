import type { InputObjectRef } from '@pothos/core';
import { builder } from '../builder.ts';
import { DocumentFormat, InstitutionCategory, MentionKind } from './value-sets.ts';
import { DateTimeFilter, enumFilter, IdFilter, StringFilter } from './where-scalars.ts';
import type {
  AffiliationWhereShape,
  ChallengeWhereShape,
  DevelopmentWhereShape,
  DocumentWhereShape,
  InstitutionWhereShape,
  ListFilter,
  MentionWhereShape,
  ModelWhereShape,
  PersonWhereShape,
  RaisedWhereShape,
} from './where-shapes.ts';

// `where` inputs in the style of Hasura and PostGraphile's connection filter: one input per type,
// its fields combined with AND (and AND / OR / NOT lists for the rest), relations filtered with
// `some` / `none` / `every`. Each translates into the Prisma `where` of the one query a
// connection makes (and of its count): the database does the filtering, in SQL, on SQLite and
// PostgreSQL alike. Written by hand rather than with @pothos/plugin-prisma-utils: that plugin
// mirrors Prisma's names (`equals`, `kind`), where the API has its own (`eq`, `category`, names
// that match aliases), and calls itself experimental.

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
