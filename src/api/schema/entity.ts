import { typeBrandKey } from '@pothos/core';
import { ENTITY_TABLE, type EntityKind, kindOfTable, perKind } from '../../domain/entities.ts';
import { builder } from '../builder.ts';
import { parseAliases } from './aliases.ts';
import { BASIS_DESCRIPTION, CONFIDENCE_DESCRIPTION } from './confidence.ts';

// What people, institutions, models and challenges have in common, so that search results,
// neighbourhoods and paths can hold any of them. Each type implements the fields itself (see
// person.ts…): the interface only fixes their names, types and arguments.

const KIND_DESCRIPTION: Record<EntityKind, string> = {
  PERSON: 'A person.',
  INSTITUTION: 'A bank, company, regulator, university…',
  MODEL: 'A large language model.',
  CHALLENGE: 'A difficulty of large language models in finance.',
};

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The four kinds of entity the graph holds.',
  // perKind: one description for each kind the domain lists, so a kind added there fails here.
  values: perKind((kind) => ({ description: KIND_DESCRIPTION[kind] })),
});

/** The columns every entity row has. */
export interface EntityRow {
  id: number;
  name: string;
  aliases: string;
  confidence: number;
  basis: string;
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
    confidence: t.exposeFloat('confidence', { description: CONFIDENCE_DESCRIPTION }),
    basis: t.exposeString('basis', { description: BASIS_DESCRIPTION }),
    // Resolved on the object type, so the type being resolved says which kind it is.
    kind: t.field({
      type: EntityKindEnum,
      description: 'Which of the four kinds it is (the same as __typename, as data).',
      resolve: (_entity, _args, _ctx, info) => kindOfTable(info.parentType.name)!,
    }),
  }),
});

/** The kind of entity of each GraphQL type (the types are named after the tables). */

/**
 * Marks a row with its GraphQL type. Rows of the four tables look alike (id, key, name,
 * aliases), so a field returning Entity cannot tell them apart by shape; Pothos reads this brand
 * when it resolves the interface.
 */
export function asEntity<T extends EntityRow>(kind: EntityKind, row: T): T {
  // What Pothos' brandWithType does, once: a row listed twice is branded once.
  if (!(typeBrandKey in row)) {
    Object.defineProperty(row, typeBrandKey, { enumerable: false, value: ENTITY_TABLE[kind] });
  }
  return row;
}

/** The name and aliases of an entity row, canonical name first. */
export function namesOf(entity: EntityRow): string[] {
  return [entity.name, ...parseAliases(entity.aliases, entity.name)];
}
