import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from './schema/errors.ts';

// Who may change the graph. Writes are off unless CURATION_TOKENS names one or more bearer
// tokens, each with the name the curation log records for it:
//   CURATION_TOKENS=alice:s3cret-token-1,bob:another-token
// A request proves it holds one with `Authorization: Bearer <token>`. Bearer tokens, not
// cookies: a browser never adds one by itself, and a page of another origin can only send the
// header after a CORS preflight, so a curation cannot be forged cross-site (CSRF).
// Every operation that writes (curation mutations, and the ingest mutation to come) calls
// requireCurator first, before reading or writing anything.

/** The configured tokens: the SHA-256 of each token, and the name it stands for. */
export interface CuratorTokens {
  readonly tokens: readonly { digest: Buffer; name: string }[];
}

export interface Curator {
  /** The name the log records. */
  name: string;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Reads CURATION_TOKENS (`name:token` pairs, comma-separated). Unset or empty: no tokens, writes
 * off. A pair without a name or a token, or a name given twice, is a configuration mistake and
 * throws, so a server never starts with curation silently half-configured.
 */
export function curatorTokens(value = process.env.CURATION_TOKENS): CuratorTokens {
  const text = value?.trim() ?? '';
  if (text === '') return { tokens: [] };
  const tokens: { digest: Buffer; name: string }[] = [];
  const names = new Set<string>();
  for (const pair of text.split(',')) {
    const at = pair.indexOf(':');
    const name = pair.slice(0, Math.max(at, 0)).trim();
    const token = pair.slice(at + 1).trim();
    if (at < 1 || name === '' || token === '') {
      throw new Error('CURATION_TOKENS must be name:token pairs separated by commas');
    }
    if (names.has(name)) throw new Error(`CURATION_TOKENS names ${name} twice`);
    names.add(name);
    tokens.push({ digest: digest(token), name });
  }
  return { tokens };
}

/**
 * The curator a request speaks for. Throws FORBIDDEN when the server has no tokens (writes are
 * off), UNAUTHENTICATED when the request carries no bearer token or one the server does not know.
 * Tokens are compared by their digests in constant time.
 */
export function requireCurator(request: Request | undefined, configured: CuratorTokens): Curator {
  if (configured.tokens.length === 0) {
    throw forbidden('Changes to the graph are off on this server (no CURATION_TOKENS configured).');
  }
  const header = request?.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw unauthenticated('This operation needs a curation token: Authorization: Bearer <token>.');
  const sent = digest(match[1]!);
  let found: string | null = null;
  for (const { digest: known, name } of configured.tokens) {
    if (timingSafeEqual(known, sent) && found === null) found = name;
  }
  if (found === null) throw unauthenticated('The curation token is not valid.');
  return { name: found };
}
