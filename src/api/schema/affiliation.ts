import { builder } from '../builder.ts';
import { Institution } from './institution.ts';
import { Person } from './person.ts';
import { uniqueById } from './unique.ts';

export const Affiliation = builder.prismaNode('Affiliation', {
  id: { field: 'id' },
  nullable: true,
  description: 'A person holding a role at an institution, as some document states it.',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'The title as written: 副行长, 首席信息官…' }),
    person: t.relation('person'),
    institution: t.relation('institution'),
  }),
});

// One query shape per side of the join, shared by the fields that read it, so that asking for
// an institution's affiliations and its people together loads the join rows once.
const byId = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Person, (t) => ({
  affiliations: t.relation('affiliations', {
    description: 'Where this person works, and as what.',
    query: byId,
  }),
}));

builder.prismaObjectFields(Institution, (t) => ({
  affiliations: t.relation('affiliations', {
    description: 'Who works here, and as what.',
    query: byId,
  }),
  people: t.field({
    type: [Person],
    description: 'The people affiliated with this institution, whatever their role.',
    select: (_args, _ctx, nested) => ({
      affiliations: { ...byId, select: { person: nested(true) } },
    }),
    resolve: (institution) =>
      uniqueById(institution.affiliations.map((affiliation) => affiliation.person)),
  }),
}));
