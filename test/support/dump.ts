import Database from 'better-sqlite3';

// The whole stored graph of a SQLite database as plain data, to compare two databases: `rows`
// dumps every table as stored, ids included (for runs that must be identical: a crash and its
// rerun against an uninterrupted run); `facts` replaces every id by what it stands for (a
// document's source, an entity's key), for graphs built by different routes (incrementally or
// from scratch) that must hold the same facts.

const TABLES = [
  'Document',
  'Person',
  'Institution',
  'Model',
  'Challenge',
  'ModelVersion',
  'Affiliation',
  'Development',
  'Raised',
  'Name',
  'Mention',
  'ModelFact',
] as const;

// When a document was stored is the one thing a rerun may change.
const VOLATILE = new Set(['ingestedAt']);

function open(url: string) {
  return new Database(url.replace(/^file:/, ''), { readonly: true, fileMustExist: true });
}

/** Every row of every table (and of the search index), ordered by id, without ingestedAt. */
export function rows(url: string): Record<string, unknown[]> {
  const db = open(url);
  try {
    const dump: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      dump[table] = db
        .prepare(`SELECT * FROM "${table}" ORDER BY "id"`)
        .all()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row as object).filter(([column]) => !VOLATILE.has(column)),
          ),
        );
    }
    dump.EntitySearch = db
      .prepare(
        'SELECT "rowid", "terms", "kind", "entityId", "name" FROM "EntitySearch" ORDER BY "rowid"',
      )
      .all();
    return dump;
  } finally {
    db.close();
  }
}

// What stands for an entity in `facts`: its name, which is recomputed from every mention it has
// (src/store/entity-names.ts), and not its key: the key is the first name it was resolved by, so it
// depends on the order documents arrived in. Challenges have a fixed taxonomy key.
const IDENTITY: Record<string, string> = {
  Person: '"name"',
  Institution: '"name"',
  Model: '"name"',
  Challenge: '"key"',
};
const ENTITY = (table: string, column: string) =>
  `(SELECT ${IDENTITY[table]} FROM "${table}" WHERE "id" = t."${column}")`;
const FACTS: Record<string, string> = {
  Document: `SELECT "source", "title", "publishedAt", "publisher", "editor", "format", "encoding",
    "contentHash", "text" FROM "Document" t`,
  Person: 'SELECT "name", "aliases" FROM "Person" t',
  Institution: 'SELECT "name", "aliases", "kind" FROM "Institution" t',
  Model: `SELECT "name", "aliases", "parameters", "parameterCount", "releasedAt" FROM "Model" t`,
  Challenge: 'SELECT "key", "name", "aliases", "label", "description" FROM "Challenge" t',
  ModelVersion: `SELECT ${ENTITY('Model', 'modelId')} AS model, "version", "parameters",
    "parameterCount", "releasedAt" FROM "ModelVersion" t`,
  Affiliation: `SELECT ${ENTITY('Person', 'personId')} AS person,
    ${ENTITY('Institution', 'institutionId')} AS institution, "role" FROM "Affiliation" t`,
  Development: `SELECT ${ENTITY('Model', 'modelId')} AS model,
    ${ENTITY('Institution', 'institutionId')} AS institution FROM "Development" t`,
  Raised: `SELECT ${ENTITY('Person', 'personId')} AS person,
    ${ENTITY('Challenge', 'challengeId')} AS challenge FROM "Raised" t`,
  Name: `SELECT (SELECT "source" FROM "Document" WHERE "id" = t."documentId") AS document,
    "kind", "name", "key", "strong", ${ENTITY('Person', 'personId')} AS person,
    ${ENTITY('Institution', 'institutionId')} AS institution, ${ENTITY('Model', 'modelId')} AS model,
    ${ENTITY('Challenge', 'challengeId')} AS challenge FROM "Name" t`,
  Mention: `SELECT (SELECT "source" FROM "Document" WHERE "id" = t."documentId") AS document,
    "kind", "start", "end", "surface", "snippet", "snippetStart", "publishedAt",
    ${ENTITY('Person', 'personId')} AS person, ${ENTITY('Institution', 'institutionId')} AS institution,
    ${ENTITY('Model', 'modelId')} AS model, ${ENTITY('Challenge', 'challengeId')} AS challenge,
    (SELECT p."name" || '|' || i."name" || '|' || a."role" FROM "Affiliation" a
      JOIN "Person" p ON p."id" = a."personId" JOIN "Institution" i ON i."id" = a."institutionId"
      WHERE a."id" = t."affiliationId") AS affiliation,
    (SELECT m."name" || '|' || i."name" FROM "Development" d JOIN "Model" m ON m."id" = d."modelId"
      JOIN "Institution" i ON i."id" = d."institutionId" WHERE d."id" = t."developmentId") AS development,
    (SELECT p."name" || '|' || c."key" FROM "Raised" r JOIN "Person" p ON p."id" = r."personId"
      JOIN "Challenge" c ON c."id" = r."challengeId" WHERE r."id" = t."raisedId") AS raised,
    (SELECT m."name" || '|' || v."version" FROM "ModelVersion" v JOIN "Model" m ON m."id" = v."modelId"
      WHERE v."id" = t."modelVersionId") AS version
    FROM "Mention" t`,
  ModelFact: `SELECT (SELECT "source" FROM "Document" WHERE "id" = t."documentId") AS document,
    ${ENTITY('Model', 'modelId')} AS model,
    (SELECT "version" FROM "ModelVersion" WHERE "id" = t."modelVersionId") AS version,
    "parameters", "parameterCount", "releasedAt" FROM "ModelFact" t`,
  EntitySearch: 'SELECT "kind", "terms", "name" FROM "EntitySearch" t',
};

/** Every fact of the graph with ids replaced by what they stand for, each table sorted. */
export function facts(url: string): Record<string, string[]> {
  const db = open(url);
  try {
    return Object.fromEntries(
      Object.entries(FACTS).map(([table, sql]) => [
        table,
        db
          .prepare(sql)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/** How many rows each table of a dump holds: a short line for failure messages. */
export function counts(dump: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([table, list]) => [table, list.length]));
}
