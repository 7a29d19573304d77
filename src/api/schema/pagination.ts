import { pageSizeTooLarge } from './errors.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

interface PageArgs {
  first?: number | null;
  last?: number | null;
}

/**
 * Page-size options spread into every connection. Pothos on its own silently clamps `first` to
 * `maxSize`; a client asking for 500 rows and getting 100 with `hasNextPage` would page through
 * fine, but one that trusts the count it asked for would not, so anything above the limit is an
 * error that says so.
 */
export const pageSize = {
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: (args: PageArgs): number => {
    for (const argument of ['first', 'last'] as const) {
      const requested = args[argument];
      if (requested != null && requested > MAX_PAGE_SIZE) {
        throw pageSizeTooLarge(argument, requested, MAX_PAGE_SIZE);
      }
    }
    return MAX_PAGE_SIZE;
  },
};
