import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { connectionOf } from './connection-type.ts';
import { Entity } from './entity.ts';
import { type EntityFilterArgs, entityArgs, entityWhere } from './filters.ts';
import { entityOrder } from './order.ts';
import { pageSize } from './pagination.ts';
import { allOf, modelWhere } from './where.ts';
import { ModelWhere } from './where-inputs.ts';
import type { ModelWhereShape } from './where-shapes.ts';

// The developer and developers are added by development.ts, mentions by mention.ts.
export const Model = builder.prismaNode('Model', {
  id: { field: 'id' },
  nullable: true,
  interfaces: [Entity],
  description: 'A large language model (or a family of versions) the documents name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the documents give.' }),
    aliases: t.stringList({
      description: 'The other names the documents use.',
      resolve: (model) => parseAliases(model.aliases, model.name),
    }),
    parameters: t.exposeString('parameters', {
      nullable: true,
      description: 'The largest parameter count stated for any version, as written (130亿).',
    }),
    parameterCount: t.exposeFloat('parameterCount', {
      nullable: true,
      description: 'The same count as a number (13000000000).',
    }),
    releasedAt: t.exposeString('releasedAt', {
      nullable: true,
      description: 'The earliest release date stated: YYYY, YYYY-MM or YYYY-MM-DD.',
    }),
    versions: t.relation('versions', {
      description: 'The versions the documents state, first found first.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

export const ModelVersion = builder.prismaNode('ModelVersion', {
  id: { field: 'id' },
  nullable: true,
  description: 'One version of a model, as the documents state it.',
  fields: (t) => ({
    version: t.exposeString('version', { description: 'As written after the name: 2.0, Pro…' }),
    parameters: t.exposeString('parameters', { nullable: true, description: 'As written: 130亿.' }),
    parameterCount: t.exposeFloat('parameterCount', {
      nullable: true,
      description: 'The same count as a number (13000000000).',
    }),
    releasedAt: t.exposeString('releasedAt', {
      nullable: true,
      description: 'YYYY, YYYY-MM or YYYY-MM-DD.',
    }),
    model: t.relation('model', { description: 'The model it is a version of.' }),
  }),
});

export const ModelConnection = connectionOf(Model, 'Model', 'models');

builder.queryFields((t) => ({
  models: t.prismaConnection(
    {
      nullable: true,
      type: Model,
      cursor: 'id',
      ...pageSize,
      description:
        'Every model in the graph, filtered and ordered as asked (first found first by default).',
      args: {
        ...entityArgs,
        where: t.arg({
          type: ModelWhere,
          required: false,
          description: 'Conditions every one returned meets.',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.model.findMany({
          ...query,
          where: modelsWhere(args),
          orderBy: entityOrder(args.orderBy),
        }),
      totalCount: (_parent, args, ctx) => ctx.db.model.count({ where: modelsWhere(args) }),
    },
    ModelConnection,
  ),
}));

function modelsWhere(args: EntityFilterArgs & { where?: ModelWhereShape | null }) {
  return allOf(entityWhere(args), args.where ? modelWhere(args.where) : undefined);
}
