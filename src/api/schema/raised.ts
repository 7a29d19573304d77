import { builder } from '../builder.ts';
import { Challenge } from './challenge.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { Person } from './person.ts';
import { uniqueById } from './unique.ts';

export const Raised = builder.prismaNode('Raised', {
  id: { field: 'id' },
  nullable: true,
  description: 'A person raising a challenge, as some document states it.',
  fields: (t) => ({
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    person: t.relation('person'),
    challenge: t.relation('challenge'),
  }),
});

// Both sides read the join rows with one shared query shape, so the list of challenges and
// the join rows themselves load together. The threshold is part of it: the raised challenge
// and the entity at its other end reach it.
const byId = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Person, (t) => ({
  challenges: t.field({
    type: [Challenge],
    description: 'The challenges this person raised.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      raised: {
        ...byId,
        where: relationAtLeast(args, 'challenge'),
        select: { challenge: nested(true) },
      },
    }),
    resolve: (person) => uniqueById(person.raised.map((raised) => raised.challenge)),
  }),
  raised: t.relation('raised', {
    description: 'The raised-challenge relations with their evidence.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'challenge') }),
  }),
}));

builder.prismaObjectFields(Challenge, (t) => ({
  people: t.field({
    type: [Person],
    description: 'The people who raised this challenge.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      raised: {
        ...byId,
        where: relationAtLeast(args, 'person'),
        select: { person: nested(true) },
      },
    }),
    resolve: (challenge) => uniqueById(challenge.raised.map((raised) => raised.person)),
  }),
  raised: t.relation('raised', {
    description: 'The raised-challenge relations with their evidence.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'person') }),
  }),
}));
