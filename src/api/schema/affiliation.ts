import { builder } from '../builder.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { Institution } from './institution.ts';
import { Person } from './person.ts';
import { uniqueById } from './unique.ts';

export const Affiliation = builder.prismaNode('Affiliation', {
  id: { field: 'id' },
  nullable: true,
  description: 'A person holding a role at an institution, as some document states it.',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'The title as written: 副行长, 首席信息官…' }),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    person: t.relation('person'),
    institution: t.relation('institution'),
  }),
});

// One query shape per side of the join, shared by the fields that read it, so that asking for
// an institution's affiliations and its people together loads the join rows once. The threshold
// is part of it: the affiliation and the entity at its other end reach it.
const byId = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Person, (t) => ({
  affiliations: t.relation('affiliations', {
    description: 'Where this person works, and as what.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'institution') }),
  }),
}));

builder.prismaObjectFields(Institution, (t) => ({
  affiliations: t.relation('affiliations', {
    description: 'Who works here, and as what.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'person') }),
  }),
  people: t.field({
    type: [Person],
    description: 'The people affiliated with this institution, whatever their role.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      affiliations: {
        ...byId,
        where: relationAtLeast(args, 'person'),
        select: { person: nested(true) },
      },
    }),
    resolve: (institution) =>
      uniqueById(institution.affiliations.map((affiliation) => affiliation.person)),
  }),
}));
