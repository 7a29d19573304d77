import { Kind } from 'graphql';
import { builder } from '../builder.ts';
import { badUserInput } from './errors.ts';

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
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
