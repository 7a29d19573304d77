import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { pageSize } from './pagination.ts';
import { nameSearch } from './search.ts';

// People (through affiliations), models (through developments) and mentions are added by
// affiliation.ts, development.ts and mention.ts.
export const Institution = builder.prismaNode('Institution', {
  id: { field: 'id' },
  nullable: true,
  description: 'A bank, insurer, regulator, company, university… that the documents name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the documents give.' }),
    aliases: t.stringList({
      description: 'The other names the documents use (short names, English names…).',
      resolve: (institution) => parseAliases(institution.aliases, institution.name),
    }),
    kind: t.exposeString('kind', {
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
    description: 'Every institution in the graph, in the order they were first found.',
    args: {
      search: t.arg.string({ required: false, description: 'Part of a name or alias.' }),
      kind: t.arg.string({ required: false, description: 'Only institutions of this kind.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.institution.findMany({
        ...query,
        where: institutionWhere(args),
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, args, ctx) => ctx.db.institution.count({ where: institutionWhere(args) }),
  }),
}));

function institutionWhere(args: { search?: string | null; kind?: string | null }) {
  return { ...nameSearch(args.search), ...(args.kind ? { kind: args.kind } : {}) };
}
