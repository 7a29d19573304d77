import { typeBrandKey } from '@pothos/core';
import { builder } from '../builder.ts';
import type { EntityKind } from '../extract/types.ts';
import { parseAliases } from './aliases.ts';

// What people, institutions, models and challenges have in common, so that search results,
// neighbourhoods and paths can hold any of them. Each type implements the fields itself (see
// person.ts…): the interface only fixes their names, types and arguments.

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The four kinds of entity the graph holds.',
  values: {
    PERSON: { description: 'A person.' },
    INSTITUTION: { description: 'A bank, company, regulator, university…' },
    MODEL: { description: 'A large language model.' },
    CHALLENGE: { description: 'A difficulty of large language models in finance.' },
  } as const,
});

/** The columns every entity row has. */
export interface EntityRow {
  id: number;
  name: string;
  aliases: string;
}

export const Entity = builder.interfaceRef<EntityRow>('Entity').implement({
  description: 'A person, institution, model or challenge: something the documents name.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the documents give.' }),
    aliases: t.stringList({
      description: 'The other names the documents use.',
      resolve: (entity) => parseAliases(entity.aliases, entity.name),
    }),
    // Resolved on the object type, so the type being resolved says which kind it is.
    kind: t.field({
      type: EntityKindEnum,
      description: 'Which of the four kinds it is (the same as __typename, as data).',
      resolve: (_entity, _args, _ctx, info) => KIND_OF_TYPE[info.parentType.name]!,
    }),
  }),
});

/** The GraphQL type of each kind of entity. */
export const TYPE_OF_KIND = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
} as const satisfies Record<EntityKind, string>;

export const KIND_OF_TYPE: Record<string, EntityKind> = {
  Person: 'PERSON',
  Institution: 'INSTITUTION',
  Model: 'MODEL',
  Challenge: 'CHALLENGE',
};

/**
 * Marks a row with its GraphQL type. Rows of the four tables look alike (id, key, name,
 * aliases), so a field returning Entity cannot tell them apart by shape; Pothos reads this brand
 * when it resolves the interface.
 */
export function asEntity<T extends EntityRow>(kind: EntityKind, row: T): T {
  // What Pothos' brandWithType does, once: a row listed twice is branded once.
  if (!(typeBrandKey in row)) {
    Object.defineProperty(row, typeBrandKey, { enumerable: false, value: TYPE_OF_KIND[kind] });
  }
  return row;
}

/** The name and aliases of an entity row, canonical name first. */
export function namesOf(entity: EntityRow): string[] {
  return [entity.name, ...parseAliases(entity.aliases, entity.name)];
}
