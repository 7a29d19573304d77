import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { Entity } from './entity.ts';
import { type EntityFilterArgs, entityArgs, entityOrderBy, entityWhere } from './filters.ts';
import { pageSize } from './pagination.ts';

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
    category: t.exposeString('kind', {
      description:
        'bank, insurer, broker, fund, consumer_finance, fintech, tech, regulator, government, media, university, research, law_firm, investment, association or other.',
    }),
  }),
});

builder.queryFields((t) => ({
  institutions: t.prismaConnection({
    nullable: true,
    type: Institution,
    cursor: 'id',
    ...pageSize,
    description:
      'Every institution in the graph, filtered and ordered as asked (first found first by default).',
    args: {
      ...entityArgs,
      category: t.arg.stringList({
        required: false,
        description: 'Only institutions of these categories (bank, insurer, regulator…).',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.institution.findMany({
        ...query,
        where: institutionWhere(args),
        orderBy: entityOrderBy(args.orderBy),
      }),
    totalCount: (_parent, args, ctx) => ctx.db.institution.count({ where: institutionWhere(args) }),
  }),
}));

function institutionWhere(args: EntityFilterArgs & { category?: readonly string[] | null }) {
  const categories = args.category?.filter((category) => category !== '') ?? [];
  return {
    ...entityWhere(args),
    ...(categories.length > 0 ? { kind: { in: [...categories] } } : {}),
  };
}
