import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { pageSize } from './pagination.ts';
import { nameSearch } from './search.ts';

// The people who raised a challenge are added by raised.ts, its mentions by mention.ts and the
// documents that state it by document.ts.
export const Challenge = builder.prismaNode('Challenge', {
  id: { field: 'id' },
  nullable: true,
  description: 'A difficulty of large language models in finance, from a fixed taxonomy.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The taxonomy id: hallucination, compute_cost…' }),
    name: t.exposeString('name', { description: 'The name the documents use most.' }),
    aliases: t.stringList({
      description: 'The other ways the documents put it (幻觉, 一本正经地胡说八道…).',
      resolve: (challenge) => parseAliases(challenge.aliases, challenge.name),
    }),
    label: t.exposeString('label', { description: 'The taxonomy label.' }),
    description: t.exposeString('description', { description: 'What the taxonomy entry covers.' }),
  }),
});

builder.queryFields((t) => ({
  challenges: t.prismaConnection({
    nullable: true,
    type: Challenge,
    cursor: 'id',
    ...pageSize,
    description: 'Every challenge the documents raise, in the order they were first found.',
    args: { search: t.arg.string({ required: false, description: 'Part of a name or alias.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.challenge.findMany({
        ...query,
        where: nameSearch(args.search),
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, args, ctx) => ctx.db.challenge.count({ where: nameSearch(args.search) }),
  }),
}));
