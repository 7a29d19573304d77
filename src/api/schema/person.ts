import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { connectionOf } from './connection-type.ts';
import { Entity } from './entity.ts';
import { type EntityFilterArgs, entityArgs, entityWhere } from './filters.ts';
import { entityOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { allOf, personWhere } from './where.ts';
import { PersonWhere } from './where-inputs.ts';
import type { PersonWhereShape } from './where-shapes.ts';

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

export const PersonConnection = connectionOf(Person, 'Person', 'people');

builder.queryFields((t) => ({
  people: t.prismaConnection(
    {
      nullable: true,
      type: Person,
      cursor: 'id',
      ...pageSize,
      description:
        'Every person in the graph, filtered and ordered as asked (first found first by default).',
      args: {
        ...entityArgs,
        where: t.arg({
          type: PersonWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.person.findMany({
          ...query,
          where: peopleWhere(args),
          orderBy: entityOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) => ctx.db.person.count({ where: peopleWhere(args) }),
    },
    PersonConnection,
  ),
}));

function peopleWhere(args: EntityFilterArgs & { where?: PersonWhereShape | null }) {
  return allOf(entityWhere(args), args.where ? personWhere(args.where) : undefined);
}
