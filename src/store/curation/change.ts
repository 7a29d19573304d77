import type { EntityKind, InstitutionKind } from '../../domain/entities.ts';

// What a curation changes, as stored in Curation.change (JSON). Entities are named by kind and
// key, never by row id: a re-seed with --force may give an entity a new id, its key stays (it is
// the normalised name the documents use). `name` is only what the log shows.

export interface EntityRef {
  kind: EntityKind;
  key: string;
  name: string;
}

/** A stated relation, by its natural key: its two ends and, for an affiliation, the role. */
export type FactRef =
  | { type: 'AFFILIATION'; person: EntityRef; institution: EntityRef; role: string }
  | { type: 'DEVELOPMENT'; model: EntityRef; institution: EntityRef }
  | { type: 'RAISED'; person: EntityRef; challenge: EntityRef };

export type FactType = FactRef['type'];

export type Change =
  | { action: 'MERGE_ENTITIES'; keep: EntityRef; remove: EntityRef }
  | { action: 'SPLIT_ALIAS'; entity: EntityRef; alias: string }
  | { action: 'RENAME_ENTITY'; entity: EntityRef; name: string }
  | { action: 'ADD_ALIAS'; entity: EntityRef; alias: string }
  | { action: 'REMOVE_ALIAS'; entity: EntityRef; alias: string }
  | { action: 'SET_INSTITUTION_CATEGORY'; institution: EntityRef; category: InstitutionKind }
  /** `factId`: the row rejected when the curation was made, so restoreFact(id) finds it. */
  | { action: 'REJECT_FACT'; fact: FactRef; factId: number }
  | { action: 'CORRECT_ROLE'; fact: FactRef & { type: 'AFFILIATION' }; role: string }
  /** `document`: the source of the Document holding the curator's note, the fact's evidence. */
  | { action: 'ADD_FACT'; fact: FactRef; note: string; document: string };

export type CurationAction = Change['action'];

export const CURATION_ACTIONS: readonly CurationAction[] = [
  'MERGE_ENTITIES',
  'SPLIT_ALIAS',
  'RENAME_ENTITY',
  'ADD_ALIAS',
  'REMOVE_ALIAS',
  'SET_INSTITUTION_CATEGORY',
  'REJECT_FACT',
  'CORRECT_ROLE',
  'ADD_FACT',
];

export const INSTITUTION_CATEGORIES: readonly InstitutionKind[] = [
  'bank',
  'insurer',
  'broker',
  'fund',
  'consumer_finance',
  'fintech',
  'tech',
  'regulator',
  'government',
  'media',
  'university',
  'research',
  'law_firm',
  'investment',
  'association',
  'other',
];

/** The ends of a fact, in the order (from, to) the graph's edges use. */
export function endsOf(fact: FactRef): [EntityRef, EntityRef] {
  switch (fact.type) {
    case 'AFFILIATION':
      return [fact.person, fact.institution];
    case 'DEVELOPMENT':
      return [fact.model, fact.institution];
    case 'RAISED':
      return [fact.person, fact.challenge];
  }
}

/** Every entity a change names: what the log is filtered by. */
export function subjectsOf(change: Change): EntityRef[] {
  switch (change.action) {
    case 'MERGE_ENTITIES':
      return [change.keep, change.remove];
    case 'SPLIT_ALIAS':
    case 'RENAME_ENTITY':
    case 'ADD_ALIAS':
    case 'REMOVE_ALIAS':
      return [change.entity];
    case 'SET_INSTITUTION_CATEGORY':
      return [change.institution];
    case 'REJECT_FACT':
    case 'CORRECT_ROLE':
    case 'ADD_FACT':
      return endsOf(change.fact);
  }
}

const describeRef = (ref: EntityRef) => ref.name;

function describeFact(fact: FactRef): string {
  const [from, to] = endsOf(fact);
  const what =
    fact.type === 'AFFILIATION'
      ? `${fact.role} of`
      : fact.type === 'DEVELOPMENT'
        ? 'developed by'
        : 'raised by';
  return fact.type === 'RAISED'
    ? `${describeRef(to)} ${what} ${describeRef(from)}`
    : `${describeRef(from)} ${what} ${describeRef(to)}`;
}

/** One line for the log and the seed's output. */
export function describeChange(change: Change): string {
  switch (change.action) {
    case 'MERGE_ENTITIES':
      return `merge ${describeRef(change.remove)} into ${describeRef(change.keep)}`;
    case 'SPLIT_ALIAS':
      return `split ${change.alias} from ${describeRef(change.entity)}`;
    case 'RENAME_ENTITY':
      return `rename ${describeRef(change.entity)} to ${change.name}`;
    case 'ADD_ALIAS':
      return `add alias ${change.alias} to ${describeRef(change.entity)}`;
    case 'REMOVE_ALIAS':
      return `remove alias ${change.alias} from ${describeRef(change.entity)}`;
    case 'SET_INSTITUTION_CATEGORY':
      return `set the category of ${describeRef(change.institution)} to ${change.category}`;
    case 'REJECT_FACT':
      return `reject ${describeFact(change.fact)}`;
    case 'CORRECT_ROLE':
      return `correct ${describeFact(change.fact)} to ${change.role}`;
    case 'ADD_FACT':
      return `add ${describeFact(change.fact)}`;
  }
}
