import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { connectionOf } from './connection-type.ts';
import { Institution } from './institution.ts';
import { pageSize } from './pagination.ts';
import { Person, PersonConnection } from './person.ts';
import { requestLoader, tally } from './request-loaders.ts';

export const Affiliation = builder.prismaNode('Affiliation', {
  id: { field: 'id' },
  nullable: true,
  description: 'A person holding a role at an institution, as some document states it.',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'The title as written: 副行长, 首席信息官…' }),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    person: t.relation('person', { description: 'Who holds the role.' }),
    institution: t.relation('institution', { description: 'Where.' }),
  }),
});

export const AffiliationConnection = connectionOf(Affiliation, 'Affiliation', 'affiliations');

// The threshold is part of every query of the join: the affiliation and the entity at its other
// end reach it, so what a list shows at some threshold is part of what the top level shows.
const byId = { orderBy: { id: 'asc' as const } };

// A person's affiliations are bounded by the person's own facts: a plain list.
builder.prismaObjectFields(Person, (t) => ({
  affiliations: t.relation('affiliations', {
    description: 'Where this person works, and as what.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'institution') }),
  }),
}));

// An institution's people are its affiliations, one per person (a person may hold two roles),
// paged by person so that a person never shows on two pages. `people` and `affiliations` read
// the same relation with different pages: asked for together on one institution, Pothos loads
// the second with a query per institution (Prisma has no aliases for a relation read twice).
const peopleHelper = prismaConnectionHelpers(builder, 'Affiliation', {
  cursor: 'id',
  ...pageSize,
  query: { orderBy: { personId: 'asc' } },
  select: (nodeSelection) => ({ person: nodeSelection(true) }),
  resolveNode: (affiliation) => affiliation.person,
});

builder.prismaObjectFields(Institution, (t) => ({
  affiliations: t.relatedConnection(
    'affiliations',
    {
      cursor: 'id',
      ...pageSize,
      totalCount: true,
      description: 'Who works here, and as what, in the order the documents first said so.',
      args: minConfidenceArg,
      query: (args) => ({ ...byId, where: relationAtLeast(args, 'person') }),
    },
    AffiliationConnection,
  ),
  people: t.connection(
    {
      type: Person,
      description: 'The people affiliated with this institution, whatever their role.',
      ...pageSize,
      args: minConfidenceArg,
      select: (args, ctx, nested) => ({
        affiliations: {
          ...peopleHelper.getQuery(args, ctx, nested),
          where: relationAtLeast(args, 'person'),
          distinct: ['personId'],
        },
      }),
      resolve: (institution, args, ctx) => ({
        ...peopleHelper.resolve(institution.affiliations, args, ctx),
        totalCount: () =>
          requestLoader<number, number>(
            ctx,
            `people of Institution at ${args.minConfidence ?? 'default'}`,
            async (ids) =>
              tally(
                await ctx.db.affiliation.groupBy({
                  by: ['institutionId', 'personId'],
                  where: { institutionId: { in: [...ids] }, ...relationAtLeast(args, 'person') },
                }),
                (row) => row.institutionId,
              ),
            0,
          ).load(institution.id),
      }),
    },
    PersonConnection,
  ),
}));
