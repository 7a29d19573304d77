import { builder } from '../builder.ts';

// One connection type per kind of node (PersonConnection, DocumentConnection…), shared by the
// top-level list and every nested list of that kind, so a client writes one fragment for a page
// of people wherever it meets one.

/** What a connection resolver may leave in `totalCount`: a number, or Pothos' lazy count. */
type TotalCount = number | (() => number | Promise<number>) | undefined;

/** The count of a connection result, however its resolver provided it. */
export function totalCountOf(connection: object): number | Promise<number> {
  const { totalCount } = connection as { totalCount?: TotalCount };
  return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
}

/** A `<Name>Connection` of `node`, with a totalCount counted by the same filters as the page. */
export function connectionOf(
  node: Parameters<typeof builder.connectionObject>[0]['type'],
  name: string,
  items: string,
) {
  return builder.connectionObject(
    {
      type: node,
      name: `${name}Connection`,
      description: `One page of ${items}, with the cursors to the next ones and how many there are in all.`,
      fields: (t) => ({
        totalCount: t.int({
          description: `How many ${items} there are in all pages.`,
          resolve: (connection) => totalCountOf(connection),
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of the ${items} of a page, and its cursor.` },
  );
}
