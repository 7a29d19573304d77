import { dialectOfClient } from '../db/client.ts';
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

/**
 * SQLite: every row in one JSON parameter, spread into columns by json_each. Prisma maps each
 * bound value in JS and SQLite compiles a VALUES list as long as the batch; one parameter costs
 * neither (6,000 mentions: 78-87 ms against 127-194 ms as VALUES).
 */
function jsonInsert(table: string, columns: readonly string[], returning = '') {
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${columns
    .map((_, i) => `value ->> ${i}`)
    .join(', ')} FROM json_each(?)${returning}`;
}

const jsonRows = (rows: readonly object[], columns: readonly string[]) =>
  JSON.stringify(rows.map((row) => columns.map((c) => storable((row as Row)[c]))));

/**
 * Bulk INSERTs for the tables that grow with the text (names, mentions, model facts). Prisma's
 * createMany costs about 1 ms per row here (it splits into 999-value statements and maps every
 * value in JS); SQLite takes the rows as one JSON parameter, PostgreSQL as parameterised
 * statements of up to 30,000 values.
 */
export async function insertRows<R extends object>(
  tx: Tx,
  table: 'Name' | 'Mention' | 'ModelFact',
  columns: readonly (keyof R & string)[],
  rows: R[],
) {
  if (rows.length === 0) return;
  if (dialectOfClient(tx) === 'sqlite') {
    await tx.$executeRawUnsafe(jsonInsert(table, columns), jsonRows(rows, columns));
    return;
  }
  const perStatement = Math.floor(MAX_BOUND_VALUES / columns.length);
  const head = Prisma.raw(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `,
  );
  for (let at = 0; at < rows.length; at += perStatement) {
    const values = rows
      .slice(at, at + perStatement)
      .map(
        (row) =>
          Prisma.sql`(${Prisma.join(columns.map((c) => storable((row as Record<string, unknown>)[c])))})`,
      );
    await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
}

/** A table row as given to insertReturning: column name to value. */
export type Row = Record<string, unknown>;

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
  const returned = ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}`;
  if (dialectOfClient(tx) === 'sqlite') {
    return tx.$queryRawUnsafe<Record<K, unknown>[]>(
      jsonInsert(table, columns, returned),
      jsonRows(rows, columns),
    );
  }
  const result: Record<K, unknown>[] = [];
  const perStatement = Math.floor(MAX_BOUND_VALUES / columns.length);
  const head = Prisma.raw(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `,
  );
  const tail = Prisma.raw(returned);
  for (let at = 0; at < rows.length; at += perStatement) {
    const values = rows
      .slice(at, at + perStatement)
      .map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => storable(row[c])))})`);
    result.push(
      ...(await tx.$queryRaw<Record<K, unknown>[]>`${head}${Prisma.join(values)}${tail}`),
    );
  }
  return result;
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
