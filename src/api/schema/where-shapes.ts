import type { InstitutionKind } from '../../domain/entities.ts';
import type {
  DateTimeFilterShape,
  EnumFilterShape,
  IdFilterShape,
  StringFilterShape,
} from './where-scalars.ts';

// The TypeScript shapes of the `where` inputs (where-inputs.ts) that where.ts translates.

export type Logical<T> = { AND?: readonly T[] | null; OR?: readonly T[] | null; NOT?: T | null };
export type ListFilter<T> = { some?: T | null; none?: T | null; every?: T | null };
export type PrismaWhere = Record<string, unknown>;

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
