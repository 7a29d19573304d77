import { Kind } from 'graphql';
import { builder } from '../builder.ts';
import { badUserInput } from './errors.ts';

// An ISO 8601 date, optionally with a time and a zone. `new Date` alone would also take
// "March 7" or "1", and roll 2024-02-30 over to March 1st.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDate(value: unknown): Date {
  const parts = typeof value === 'string' ? ISO_8601.exec(value) : null;
  const date = parts ? new Date(value as string) : null;
  const [year, month, day] = (parts ?? []).slice(1).map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    calendar.getUTCMonth() !== (month ?? 0) - 1 ||
    calendar.getUTCDate() !== day
  ) {
    throw badUserInput(`DateTime must be an ISO 8601 string, got ${JSON.stringify(value)}`);
  }
  return date;
}

// Written by hand rather than taken from graphql-scalars: it is the only custom scalar, and an
// ISO 8601 string both ways is all it has to do.
builder.scalarType('DateTime', {
  description: 'A point in time, as an ISO 8601 string (2024-09-15T00:00:00.000Z).',
  serialize: (date) => date.toISOString(),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});
