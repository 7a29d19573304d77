import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { bestMatch, normalizeQuery, searchIndex } from '../../graph/search-index.ts';
import { builder } from '../builder.ts';
import { Entity, EntityKindEnum, type EntityRow, namesOf } from './entity.ts';
import { badUserInput } from './errors.ts';
import { loadEntities } from './load-entities.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from './pagination.ts';

// search(query): every kind of entity by name or alias, best matches first, from the search
// index (src/graph/search-index.ts): one statement for the page and its count, then one query
// per kind of entity on the page.

export const MAX_QUERY_LENGTH = 100;

const MatchKindEnum = builder.enumType('MatchKind', {
  description: 'How a search query matched a name.',
  values: {
    EXACT: { description: 'The whole name or alias.' },
    PREFIX: { description: 'The beginning of a name or alias.' },
    SUBSTRING: { description: 'Part of a name or alias.' },
  },
});

interface SearchEdgeShape {
  cursor: string;
  node: EntityRow;
  match: 'EXACT' | 'PREFIX' | 'SUBSTRING';
  matchedName: string;
}

const SearchConnection = builder.connectionObject(
  {
    type: Entity,
    name: 'SearchConnection',
    description: 'Search hits, best first: exact, then prefix, then substring matches.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many entities match, in all pages.',
        resolve: (connection) => (connection as { totalCount?: number }).totalCount ?? 0,
      }),
    }),
  },
  {
    name: 'SearchEdge',
    fields: (t) => ({
      match: t.field({
        type: MatchKindEnum,
        description: 'How the query matched: the whole name, its beginning or a part.',
        resolve: (edge) => (edge as SearchEdgeShape).match,
      }),
      matchedName: t.string({
        description: 'The name or alias that matched, as the documents write it.',
        resolve: (edge) => (edge as SearchEdgeShape).matchedName,
      }),
    }),
  },
);

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    nullable: true,
    description:
      'People, institutions, models and challenges whose name or alias contains the query (Chinese or Latin, any case, traditional characters folded), ranked exact > prefix > substring, then shorter names first.',
    args: {
      ...t.arg.connectionArgs(),
      query: t.arg.string({ required: true, description: 'What to look for: 招联, 幻觉, GPT-4.' }),
      kinds: t.arg({
        type: [EntityKindEnum],
        required: false,
        description: 'Only these kinds of entity.',
      }),
    },
    resolve: async (_root, args, ctx, info) => {
      const query = normalizeQuery(args.query);
      if (query === '') throw badUserInput('The search query is empty.');
      if ([...query].length > MAX_QUERY_LENGTH) {
        throw badUserInput(`The search query is longer than ${MAX_QUERY_LENGTH} characters.`);
      }
      pageSize.maxSize(args);
      const page = offsetForArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
      const { hits, total } = await searchIndex.search(ctx.db, {
        query: args.query,
        kinds: args.kinds ?? undefined,
        limit: page.limit,
        offset: page.offset,
      });
      const rows = await loadEntities(ctx, info, hits.slice(0, page.expectedSize), [
        ['edges', 'node'],
      ]);
      const edges: SearchEdgeShape[] = [];
      hits.slice(0, page.expectedSize).forEach((hit, i) => {
        const node = rows.get(`${hit.kind}:${hit.id}`);
        if (!node) return;
        const matched = bestMatch(namesOf(node), query);
        edges.push({
          cursor: offsetToCursor(page.offset + i),
          node,
          match: hit.match,
          matchedName: matched?.name ?? node.name,
        });
      });
      return {
        edges,
        totalCount: total,
        pageInfo: {
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
          hasPreviousPage: page.hasPreviousPage,
          hasNextPage: page.hasNextPage(hits.length),
        },
      };
    },
  }),
}));
