import type { EntityKind } from '../../domain/entities.ts';
import {
  type Change,
  CURATION_ACTIONS,
  type CurationAction,
  describeChange,
} from '../../store/curation/change.ts';
import { builder } from '../builder.ts';
import { EntityKindEnum } from './entity.ts';

// The curation log's types: a curation, what it does and whether it applies (src/store/curation).

const ACTION_DESCRIPTION: Record<CurationAction, string> = {
  MERGE_ENTITIES: 'Two entities made one.',
  SPLIT_ALIAS: 'An alias that named another entity made an entity of its own.',
  RENAME_ENTITY: 'An entity given another canonical name.',
  ADD_ALIAS: 'A name added to an entity.',
  REMOVE_ALIAS: 'A name removed from the aliases an entity shows.',
  SET_INSTITUTION_CATEGORY: 'An institution given another category.',
  REJECT_FACT: 'A stated relation marked wrong.',
  CORRECT_ROLE: 'The role of an affiliation corrected.',
  ADD_FACT: 'A relation the documents miss, stated with a note as evidence.',
};

export const CurationActionEnum = builder.enumType('CurationAction', {
  description: 'What a curation does.',
  values: Object.fromEntries(
    CURATION_ACTIONS.map((action) => [action, { description: ACTION_DESCRIPTION[action] }]),
  ) as Record<CurationAction, { description: string }>,
});

export const CurationStatusEnum = builder.enumType('CurationStatus', {
  description: 'Whether a curation is in force.',
  values: {
    APPLIED: { description: 'In force and applied to the graph.' },
    NOT_APPLYING: {
      description:
        'In force, but an entity or fact it names is no longer in the graph (see problem).',
    },
    UNDONE: { description: 'Undone: the graph is as the documents state it.' },
  },
});

export const FactTypeEnum = builder.enumType('FactType', {
  description: 'A kind of stated relation a curator may reject or add.',
  values: {
    AFFILIATION: { description: 'A person (subject) holding a role at an institution (object).' },
    DEVELOPMENT: { description: 'A model (subject) developed by an institution (object).' },
    RAISED: { description: 'A person (subject) raising a challenge (object).' },
  },
});

const CurationSubject = builder.prismaObject('CurationSubject', {
  description: 'An entity a curation is about, by kind and key (its normalised name).',
  fields: (t) => ({
    kind: t.field({
      type: EntityKindEnum,
      description: 'What kind of entity.',
      resolve: (s) => s.kind as EntityKind,
    }),
    key: t.exposeString('key', {
      description: 'Its normalised name, by which the curation finds it again after a re-seed.',
    }),
  }),
});

export const parseChange = (row: { change: string }) => JSON.parse(row.change) as Change;

export const Curation = builder.prismaNode('Curation', {
  id: { field: 'id' },
  nullable: true,
  description:
    'A correction a curator made: kept apart from what was extracted and applied again after every seed.',
  fields: (t) => ({
    action: t.field({
      type: CurationActionEnum,
      description: 'What it does.',
      resolve: (c) => c.action as Change['action'],
    }),
    summary: t.string({
      description: 'What it does, in words: merge 张行长 into 张伟.',
      resolve: (c) => describeChange(parseChange(c)),
    }),
    change: t.exposeString('change', {
      description: 'What it does, as JSON: entities by kind and key, which survive re-seeding.',
    }),
    curator: t.exposeString('curator', { description: 'The name of the token that made it.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the curator said.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made.' }),
    status: t.field({
      type: CurationStatusEnum,
      description: 'Whether it is in force, and applies.',
      resolve: (c) => (c.undoneAt !== null ? 'UNDONE' : c.applies ? 'APPLIED' : 'NOT_APPLYING'),
    }),
    applies: t.exposeBoolean('applies', {
      description: 'False when an entity or fact it names is no longer in the graph.',
    }),
    problem: t.exposeString('problem', {
      nullable: true,
      description: 'Why it does not apply.',
    }),
    undoneAt: t.expose('undoneAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was undone; null while in force.',
    }),
    undoneBy: t.exposeString('undoneBy', {
      nullable: true,
      description: 'The name of the token that undid it.',
    }),
    subjects: t.relation('subjects', { description: 'The entities it is about.' }),
  }),
});

void CurationSubject;
