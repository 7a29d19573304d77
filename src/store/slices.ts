// Long `in` lists, cut to what one statement may bind.

/**
 * The most values one `in` list may hold. SQLite allows 999 bound values per statement and
 * Prisma splits a long `in` list itself only when it is a findMany's whole condition: a groupBy,
 * or an `in` beside other conditions, fails with P2029 beyond that (and a failed batch was stored
 * again document by document, at a fraction of the speed).
 */
export const VALUES_PER_IN_LIST = 500;

/** `list` in consecutive slices of at most `size` items. */
export function slices<T>(list: readonly T[], size = VALUES_PER_IN_LIST): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < list.length; at += size) result.push(list.slice(at, at + size));
  return result;
}
