import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects the field at `path` (field names, through fragments) below the
 * field being resolved, so a resolver can skip loading what nobody asked for. `@skip` and
 * `@include` are not evaluated: a skipped field reads as selected, which only costs a query.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => within(info, node.selectionSet, path));
}

function within(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  path: readonly string[],
): boolean {
  if (path.length === 0) return true;
  if (!set) return false;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === path[0] && within(info, selection.selectionSet, path.slice(1))) {
        return true;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (within(info, selection.selectionSet, path)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && within(info, fragment.selectionSet, path)) return true;
    }
  }
  return false;
}
