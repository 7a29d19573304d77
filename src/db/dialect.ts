// The two databases the product runs on, told apart by the scheme of DATABASE_URL.

export type Dialect = 'sqlite' | 'postgresql';

/** The database a URL names: `file:` is SQLite, `postgresql:` or `postgres:` is PostgreSQL. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(
    `Unsupported DATABASE_URL "${redactUrl(url)}": use file:/path/kg.db or postgresql://…`,
  );
}

/** A URL fit for a log line or an error message: no password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
