import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.ts';
import { Challenge } from './challenge.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { connectionOf } from './connection-type.ts';
import { pageSize } from './pagination.ts';
import { Person, PersonConnection } from './person.ts';
import { uniqueById } from './unique.ts';

export const Raised = builder.prismaNode('Raised', {
  id: { field: 'id' },
  nullable: true,
  description: 'A person raising a challenge, as some document states it.',
  fields: (t) => ({
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    person: t.relation('person', { description: 'Who raised it.' }),
    challenge: t.relation('challenge', { description: 'The challenge.' }),
  }),
});

export const RaisedConnection = connectionOf(Raised, 'Raised', 'raised-challenge relations');

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

// A challenge's people are its raised rows, one per person, so a page of them is a page of rows
// and the count a relation count.
const peopleHelper = prismaConnectionHelpers(builder, 'Raised', {
  cursor: 'id',
  ...pageSize,
  query: byId,
  select: (nodeSelection) => ({ person: nodeSelection(true) }),
  resolveNode: (raised) => raised.person,
});

builder.prismaObjectFields(Challenge, (t) => ({
  people: t.connection(
    {
      type: Person,
      description: 'The people who raised this challenge, in the order the documents said so.',
      ...pageSize,
      args: minConfidenceArg,
      select: (args, ctx, nested) => ({
        _count: { select: { raised: { where: relationAtLeast(args, 'person') } } },
        raised: {
          ...peopleHelper.getQuery(args, ctx, nested),
          where: relationAtLeast(args, 'person'),
        },
      }),
      resolve: (challenge, args, ctx) => ({
        ...peopleHelper.resolve(challenge.raised, args, ctx),
        totalCount: challenge._count.raised,
      }),
    },
    PersonConnection,
  ),
  raised: t.relatedConnection(
    'raised',
    {
      cursor: 'id',
      ...pageSize,
      totalCount: true,
      description: 'The raised-challenge relations with their evidence.',
      args: minConfidenceArg,
      query: (args) => ({ ...byId, where: relationAtLeast(args, 'person') }),
    },
    RaisedConnection,
  ),
}));
