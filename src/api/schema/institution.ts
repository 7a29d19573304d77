import type { InstitutionKind } from '../../domain/entities.ts';
import { builder } from '../builder.ts';

import { parseAliases } from './aliases.ts';
import { connectionOf } from './connection-type.ts';
import { Entity } from './entity.ts';
import { type EntityFilterArgs, entityArgs, entityWhere } from './filters.ts';
import { entityOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { InstitutionCategory } from './value-sets.ts';
import { allOf, institutionWhere } from './where.ts';
import { InstitutionWhere } from './where-inputs.ts';
import type { InstitutionWhereShape } from './where-shapes.ts';

// People (through affiliations), models (through developments) and mentions are added by
// affiliation.ts, development.ts and mention.ts.
export const Institution = builder.prismaNode('Institution', {
  id: { field: 'id' },
  nullable: true,
  interfaces: [Entity],
  description: 'A bank, insurer, regulator, company, university… that the documents name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the documents give.' }),
    aliases: t.stringList({
      description: 'The other names the documents use (short names, English names…).',
      resolve: (institution) => parseAliases(institution.aliases, institution.name),
    }),
    category: t.field({
      type: InstitutionCategory,
      description: 'What kind of institution it is: BANK, INSURER, REGULATOR…',
      resolve: (institution) => institution.kind as InstitutionKind,
    }),
  }),
});

export const InstitutionConnection = connectionOf(Institution, 'Institution', 'institutions');

builder.queryFields((t) => ({
  institutions: t.prismaConnection(
    {
      nullable: true,
      type: Institution,
      cursor: 'id',
      ...pageSize,
      description:
        'Every institution in the graph, filtered and ordered as asked (first found first by default).',
      args: {
        ...entityArgs,
        category: t.arg({
          type: [InstitutionCategory],
          required: false,
          description: 'Only institutions of these categories (BANK, INSURER, REGULATOR…).',
        }),
        where: t.arg({
          type: InstitutionWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.institution.findMany({
          ...query,
          where: institutionsWhere(args),
          orderBy: entityOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) =>
        ctx.db.institution.count({ where: institutionsWhere(args) }),
    },
    InstitutionConnection,
  ),
}));

function institutionsWhere(
  args: EntityFilterArgs & {
    category?: readonly InstitutionKind[] | null;
    where?: InstitutionWhereShape | null;
  },
) {
  const categories = args.category ?? [];
  return allOf(
    entityWhere(args),
    categories.length > 0 ? { kind: { in: [...categories] } } : undefined,
    args.where ? institutionWhere(args.where) : undefined,
  );
}
