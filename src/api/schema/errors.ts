import { GraphQLError } from 'graphql';

// Every failure a client is meant to see comes from here, with a stable `extensions.code`.
// Anything else is unexpected: Yoga masks it (src/api/yoga.ts) and the server logs it.

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  PAGE_SIZE_TOO_LARGE: 'PAGE_SIZE_TOO_LARGE',
  DEPTH_TOO_LARGE: 'DEPTH_TOO_LARGE',
  FAN_OUT_TOO_LARGE: 'FAN_OUT_TOO_LARGE',
  // The limits every operation is held to (src/api/security.ts, src/api/query-cost.ts).
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  ARGUMENT_TOO_LONG: 'ARGUMENT_TOO_LONG',
  LIST_TOO_LONG: 'LIST_TOO_LONG',
  EXECUTION_TIMEOUT: 'EXECUTION_TIMEOUT',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  CSRF_HEADER_REQUIRED: 'CSRF_HEADER_REQUIRED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  BAD_REQUEST: 'BAD_REQUEST',
  // Who may write (src/api/curators.ts).
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  // A URL the server will not fetch (a private address) or not a URL at all.
  URL_REFUSED: 'URL_REFUSED',
} as const;

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

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

/** A traversal argument (depth, maxDepth) is above what one request may walk. */
export function depthTooLarge(argument: string, requested: number, max: number): GraphQLError {
  return new GraphQLError(
    `Argument "${argument}" is ${requested}, but a traversal goes at most ${max} steps.`,
    { extensions: { code: ErrorCode.DEPTH_TOO_LARGE, argument, max } },
  );
}

/** A traversal step would read more rows than one request may: the neighbourhood is too dense. */
export function fanOutTooLarge(what: string, limit: number): GraphQLError {
  return new GraphQLError(
    `Too many connections to follow: ${what} would read more than ${limit} rows. Lower the depth or restrict "types" (co-mentions are the densest).`,
    { extensions: { code: ErrorCode.FAN_OUT_TOO_LARGE, limit } },
  );
}

/**
 * An operation goes beyond one of the server's limits: `code` says which, the extensions carry
 * the limit (and what was found) so a client can adapt, and `status` sets the HTTP status when
 * the request itself is refused (403 for a missing CSRF header).
 */
export function limitExceeded(
  code: ErrorCodeName,
  message: string,
  extensions: Record<string, unknown> = {},
  status?: number,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

/** The request itself is malformed (its JSON, its operation), answered with HTTP 400. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
  });
}

/** The request carries no valid credentials for an operation that needs them (HTTP 401). */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
    },
  });
}

/** The operation is not allowed on this server, whoever asks (HTTP 403). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
  });
}
