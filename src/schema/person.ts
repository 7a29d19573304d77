import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { pageSize } from './pagination.ts';
import { nameSearch } from './search.ts';

// Affiliations, raised challenges, mentions and documents are added by the modules of those
// relations (affiliation.ts, raised.ts, mention.ts, document.ts), each next to its other side.
export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  // An entity disappears when the documents supporting it are removed: a stale ID reads as null.
  nullable: true,
  description: 'A person the documents name, resolved across documents by name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the documents give.' }),
    aliases: t.stringList({
      description: 'The other names the documents use for this person (诸葛总, 张行长…).',
      resolve: (person) => parseAliases(person.aliases, person.name),
    }),
  }),
});

builder.queryFields((t) => ({
  people: t.prismaConnection({
    // Root fields are nullable, as the other root connections: one that fails leaves the
    // data of the others in the response.
    nullable: true,
    type: Person,
    cursor: 'id',
    ...pageSize,
    description: 'Every person in the graph, in the order they were first found.',
    args: { search: t.arg.string({ required: false, description: 'Part of a name or alias.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.person.findMany({ ...query, where: nameSearch(args.search), orderBy: { id: 'asc' } }),
    totalCount: (_parent, args, ctx) => ctx.db.person.count({ where: nameSearch(args.search) }),
  }),
}));
