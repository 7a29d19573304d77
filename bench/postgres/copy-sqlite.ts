import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Cluster } from './cluster.ts';

// The seeded SQLite database, table for table, in PostgreSQL for PostGraphile: tables created
// with plain SQL from SQLite's own description of them (columns, primary keys, foreign keys,
// indexes), rows moved with psql's \copy, then the search, neighbours and path functions of
// graph.sql. Prisma's migrations are not used: the peer only needs the tables.

const PG_TYPE: Record<string, string> = {
  INTEGER: 'integer',
  TEXT: 'text',
  REAL: 'double precision',
  DATETIME: 'timestamp(3)',
  BOOLEAN: 'boolean',
};

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables worth copying: the graph's own, not Prisma's bookkeeping or the FTS5 shadow tables. */
function tablesOf(db: Database.Database): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE TABLE%'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'
         AND name NOT LIKE 'EntitySearch%' ORDER BY rowid`,
      )
      .pluck()
      .all() as string[]
  ).filter((name) => name !== 'EntitySearch');
}

function csvField(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'BOOLEAN') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `"${String(value).replaceAll('"', '""')}"`;
}

async function writeCsv(db: Database.Database, sql: string, types: string[], file: string) {
  const out = createWriteStream(file);
  let rows = 0;
  for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
    const line = `${row.map((value, i) => csvField(value, types[i]!)).join(',')}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    rows++;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return rows;
}

/**
 * Copies every graph table of the SQLite file at `sqlitePath` into the cluster's database and
 * adds graph.sql. `scratch` is a folder the psql process can read (CSV files go there).
 */
export async function copySqliteToPostgres(sqlitePath: string, cluster: Cluster, scratch: string) {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const ddl: string[] = [];
  const constraints: string[] = [];
  const counts: Record<string, number> = {};
  try {
    const tables = tablesOf(db);
    for (const table of tables) {
      const columns = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Column[];
      const keys = columns.filter((c) => c.pk > 0).map((c) => quote(c.name));
      ddl.push(
        `CREATE TABLE ${quote(table)} (\n${[
          ...columns.map(
            (c) =>
              `  ${quote(c.name)} ${PG_TYPE[c.type.toUpperCase()] ?? 'text'}${c.notnull ? ' NOT NULL' : ''}`,
          ),
          `  PRIMARY KEY (${keys.join(', ')})`,
        ].join(',\n')}\n);`,
      );
      for (const fk of db.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as {
        table: string;
        from: string;
        to: string;
      }[]) {
        constraints.push(
          `ALTER TABLE ${quote(table)} ADD FOREIGN KEY (${quote(fk.from)}) REFERENCES ${quote(fk.table)} (${quote(fk.to)});`,
        );
      }
      for (const index of db.prepare(`PRAGMA index_list(${quote(table)})`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[]) {
        if (index.origin === 'pk') continue;
        const on = (
          db.prepare(`PRAGMA index_info(${quote(index.name)})`).all() as { name: string }[]
        )
          .map((c) => quote(c.name))
          .join(', ');
        constraints.push(
          `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(`${index.name}`.slice(0, 60))} ON ${quote(table)} (${on});`,
        );
      }
    }
    ddl.push(
      'CREATE TABLE entity_search (terms text NOT NULL, kind text NOT NULL, entity_id integer NOT NULL, name text NOT NULL, PRIMARY KEY (kind, entity_id));',
    );
    cluster.psql(['-c', ddl.join('\n')]);

    const copies: string[] = [];
    for (const table of tables) {
      const columns = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Column[];
      const file = join(scratch, `${table}.csv`);
      counts[table] = await writeCsv(
        db,
        `SELECT ${columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(table)}`,
        columns.map((c) => c.type.toUpperCase()),
        file,
      );
      copies.push(`\\copy ${quote(table)} FROM '${file}' WITH (FORMAT csv)`);
    }
    const searchFile = join(scratch, 'entity_search.csv');
    counts.entity_search = await writeCsv(
      db,
      'SELECT terms, kind, entityId, name FROM "EntitySearch"',
      ['TEXT', 'TEXT', 'INTEGER', 'TEXT'],
      searchFile,
    );
    copies.push(`\\copy entity_search FROM '${searchFile}' WITH (FORMAT csv)`);
    cluster.psql([], `${copies.join('\n')}\n`);
    cluster.psql([], `${constraints.join('\n')}\nANALYZE;\n`);
    cluster.psql([], readFileSync(new URL('./graph.sql', import.meta.url), 'utf8'));
    return counts;
  } finally {
    db.close();
  }
}
