import { dialectOfClient } from '../db/client.ts';
import { preparedOn, sqliteConnectionOf } from '../db/sqlite-connection.ts';
import type { Evidence } from '../extract/types.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { pageAt } from '../ingest/clean-pdf.ts';
import { sentenceAt } from '../ingest/segment.ts';
import type { PreparedDocument } from './identify.ts';

// The rows that grow with the text, names and mentions, written in bulk for the persist step.

type Tx = Prisma.TransactionClient;

export type MentionRow = Prisma.MentionCreateManyInput;
export type NameRow = Prisma.NameCreateManyInput;

export const NAME_COLUMNS = [
  'documentId',
  'kind',
  'name',
  'key',
  'strong',
  'personId',
  'institutionId',
  'modelId',
  'challengeId',
] as const satisfies readonly (keyof NameRow)[];

export const MENTION_COLUMNS = [
  'documentId',
  'kind',
  'start',
  'end',
  'surface',
  'snippet',
  'snippetStart',
  'page',
  'publishedAt',
  'confidence',
  'basis',
  'personId',
  'institutionId',
  'modelId',
  'challengeId',
  'affiliationId',
  'developmentId',
  'raisedId',
  'modelVersionId',
] as const satisfies readonly (keyof MentionRow)[];

/** Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_BOUND_VALUES = 30_000;

/** A value as Prisma itself stores it: DateTime as ISO text with +00:00, booleans as 1/0. */
function storable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace(/Z$/, '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** Names as SQL quotes them, comma-separated. */
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The start every bulk insert shares: `INSERT INTO "Table" ("a", "b") VALUES `. */
const insertHead = (table: string, columns: readonly string[]) =>
  `INSERT INTO "${table}" (${quoted(columns)}) VALUES `;

/** ` RETURNING "a", "b"`, or nothing when no column is wanted back. */
const returningClause = (returning: readonly string[]) =>
  returning.length > 0 ? ` RETURNING ${quoted(returning)}` : '';

/** A table row as given to insertReturning: column name to value. */
export type Row = Record<string, unknown>;

/** A row's values in the order of `columns`, as Prisma would store them. */
const valuesOf = (row: object, columns: readonly string[]) =>
  columns.map((c) => storable((row as Row)[c]));

/**
 * SQLite: the rows go to the transaction's connection one prepared statement at a time
 * (src/db/sqlite-connection.ts), outside Prisma. 63,016 mentions of 1,000 documents, in ten
 * transactions: 0.86-0.88 s this way, 1.5-1.6 s as one JSON parameter per batch spread into
 * columns by json_each (what this replaced: `value ->> i` parses the row's JSON again for every
 * column, and a mention row carries its sentence), and through Prisma per row far more.
 */
async function sqliteInsert(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  returning: readonly string[],
): Promise<Row[]> {
  const connection = sqliteConnectionOf(tx);
  if (!connection) throw new Error('bulk inserts need a client made by createPrismaClient');
  // Writing on the connection bypasses the transaction client, which would refuse a transaction
  // that has ended (a timeout rolls it back): one statement through it first checks that it is
  // still open, and the inserts after it run without yielding, so nothing can end it under them.
  await tx.$queryRawUnsafe('SELECT 1');
  if (!connection.inTransaction) throw new Error('bulk inserts must run in a transaction');
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const statement = preparedOn(
    connection,
    `${insertHead(table, columns)}${placeholders}${returningClause(returning)}`,
  );
  if (returning.length === 0) {
    for (const row of rows) statement.run(valuesOf(row, columns));
    return [];
  }
  return rows.map((row) => statement.get(valuesOf(row, columns)) as Row);
}

/** PostgreSQL: parameterised multi-row statements of up to MAX_BOUND_VALUES values each. */
async function postgresInsert(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  returning: readonly string[],
): Promise<Row[]> {
  const result: Row[] = [];
  const perStatement = Math.floor(MAX_BOUND_VALUES / columns.length);
  const head = Prisma.raw(insertHead(table, columns));
  const tail = Prisma.raw(returningClause(returning));
  for (let at = 0; at < rows.length; at += perStatement) {
    const values = rows
      .slice(at, at + perStatement)
      .map((row) => Prisma.sql`(${Prisma.join(valuesOf(row, columns))})`);
    result.push(...(await tx.$queryRaw<Row[]>`${head}${Prisma.join(values)}${tail}`));
  }
  return result;
}

/** The rows inserted in bulk the database's way; the `returning` columns of each, if any. */
function bulkInsert(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  returning: readonly string[] = [],
): Promise<Row[]> {
  const insert = dialectOfClient(tx) === 'sqlite' ? sqliteInsert : postgresInsert;
  return insert(tx, table, columns, rows, returning);
}

/**
 * Bulk INSERTs for the tables that grow with the text (names, mentions, model facts). Prisma's
 * createMany costs about 1 ms per row here (it splits into 999-value statements and maps every
 * value in JS); SQLite takes the rows on its connection, PostgreSQL as parameterised statements
 * of up to 30,000 values.
 */
export async function insertRows<R extends object>(
  tx: Tx,
  table: 'Name' | 'Mention' | 'ModelFact',
  columns: readonly (keyof R & string)[],
  rows: R[],
) {
  if (rows.length === 0) return;
  await bulkInsert(tx, table, columns, rows);
}

/**
 * Multi-row INSERT … RETURNING for the rows a batch creates (documents, entities, relations), in
 * place of createManyAndReturn, which costs 0.5-1.3 ms per row here (500 people: 230-650 ms; this
 * statement: 10-50 ms). Every row must have every column. Returns the `returning` columns of the
 * inserted rows in no particular order (SQLite does not promise one): match them by a key.
 */
export async function insertReturning<K extends string>(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  returning: readonly K[],
): Promise<Record<K, unknown>[]> {
  if (rows.length === 0) return [];
  return (await bulkInsert(tx, table, columns, rows, returning)) as Record<K, unknown>[];
}

/** Where an evidence span sits: its text and sentence, or null when it lies outside the text. */
export function place(prepared: PreparedDocument, evidence: Evidence) {
  const { text } = prepared.doc;
  const { start, end } = evidence;
  if (
    !(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      end > start &&
      end <= text.length
    )
  ) {
    return null;
  }
  let sentence = prepared.sentences[evidence.sentence];
  if (!sentence || start < sentence.start || end > sentence.end) {
    sentence = prepared.sentences[sentenceAt(prepared.sentences, start)];
  }
  const snippet =
    sentence && start >= sentence.start ? sentence : { text: text.slice(start, end), start };
  return {
    start,
    end,
    surface: text.slice(start, end),
    snippet: snippet.text,
    snippetStart: snippet.start,
    page: prepared.doc.pageStarts ? pageAt(prepared.doc.pageStarts, start) : null,
  };
}
