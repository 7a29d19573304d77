import { builder } from '../builder.ts';
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
    supportCount: t.relationCount('mentions', {
      description: 'How many mentions state this development.',
    }),
  }),
});

// A model's developments come best supported first, so `developer` is simply the first one;
// `developer`, `developers` and `developments` share this query and load the rows once.
const bestSupportedFirst = {
  orderBy: [{ mentions: { _count: 'desc' as const } }, { id: 'asc' as const }],
};
const byId = { orderBy: { id: 'asc' as const } };

builder.prismaObjectFields(Model, (t) => ({
  developer: t.field({
    type: Institution,
    nullable: true,
    description: 'The institution that develops it, by the weight of evidence; null when unknown.',
    select: (_args, _ctx, nested) => ({
      developments: { ...bestSupportedFirst, select: { institution: nested(true) } },
    }),
    resolve: (model) => model.developments[0]?.institution ?? null,
  }),
  developers: t.field({
    type: [Institution],
    description: 'Every institution said to develop it, best supported first.',
    select: (_args, _ctx, nested) => ({
      developments: { ...bestSupportedFirst, select: { institution: nested(true) } },
    }),
    resolve: (model) =>
      uniqueById(model.developments.map((development) => development.institution)),
  }),
  developments: t.relation('developments', {
    description: 'The development relations with their evidence, best supported first.',
    query: bestSupportedFirst,
  }),
}));

builder.prismaObjectFields(Institution, (t) => ({
  models: t.field({
    type: [Model],
    description: 'The models this institution develops.',
    select: (_args, _ctx, nested) => ({
      developments: { ...byId, select: { model: nested(true) } },
    }),
    resolve: (institution) =>
      uniqueById(institution.developments.map((development) => development.model)),
  }),
  developments: t.relation('developments', {
    description: 'The development relations with their evidence.',
    query: byId,
  }),
}));
