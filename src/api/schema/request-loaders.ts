import DataLoader from 'dataloader';
import type { Context } from '../builder.ts';

/**
 * The request's loader named `key`, made by `make` on first use. A loader batches the keys asked
 * for while one level of the answer resolves into one query, and lives as long as the request
 * (the context), so it never serves data from before a write to a later request.
 */
export function requestLoader<K, V>(
  ctx: Context,
  key: string,
  load: (keys: readonly K[]) => Promise<Map<K, V>>,
  fallback: V,
): DataLoader<K, V> {
  let loader = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(async (keys) => {
      const found = await load(keys);
      return keys.map((k) => found.get(k) ?? fallback);
    });
    ctx.loaders.set(key, loader);
  }
  return loader;
}

/** How many rows of `rows` each value of `column` has. */
export function tally<T>(
  rows: readonly T[],
  column: (row: T) => number | null,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const id = column(row);
    if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
