// The vocabulary of the graph that every layer shares: the four kinds of entity, the table each
// is stored in (also its GraphQL type's name) and the column through which mentions and names
// point at it. Defined here once; extraction, persistence, the read side and the API import it.

/** The kinds of entity, in the order lists of them are given everywhere. */
export const ENTITY_KINDS = ['PERSON', 'INSTITUTION', 'MODEL', 'CHALLENGE'] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

/** What sort of institution an institution is (its `category`). */
export type InstitutionKind =
  | 'bank'
  | 'insurer'
  | 'broker'
  | 'fund'
  | 'consumer_finance'
  | 'fintech'
  | 'tech'
  | 'regulator'
  | 'government'
  | 'media'
  | 'university'
  | 'research'
  | 'law_firm'
  | 'investment'
  | 'association'
  | 'other';

/** The table of each kind of entity, which is also the name of its GraphQL type. */
export const ENTITY_TABLE = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
} as const satisfies Record<EntityKind, string>;

/** The kind of entity stored in a table (or served as a GraphQL type); undefined for others. */
export function kindOfTable(name: string): EntityKind | undefined {
  return ENTITY_KINDS.find((kind) => ENTITY_TABLE[kind] === name);
}

/** The column of a Mention or Name row that points at an entity of each kind. */
export const ENTITY_COLUMN = {
  PERSON: 'personId',
  INSTITUTION: 'institutionId',
  MODEL: 'modelId',
  CHALLENGE: 'challengeId',
} as const satisfies Record<EntityKind, string>;

/** One value per kind of entity, each made fresh (an empty set, an empty list…). */
export function perKind<T>(make: (kind: EntityKind) => T): Record<EntityKind, T> {
  return {
    PERSON: make('PERSON'),
    INSTITUTION: make('INSTITUTION'),
    MODEL: make('MODEL'),
    CHALLENGE: make('CHALLENGE'),
  };
}
