import { builder } from '../builder.ts';
import { type Direction, OrderDirection } from './where-scalars.ts';

// `orderBy: [{ field, direction }]` on the connections: the first entry sorts, the next break its
// ties, and the row id breaks any tie left, so the order (and every cursor) is total and stable.

interface OrderShape<F extends string> {
  field: F;
  direction?: Direction | null;
}

function orderInput<F extends string>(name: string, fields: Record<F, string>, items: string) {
  const Field = builder.enumType(`${name}Field`, {
    description: `What ${items} can be ordered by.`,
    values: Object.fromEntries(
      Object.entries<string>(fields).map(([value, description]) => [value, { description }]),
    ) as Record<F, { description: string }>,
  });
  return builder.inputRef<OrderShape<F>>(name).implement({
    description: `One key of the order of ${items}; later keys break the ties of earlier ones, and the id breaks any tie left.`,
    // A generic shape Pothos cannot check field by field; the fields below are the shape's.
    fields: (t) =>
      ({
        field: t.field({ type: Field as never, required: true, description: 'What to order by.' }),
        direction: t.field({
          type: OrderDirection,
          required: false,
          defaultValue: 'asc',
          description: 'Which way (ASC by default).',
        }),
      }) as never,
  });
}

export type EntityOrderField = 'FIRST_SEEN' | 'NAME' | 'MENTION_COUNT' | 'CONFIDENCE';
export const EntityOrderBy = orderInput<EntityOrderField>(
  'EntityOrderBy',
  {
    FIRST_SEEN: 'The order they were first found in (the id).',
    NAME: 'The name, in code-point order.',
    MENTION_COUNT: 'How many mentions they have.',
    CONFIDENCE: 'How far the documents support them (`confidence`).',
  },
  'people, institutions, models and challenges',
);

export type DocumentOrderField = 'SEEDED' | 'PUBLISHED_AT' | 'TITLE';
export const DocumentOrderBy = orderInput<DocumentOrderField>(
  'DocumentOrderBy',
  {
    SEEDED: 'The order they were seeded in (the id).',
    PUBLISHED_AT: 'The publication date; undated documents come last either way.',
    TITLE: 'The title, in code-point order.',
  },
  'documents',
);

export type MentionOrderField = 'READING' | 'PUBLISHED_AT';
export const MentionOrderBy = orderInput<MentionOrderField>(
  'MentionOrderBy',
  {
    READING: 'Document by document (in seeding order), then by position in the text.',
    PUBLISHED_AT: 'Their document’s publication date; undated ones come last either way.',
  },
  'mentions',
);

const dated = (sort: Direction) => ({ publishedAt: { sort, nulls: 'last' as const } });

type Keys<F extends string> = Record<F, (direction: Direction) => object[]>;

const ENTITY_KEYS: Keys<EntityOrderField> = {
  FIRST_SEEN: (d) => [{ id: d }],
  NAME: (d) => [{ name: d }],
  MENTION_COUNT: (d) => [{ mentions: { _count: d } }],
  CONFIDENCE: (d) => [{ confidence: d }],
};
const DOCUMENT_KEYS: Keys<DocumentOrderField> = {
  SEEDED: (d) => [{ id: d }],
  PUBLISHED_AT: (d) => [dated(d)],
  TITLE: (d) => [{ title: d }],
};
const MENTION_KEYS: Keys<MentionOrderField> = {
  READING: (d) => [{ documentId: d }, { start: d }],
  PUBLISHED_AT: (d) => [dated(d)],
};

function prismaOrder<F extends string>(
  keys: Keys<F>,
  order: readonly OrderShape<F>[] | null | undefined,
  fallback: readonly OrderShape<F>[],
) {
  const given = order && order.length > 0 ? order : fallback;
  const sorted = given.flatMap(({ field, direction }) => keys[field](direction ?? 'asc'));
  // The id last: a total order, which cursors need. An order by id alone already has it.
  const last = sorted.at(-1) as { id?: unknown } | undefined;
  return last && 'id' in last ? sorted : [...sorted, { id: 'asc' as const }];
}

export const entityOrder = (order: readonly OrderShape<EntityOrderField>[] | null | undefined) =>
  prismaOrder(ENTITY_KEYS, order, [{ field: 'FIRST_SEEN' }]);
export const documentOrder = (
  order: readonly OrderShape<DocumentOrderField>[] | null | undefined,
) => prismaOrder(DOCUMENT_KEYS, order, [{ field: 'SEEDED' }]);
export const mentionOrder = (order: readonly OrderShape<MentionOrderField>[] | null | undefined) =>
  prismaOrder(MENTION_KEYS, order, [{ field: 'READING' }]);
