/**
 * The `where` of a search by name: the name or any alias contains the text. Aliases are a JSON
 * array in a text column, so a substring match on it finds any alias containing the text.
 */
export function nameSearch(search: string | null | undefined) {
  const text = search?.trim();
  if (!text) return undefined;
  return { OR: [{ name: { contains: text } }, { aliases: { contains: text } }] };
}
