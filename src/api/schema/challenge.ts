import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { connectionOf } from './connection-type.ts';
import { Entity } from './entity.ts';
import { type EntityFilterArgs, entityArgs, entityWhere } from './filters.ts';
import { entityOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { allOf, challengeWhere } from './where.ts';
import { ChallengeWhere } from './where-inputs.ts';
import type { ChallengeWhereShape } from './where-shapes.ts';

// The people who raised a challenge are added by raised.ts, its mentions by mention.ts and the
// documents that state it by document.ts.
export const Challenge = builder.prismaNode('Challenge', {
  id: { field: 'id' },
  nullable: true,
  interfaces: [Entity],
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

export const ChallengeConnection = connectionOf(Challenge, 'Challenge', 'challenges');

builder.queryFields((t) => ({
  challenges: t.prismaConnection(
    {
      nullable: true,
      type: Challenge,
      cursor: 'id',
      ...pageSize,
      description:
        'Every challenge the documents raise, filtered and ordered as asked (first found first by default).',
      args: {
        ...entityArgs,
        where: t.arg({
          type: ChallengeWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.challenge.findMany({
          ...query,
          where: challengesWhere(args),
          orderBy: entityOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) => ctx.db.challenge.count({ where: challengesWhere(args) }),
    },
    ChallengeConnection,
  ),
}));

function challengesWhere(args: EntityFilterArgs & { where?: ChallengeWhereShape | null }) {
  return allOf(entityWhere(args), args.where ? challengeWhere(args.where) : undefined);
}
