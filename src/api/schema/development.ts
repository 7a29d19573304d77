import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  type MinConfidenceArgs,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { connectionOf } from './connection-type.ts';
import { Institution } from './institution.ts';
import { Model, ModelConnection } from './model.ts';
import { pageSize } from './pagination.ts';
import { uniqueById } from './unique.ts';

export const Development = builder.prismaNode('Development', {
  id: { field: 'id' },
  nullable: true,
  description: 'An institution developing a model, as some document states it.',
  fields: (t) => ({
    model: t.relation('model', { description: 'The model.' }),
    institution: t.relation('institution', { description: 'The developer.' }),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    supportCount: t.relationCount('mentions', {
      description: 'How many mentions state this development.',
    }),
  }),
});

export const DevelopmentConnection = connectionOf(
  Development,
  'Development',
  'development relations',
);

// A model's developments come best supported first, so `developer` is simply the first one;
// `developer`, `developers` and `developments` share this query and load the rows once (with the
// same threshold). Below the threshold a development, or its institution, is not listed.
const bestSupportedFirst = {
  orderBy: [{ mentions: { _count: 'desc' as const } }, { id: 'asc' as const }],
};
const byId = { orderBy: { id: 'asc' as const } };
/** The development rows `developer` and `developers` read: one selection, so loaded once. */
const developmentRows = <T>(args: MinConfidenceArgs, institution: T) => ({
  developments: {
    ...bestSupportedFirst,
    where: relationAtLeast(args, 'institution'),
    select: { institution },
  },
});

builder.prismaObjectFields(Model, (t) => ({
  developer: t.field({
    type: Institution,
    nullable: true,
    description: 'The institution that develops it, by the weight of evidence; null when unknown.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => developmentRows(args, nested(true)),
    resolve: (model) => model.developments[0]?.institution ?? null,
  }),
  developers: t.field({
    type: [Institution],
    description: 'Every institution said to develop it, best supported first.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => developmentRows(args, nested(true)),
    resolve: (model) =>
      uniqueById(model.developments.map((development) => development.institution)),
  }),
  developments: t.relation('developments', {
    description: 'The development relations with their evidence, best supported first.',
    args: minConfidenceArg,
    query: (args) => ({ ...bestSupportedFirst, where: relationAtLeast(args, 'institution') }),
  }),
}));

// An institution's models are its development rows, one per model (a model and a developer
// make one row), so a page of them is a page of rows and the count a relation count.
const modelsHelper = prismaConnectionHelpers(builder, 'Development', {
  cursor: 'id',
  ...pageSize,
  query: byId,
  select: (nodeSelection) => ({ model: nodeSelection(true) }),
  resolveNode: (development) => development.model,
});

builder.prismaObjectFields(Institution, (t) => ({
  models: t.connection(
    {
      type: Model,
      description: 'The models this institution develops, in the order the documents said so.',
      ...pageSize,
      args: minConfidenceArg,
      select: (args, ctx, nested) => ({
        _count: { select: { developments: { where: relationAtLeast(args, 'model') } } },
        developments: {
          ...modelsHelper.getQuery(args, ctx, nested),
          where: relationAtLeast(args, 'model'),
        },
      }),
      resolve: (institution, args, ctx) => ({
        ...modelsHelper.resolve(institution.developments, args, ctx),
        totalCount: institution._count.developments,
      }),
    },
    ModelConnection,
  ),
  developments: t.relatedConnection(
    'developments',
    {
      cursor: 'id',
      ...pageSize,
      totalCount: true,
      description: 'The development relations with their evidence.',
      args: minConfidenceArg,
      query: (args) => ({ ...byId, where: relationAtLeast(args, 'model') }),
    },
    DevelopmentConnection,
  ),
}));
