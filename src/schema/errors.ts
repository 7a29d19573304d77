import { GraphQLError } from 'graphql';

// Every failure a client is meant to see comes from here, with a stable `extensions.code`.
// Anything else is unexpected: Yoga masks it (src/yoga.ts) and the server logs it.

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  PAGE_SIZE_TOO_LARGE: 'PAGE_SIZE_TOO_LARGE',
} as const;

/** An argument the client sent is malformed: a cursor, a global ID, a date. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** A connection was asked for more rows than one page may hold. */
export function pageSizeTooLarge(argument: string, requested: number, max: number): GraphQLError {
  return new GraphQLError(
    `Argument "${argument}" is ${requested}, but a page holds at most ${max} items: page with "after".`,
    { extensions: { code: ErrorCode.PAGE_SIZE_TOO_LARGE, argument, max } },
  );
}
