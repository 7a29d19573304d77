/**
 * The distinct rows of a list reached through a join (a person through each of their
 * affiliations), in first-seen order, without the nulls of optional relations.
 */
export function uniqueById<T extends { id: number }>(rows: readonly (T | null | undefined)[]): T[] {
  const seen = new Map<number, T>();
  for (const row of rows) {
    if (row && !seen.has(row.id)) seen.set(row.id, row);
  }
  return [...seen.values()];
}
