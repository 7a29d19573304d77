import Database from 'better-sqlite3';
import { parseAliases } from '../../src/api/schema/aliases.ts';
import { normalizeQuery, TRIGRAM } from '../../src/graph/search-index.ts';

// The cost floor's data access: better-sqlite3 prepared statements on the seeded SQLite file,
// each prepared once. Lists of ids go in as one JSON parameter (json_each), so a statement stays
// prepared whatever the length of the list.

export type Kind = 'PERSON' | 'INSTITUTION' | 'MODEL' | 'CHALLENGE';
export const TYPE_OF_KIND: Record<Kind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};
export const KIND_OF_TYPE: Record<string, Kind> = {
  Person: 'PERSON',
  Institution: 'INSTITUTION',
  Model: 'MODEL',
  Challenge: 'CHALLENGE',
};
const TABLE: Record<Kind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};

/** An entity as GraphQL resolves it: __typename picks the type of an interface field. */
export interface EntityRow {
  __typename: string;
  rowId: number;
  id: string;
  name: string;
  aliases: string[];
}

export const globalId = (type: string, id: number) =>
  Buffer.from(`${type}:${id}`).toString('base64');

/** A global ID as type and row id, or null for anything else. */
export function parseGlobalId(id: string): { type: string; rowId: number } | null {
  const [type, raw] = Buffer.from(id, 'base64').toString().split(':');
  const rowId = Number(raw);
  return type && Number.isInteger(rowId) ? { type, rowId } : null;
}

export type Store = ReturnType<typeof openStore>;

/** Opens the database read-only and prepares every statement the floor server runs. */
export function openStore(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const list = (sql: string) => db.prepare(sql);
  const byIds = Object.fromEntries(
    (Object.keys(TABLE) as Kind[]).map((kind) => [
      kind,
      list(
        `SELECT id, name, aliases FROM "${TABLE[kind]}" WHERE id IN (SELECT value FROM json_each(?))`,
      ),
    ]),
  ) as Record<Kind, Database.Statement>;
  const statements = {
    peoplePage: list('SELECT id, name, aliases FROM "Person" WHERE id > ? ORDER BY id LIMIT ?'),
    affiliationsOf: list(
      'SELECT id, role, personId, institutionId FROM "Affiliation" WHERE personId = ? ORDER BY id',
    ),
    affiliationById: list(
      'SELECT id, role, personId, institutionId FROM "Affiliation" WHERE id = ?',
    ),
    modelsOf: list(
      `SELECT m.id, m.name, m.aliases FROM "Development" d JOIN "Model" m ON m.id = d.modelId
       WHERE d.institutionId = ? ORDER BY d.id`,
    ),
    searchMatch: list(
      `SELECT kind, entityId, CASE
         WHEN instr(terms, char(10) || @q || char(10)) > 0 THEN 0
         WHEN instr(terms, char(10) || @q) > 0 THEN 1 ELSE 2 END AS rank,
         COUNT(*) OVER () AS total
       FROM "EntitySearch" WHERE "EntitySearch" MATCH @pattern
       ORDER BY rank, length(name), kind, entityId LIMIT @limit`,
    ),
    searchLike: list(
      `SELECT kind, entityId, CASE
         WHEN instr(terms, char(10) || @q || char(10)) > 0 THEN 0
         WHEN instr(terms, char(10) || @q) > 0 THEN 1 ELSE 2 END AS rank,
         COUNT(*) OVER () AS total
       FROM "EntitySearch" WHERE terms LIKE @pattern ESCAPE '\\'
       ORDER BY rank, length(name), kind, entityId LIMIT @limit`,
    ),
    affiliationEdges: list(
      `SELECT id, personId, institutionId, role FROM "Affiliation"
       WHERE personId IN (SELECT value FROM json_each(@a))
          OR institutionId IN (SELECT value FROM json_each(@b)) ORDER BY id`,
    ),
    developmentEdges: list(
      `SELECT id, institutionId, modelId FROM "Development"
       WHERE institutionId IN (SELECT value FROM json_each(@a))
          OR modelId IN (SELECT value FROM json_each(@b)) ORDER BY id`,
    ),
    raisedEdges: list(
      `SELECT id, personId, challengeId FROM "Raised"
       WHERE personId IN (SELECT value FROM json_each(@a))
          OR challengeId IN (SELECT value FROM json_each(@b)) ORDER BY id`,
    ),
    coMentionNames: list(
      `SELECT documentId, personId, institutionId, modelId, challengeId FROM "Name"
       WHERE documentId IN (
         SELECT documentId FROM "Name"
         WHERE personId IN (SELECT value FROM json_each(@a))
            OR institutionId IN (SELECT value FROM json_each(@b))
            OR modelId IN (SELECT value FROM json_each(@c))
            OR challengeId IN (SELECT value FROM json_each(@d)))
       ORDER BY id`,
    ),
  };

  const toEntity = (kind: Kind, row: { id: number; name: string; aliases: string }): EntityRow => ({
    __typename: TYPE_OF_KIND[kind],
    rowId: row.id,
    id: globalId(TYPE_OF_KIND[kind], row.id),
    name: row.name,
    aliases: parseAliases(row.aliases, row.name),
  });

  return {
    statements,
    toEntity,
    /** Entities by kind and id, in one statement per kind. */
    entities(refs: readonly { kind: Kind; id: number }[]): Map<string, EntityRow> {
      const ids = new Map<Kind, number[]>();
      for (const ref of refs) ids.set(ref.kind, [...(ids.get(ref.kind) ?? []), ref.id]);
      const found = new Map<string, EntityRow>();
      for (const [kind, list] of ids) {
        for (const row of byIds[kind].all(JSON.stringify(list)) as {
          id: number;
          name: string;
          aliases: string;
        }[]) {
          found.set(`${kind}:${row.id}`, toEntity(kind, row));
        }
      }
      return found;
    },
    /** One page of search hits, ranked as the API ranks them. */
    search(query: string, limit: number) {
      const q = normalizeQuery(query);
      if (q === '') return { hits: [], total: 0 };
      const short = [...q].length < TRIGRAM;
      const pattern = short
        ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
        : `"${q.replaceAll('"', '""')}"`;
      const rows = (short ? statements.searchLike : statements.searchMatch).all({
        q,
        pattern,
        limit,
      }) as { kind: Kind; entityId: number; rank: number; total: number }[];
      return {
        hits: rows.map((r) => ({ kind: r.kind, id: r.entityId, rank: r.rank })),
        total: rows[0]?.total ?? 0,
      };
    },
    close: () => db.close(),
  };
}
