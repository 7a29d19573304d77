import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './schema/errors.ts';

// Who may make the server fetch and store documents: clients sending a bearer token named in
// INGEST_TOKENS (name:token,name2:token2). Kept to this one module so that it can follow the
// curation tokens (CURATION_TOKENS, issue 15) once both have landed: the format is the same.

/** Token → the name it was given, from `name:token,name2:token2`. */
export function parseTokens(
  value: string | undefined = process.env.INGEST_TOKENS,
): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const entry of (value ?? '').split(',')) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at).trim();
    const token = entry.slice(at + 1).trim();
    if (at > 0 && name && token) tokens.set(token, name);
  }
  return tokens;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The name of the token the request carries (Authorization: Bearer <token>).
 * @throws GraphQLError UNAUTHENTICATED without a token, with an unknown one, or
 *   when no token is configured (ingestion is then off).
 */
export function authorizeIngest(request: Request | undefined, tokens: Map<string, string>): string {
  const refuse = (message: string) =>
    new GraphQLError(message, {
      // A field error, not an HTTP 401: job(id) may sit in a query beside public fields, whose
      // answers still come (status 200, the code says what was refused).
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    });
  if (tokens.size === 0) throw refuse('Ingestion is off: the server has no INGEST_TOKENS.');
  const header = request?.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw refuse('Ingestion needs a token: send "Authorization: Bearer <token>".');
  // Compared by their digests, in constant time: no timing tells how much of a guess was right.
  const given = digest(match[1]!);
  for (const [token, name] of tokens) if (timingSafeEqual(given, digest(token))) return name;
  throw refuse('Unknown token.');
}
