import { dialectOfClient } from '../db/client.ts';
import { ENTITY_KINDS, type EntityKind } from '../domain/entities.ts';
import { toSimplified } from '../domain/normalize.ts';

// Ranked entity search over names and aliases, behind an interface so that each database can
// serve it from its own kind of index. SQLite's implementation reads the FTS5 table "EntitySearch"
// (migration 20261129171500_entity_search), which triggers on the four entity tables keep in step
// with every write: persist, refreshNames and gc need no call of their own. A PostgreSQL
// implementation would keep the same contract on a pg_trgm GIN index.

/** How a query matched: the whole of a name, its beginning, or somewhere inside it. */
export type MatchKind = 'EXACT' | 'PREFIX' | 'SUBSTRING';

export interface SearchRequest {
  /** The query as the user typed it; normalizeQuery is applied by the index. */
  query: string;
  /** Only these kinds of entity; all four when absent or empty. */
  kinds?: readonly EntityKind[];
  limit: number;
  offset: number;
}

export interface SearchHit {
  kind: EntityKind;
  id: number;
  match: MatchKind;
}

export interface SearchResult {
  /** One page of hits, best first: exact, then prefix, then substring matches. */
  hits: SearchHit[];
  /** How many entities match in all. */
  total: number;
}

/** The one capability an index needs from a database client: raw SQL that returns rows. */
export interface RawSql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface SearchIndex {
  search(db: RawSql, request: SearchRequest): Promise<SearchResult>;
  /** Rebuilds the whole index from the entity tables, should it ever drift from them. */
  rebuild(db: RawSql): Promise<void>;
}

/** The number the trigram tokenizer needs: shorter queries cannot use the index. */
export const TRIGRAM = 3;

/**
 * The form names and queries are compared in: NFKC (full-width letters to ASCII), simplified
 * Chinese, ASCII lower case, no white space or control characters. Only ASCII is lower-cased
 * because that is all SQLite's lower() does when the index is written.
 */
export function normalizeQuery(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .replace(/[\s\p{Cc}]+/gu, '')
    .replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** How `name` matches an already normalised query, or null when it does not. */
export function matchOf(name: string, normalizedQuery: string): MatchKind | null {
  const term = normalizeQuery(name);
  if (term === normalizedQuery) return 'EXACT';
  if (term.startsWith(normalizedQuery)) return 'PREFIX';
  if (term.includes(normalizedQuery)) return 'SUBSTRING';
  return null;
}

const MATCH_ORDER: MatchKind[] = ['EXACT', 'PREFIX', 'SUBSTRING'];

/** The name among `names` the query matches best (first one on a tie), with how it matches. */
export function bestMatch(names: readonly string[], normalizedQuery: string) {
  let best: { name: string; match: MatchKind } | null = null;
  for (const name of names) {
    const match = matchOf(name, normalizedQuery);
    if (match && (!best || MATCH_ORDER.indexOf(match) < MATCH_ORDER.indexOf(best.match))) {
      best = { name, match };
    }
  }
  return best;
}

interface Row {
  kind: string;
  entityId: number | bigint;
  rank: number | bigint;
  total: number | bigint;
}

/** A string as an FTS5 phrase: inside double quotes, which are doubled. */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A LIKE pattern for "contains `text`", with the wildcards in it escaped by a backslash. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

// `terms` is "\n<name>\n<alias>\n…\n" (see the migration), so "\nquery\n" inside it is an exact
// match of some name, "\nquery" the start of one, anything else a substring.
const RANK = `CASE
    WHEN instr("terms", char(10) || ? || char(10)) > 0 THEN 0
    WHEN instr("terms", char(10) || ?) > 0 THEN 1
    ELSE 2
  END`;

/**
 * SQLite: FTS5 with the trigram tokenizer. A query of three characters or more is a MATCH on
 * the trigram index. A query of one or two characters (招联, 幻觉, AI) cannot use trigrams, so it
 * is a LIKE over the same table: one short row per entity (its names), which SQLite scans in well
 * under a millisecond for thousands of entities, never the entity tables themselves. Both paths
 * rank in SQL (exact, prefix, substring; then the shorter canonical name; then kind and id) and
 * count the matches with a window function, so a page costs one statement.
 */
export const sqliteSearchIndex: SearchIndex = {
  async search(db, { query, kinds, limit, offset }) {
    const q = normalizeQuery(query);
    if (q === '') return { hits: [], total: 0 };
    const wanted =
      kinds && kinds.length > 0 ? ENTITY_KINDS.filter((k) => kinds.includes(k)) : ENTITY_KINDS;
    const short = [...q].length < TRIGRAM;
    const where = short ? `"terms" LIKE ? ESCAPE '\\'` : `"EntitySearch" MATCH ?`;
    const kindList = wanted.map((kind) => `'${kind}'`).join(', ');
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT "kind", "entityId", ${RANK} AS "rank", COUNT(*) OVER () AS "total"
       FROM "EntitySearch"
       WHERE ${where} AND "kind" IN (${kindList})
       ORDER BY "rank", length("name"), "kind", "entityId"
       LIMIT ? OFFSET ?`,
      q,
      q,
      short ? containsPattern(q) : ftsPhrase(q),
      limit,
      offset,
    );
    return {
      hits: rows.map((row) => ({
        kind: row.kind as EntityKind,
        id: Number(row.entityId),
        match: MATCH_ORDER[Number(row.rank)]!,
      })),
      total:
        rows.length > 0
          ? Number(rows[0]!.total)
          : offset === 0
            ? 0
            : await countAll(db, where, q, short, kindList),
    };
  },

  async rebuild(db) {
    await db.$executeRawUnsafe(`DELETE FROM "EntitySearch"`);
    for (const [table, kind, n, extra] of [
      ['Person', 'PERSON', 0, ''],
      ['Institution', 'INSTITUTION', 1, ''],
      ['Model', 'MODEL', 2, ''],
      ['Challenge', 'CHALLENGE', 3, ` || replace(lower(e."label"), ' ', '') || char(10)`],
    ] as const) {
      await db.$executeRawUnsafe(
        `INSERT INTO "EntitySearch" ("rowid", "terms", "kind", "entityId", "name")
         SELECT e."id" * 4 + ${n},
           char(10) || replace(lower(e."name"), ' ', '') || char(10) || coalesce((
             SELECT group_concat(replace(lower("value"), ' ', ''), char(10)) || char(10)
             FROM json_each(CASE WHEN json_valid(e."aliases") THEN e."aliases" ELSE '[]' END)
           ), '')${extra},
           '${kind}', e."id", e."name"
         FROM "${table}" AS e`,
      );
    }
  },
};

// A page past the last hit has no row to read the window count from.
async function countAll(db: RawSql, where: string, q: string, short: boolean, kindList: string) {
  const [row] = await db.$queryRawUnsafe<{ total: number | bigint }[]>(
    `SELECT COUNT(*) AS "total" FROM "EntitySearch" WHERE ${where} AND "kind" IN (${kindList})`,
    short ? containsPattern(q) : ftsPhrase(q),
  );
  return Number(row?.total ?? 0);
}

/**
 * PostgreSQL: the same table shape and ranking, on a pg_trgm GIN index. A LIKE '%query%' of three
 * characters or more is answered through the index; a shorter one has no trigram to look up, so
 * PostgreSQL scans the table (one short row per entity), as SQLite does for short queries. Terms
 * are written in the compared form by the triggers, so the ranking (exact, prefix, substring;
 * then the shorter canonical name; then kind and id) and the count are those of SQLite.
 */
export const postgresSearchIndex: SearchIndex = {
  async search(db, { query, kinds, limit, offset }) {
    const q = normalizeQuery(query);
    if (q === '') return { hits: [], total: 0 };
    const wanted =
      kinds && kinds.length > 0 ? ENTITY_KINDS.filter((k) => kinds.includes(k)) : ENTITY_KINDS;
    const kindList = wanted.map((kind) => `'${kind}'`).join(', ');
    const where = `"terms" LIKE $2 ESCAPE '\\' AND "kind" IN (${kindList})`;
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT "kind", "entityId",
         CASE
           WHEN strpos("terms", E'\\n' || $1 || E'\\n') > 0 THEN 0
           WHEN strpos("terms", E'\\n' || $1) > 0 THEN 1
           ELSE 2
         END AS "rank",
         COUNT(*) OVER () AS "total"
       FROM "EntitySearch"
       WHERE ${where}
       ORDER BY "rank", char_length("name"), "kind", "entityId"
       LIMIT $3 OFFSET $4`,
      q,
      containsPattern(q),
      limit,
      offset,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && offset > 0) {
      const [row] = await db.$queryRawUnsafe<{ total: number | bigint }[]>(
        `SELECT COUNT(*) AS "total" FROM "EntitySearch" WHERE ${where.replace('$2', '$1')}`,
        containsPattern(q),
      );
      total = Number(row?.total ?? 0);
    }
    return {
      hits: rows.map((row) => ({
        kind: row.kind as EntityKind,
        id: Number(row.entityId),
        match: MATCH_ORDER[Number(row.rank)]!,
      })),
      total,
    };
  },

  async rebuild(db) {
    await db.$executeRawUnsafe(`DELETE FROM "EntitySearch"`);
    for (const [table, kind, n, extra] of [
      ['Person', 'PERSON', 0, 'NULL'],
      ['Institution', 'INSTITUTION', 1, 'NULL'],
      ['Model', 'MODEL', 2, 'NULL'],
      ['Challenge', 'CHALLENGE', 3, '"label"'],
    ] as const) {
      await db.$executeRawUnsafe(
        `INSERT INTO "EntitySearch" ("id", "kind", "entityId", "name", "terms")
         SELECT "id"::BIGINT * 4 + ${n}, '${kind}', "id", "name",
           "entity_search_terms"("name", "aliases", ${extra})
         FROM "${table}"`,
      );
    }
  },
};

/** The search index of the database `db` talks to (any client, extension or transaction). */
export function searchIndexFor(db: RawSql): SearchIndex {
  return dialectOfClient(db) === 'postgresql' ? postgresSearchIndex : sqliteSearchIndex;
}

/** The index the API searches: the one of the database each call's client talks to. */
export const searchIndex: SearchIndex = {
  search: (db, request) => searchIndexFor(db).search(db, request),
  rebuild: (db) => searchIndexFor(db).rebuild(db),
};
