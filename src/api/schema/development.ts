import { builder } from '../builder.ts';
import {
  BASIS_DESCRIPTION,
  CONFIDENCE_DESCRIPTION,
  minConfidenceArg,
  relationAtLeast,
} from './confidence.ts';
import { Institution } from './institution.ts';
import { Model } from './model.ts';
import { uniqueById } from './unique.ts';

export const Development = builder.prismaNode('Development', {
  id: { field: 'id' },
  nullable: true,
  description: 'An institution developing a model, as some document states it.',
  fields: (t) => ({
    model: t.relation('model'),
    institution: t.relation('institution'),
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    supportCount: t.relationCount('mentions', {
      description: 'How many mentions state this development.',
    }),
  }),
});

// A model's developments come best supported first, so `developer` is simply the first one;
// `developer`, `developers` and `developments` share this query and load the rows once (with the
// same threshold). Below the threshold a development, or its institution, is not listed.
const bestSupportedFirst = {
  orderBy: [{ mentions: { _count: 'desc' as const } }, { id: 'asc' as const }],
};
const byId = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Model, (t) => ({
  developer: t.field({
    type: Institution,
    nullable: true,
    description: 'The institution that develops it, by the weight of evidence; null when unknown.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      developments: {
        ...bestSupportedFirst,
        where: relationAtLeast(args, 'institution'),
        select: { institution: nested(true) },
      },
    }),
    resolve: (model) => model.developments[0]?.institution ?? null,
  }),
  developers: t.field({
    type: [Institution],
    description: 'Every institution said to develop it, best supported first.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      developments: {
        ...bestSupportedFirst,
        where: relationAtLeast(args, 'institution'),
        select: { institution: nested(true) },
      },
    }),
    resolve: (model) =>
      uniqueById(model.developments.map((development) => development.institution)),
  }),
  developments: t.relation('developments', {
    description: 'The development relations with their evidence, best supported first.',
    args: minConfidenceArg,
    query: (args) => ({ ...bestSupportedFirst, where: relationAtLeast(args, 'institution') }),
  }),
}));

builder.prismaObjectFields(Institution, (t) => ({
  models: t.field({
    type: [Model],
    description: 'The models this institution develops.',
    args: minConfidenceArg,
    select: (args, _ctx, nested) => ({
      developments: {
        ...byId,
        where: relationAtLeast(args, 'model'),
        select: { model: nested(true) },
      },
    }),
    resolve: (institution) =>
      uniqueById(institution.developments.map((development) => development.model)),
  }),
  developments: t.relation('developments', {
    description: 'The development relations with their evidence.',
    args: minConfidenceArg,
    query: (args) => ({ ...byId, where: relationAtLeast(args, 'model') }),
  }),
}));
