import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { Entity } from './entity.ts';
import { entityArgs, entityOrderBy, entityWhere } from './filters.ts';
import { pageSize } from './pagination.ts';

// Affiliations, raised challenges, mentions and documents are added by the modules of those
// relations (affiliation.ts, raised.ts, mention.ts, document.ts), each next to its other side.
export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  // An entity disappears when the documents supporting it are removed: a stale ID reads as null.
  nullable: true,
  interfaces: [Entity],
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
    nullable: true,
    type: Person,
    cursor: 'id',
    ...pageSize,
    description:
      'Every person in the graph, filtered and ordered as asked (first found first by default).',
    args: { ...entityArgs },
    resolve: (query, _root, args, ctx) =>
      ctx.db.person.findMany({
        ...query,
        where: entityWhere(args),
        orderBy: entityOrderBy(args.orderBy),
      }),
    totalCount: (_parent, args, ctx) => ctx.db.person.count({ where: entityWhere(args) }),
  }),
}));
