import type { EnumRef } from '@pothos/core';
import { builder } from '../builder.ts';
import { badUserInput } from './errors.ts';

// The scalar building blocks of the `where` inputs (where.ts) and of `orderBy`: a filter per kind
// of value, each turned into the Prisma condition on one column. Every operator given must hold.

export interface GlobalId {
  typename: string;
  id: string;
}

export interface StringFilterShape {
  eq?: string | null;
  in?: readonly string[] | null;
  contains?: string | null;
  startsWith?: string | null;
}

export const StringFilter = builder.inputRef<StringFilterShape>('StringFilter').implement({
  description: 'Conditions on a text; every one given must hold.',
  fields: (t) => ({
    eq: t.string({ required: false, description: 'Exactly this text.' }),
    in: t.stringList({ required: false, description: 'One of these texts.' }),
    contains: t.string({ required: false, description: 'Contains this text.' }),
    startsWith: t.string({ required: false, description: 'Starts with this text.' }),
  }),
});

/** The Prisma filter of a text column. */
export function stringWhere(filter: StringFilterShape) {
  return {
    ...(filter.eq != null ? { equals: filter.eq } : {}),
    ...(filter.in != null ? { in: [...filter.in] } : {}),
    ...(filter.contains != null ? { contains: filter.contains } : {}),
    ...(filter.startsWith != null ? { startsWith: filter.startsWith } : {}),
  };
}

/**
 * The Prisma condition "the name or one of the aliases" meets `filter`. Aliases are a JSON array
 * in a text column, so an alias equal to X is the substring "X" (quotes included) and an alias
 * starting with X is the substring "X: one query, no second pass over the rows.
 */
export function nameWhere(filter: StringFilterShape): Record<string, unknown>[] {
  const quoted = (text: string) => JSON.stringify(text);
  const either = (name: object, aliases: object[]) => ({
    OR: [{ name }, ...aliases.map((alias) => ({ aliases: alias }))],
  });
  const parts: Record<string, unknown>[] = [];
  if (filter.eq != null)
    parts.push(either({ equals: filter.eq }, [{ contains: quoted(filter.eq) }]));
  if (filter.in != null) {
    parts.push(
      either(
        { in: [...filter.in] },
        filter.in.map((text) => ({ contains: quoted(text) })),
      ),
    );
  }
  if (filter.contains != null) {
    parts.push(either({ contains: filter.contains }, [{ contains: filter.contains }]));
  }
  if (filter.startsWith != null) {
    const opening = quoted(filter.startsWith).slice(0, -1);
    parts.push(either({ startsWith: filter.startsWith }, [{ contains: opening }]));
  }
  return parts;
}

export interface DateTimeFilterShape {
  gt?: Date | null;
  gte?: Date | null;
  lt?: Date | null;
  lte?: Date | null;
}

export const DateTimeFilter = builder.inputRef<DateTimeFilterShape>('DateTimeFilter').implement({
  description: 'A range of points in time; every bound given must hold.',
  fields: (t) => ({
    gte: t.field({ type: 'DateTime', required: false, description: 'On or after.' }),
    gt: t.field({ type: 'DateTime', required: false, description: 'After.' }),
    lte: t.field({ type: 'DateTime', required: false, description: 'On or before.' }),
    lt: t.field({ type: 'DateTime', required: false, description: 'Before.' }),
  }),
});

/** The Prisma filter of a date column; an empty range is the client's mistake. */
export function dateWhere(filter: DateTimeFilterShape) {
  const low = filter.gte ?? filter.gt;
  const high = filter.lte ?? filter.lt;
  if (low && high && low > high)
    throw badUserInput('The date range is empty: its start is after its end.');
  return {
    ...(filter.gte ? { gte: filter.gte } : {}),
    ...(filter.gt ? { gt: filter.gt } : {}),
    ...(filter.lte ? { lte: filter.lte } : {}),
    ...(filter.lt ? { lt: filter.lt } : {}),
  };
}

export interface IdFilterShape {
  eq?: GlobalId | null;
  in?: readonly GlobalId[] | null;
}

export const IdFilter = builder.inputRef<IdFilterShape>('IDFilter').implement({
  description: 'Global IDs, as `id` fields return them; of the type being filtered.',
  fields: (t) => ({
    eq: t.globalID({ required: false, description: 'This object.' }),
    in: t.globalIDList({ required: false, description: 'One of these objects.' }),
  }),
});

/** The Prisma filter of the id column of `typename` rows. */
export function idWhere(filter: IdFilterShape, typename: string) {
  const rowId = (id: GlobalId) => {
    if (id.typename !== typename) {
      throw badUserInput(`Expected the ID of a ${typename}, got the ID of a ${id.typename}.`);
    }
    return Number(id.id);
  };
  return {
    ...(filter.eq != null ? { equals: rowId(filter.eq) } : {}),
    ...(filter.in != null ? { in: filter.in.map(rowId) } : {}),
  };
}

/** A filter on a value of an enum: `eq` one value, `in` one of several. */
export function enumFilter<T extends string>(name: string, type: EnumRef<Types, T>, what: string) {
  return builder.inputRef<EnumFilterShape<T>>(name).implement({
    description: `Conditions on ${what}.`,
    // A generic shape Pothos cannot check field by field; the fields below are the shape's.
    fields: (t) =>
      ({
        eq: t.field({ type, required: false, description: 'This value.' }),
        in: t.field({ type: [type], required: false, description: 'One of these values.' }),
      }) as never,
  });
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export interface EnumFilterShape<T extends string> {
  eq?: T | null;
  in?: readonly T[] | null;
}

/** The Prisma filter of an enum column. */
export function enumWhere<T extends string>(filter: EnumFilterShape<T>) {
  return {
    ...(filter.eq != null ? { equals: filter.eq } : {}),
    ...(filter.in != null ? { in: [...filter.in] } : {}),
  };
}

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Which way an order runs.',
  values: {
    ASC: { value: 'asc', description: 'Smallest, earliest or first in code-point order first.' },
    DESC: { value: 'desc', description: 'Largest, latest or last in code-point order first.' },
  } as const,
});

export type Direction = 'asc' | 'desc';
