/**
 * The other names of an entity, from the JSON array text column they are stored in (a JSON
 * string rather than a native list so the same schema serves SQLite and PostgreSQL). A value
 * that is not an array of strings reads as no aliases rather than failing the whole query.
 */
export function parseAliases(json: string, name?: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const aliases = parsed.filter(
    (alias): alias is string => typeof alias === 'string' && alias !== '',
  );
  return [...new Set(aliases)].filter((alias) => alias !== name);
}
