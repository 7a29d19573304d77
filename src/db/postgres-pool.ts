import type pg from 'pg';

// How the server talks to PostgreSQL. node-postgres' defaults suit a script, not a server: a
// pool that is full makes a query wait forever, a statement may run forever, and a peer that
// vanished is only noticed when the OS gives up on the socket. Every limit here has a default and
// a URL parameter (Prisma's own names where Prisma has one), so a deployment tunes them in
// DATABASE_URL and nowhere else:
//
//   connection_limit   connections per process (10)
//   pool_timeout       seconds to wait for a free connection or a new one before failing (10)
//   statement_timeout  milliseconds one statement may run before the server cancels it (30000)
//   idle_timeout       seconds an unused connection stays open (30)
//   schema             the PostgreSQL schema holding the tables (public)

export interface PostgresSettings {
  /** The pg.Pool configuration, the connection string without the parameters above. */
  pool: pg.PoolConfig;
  /** The schema the tables live in, when not the default one. */
  schema: string | undefined;
}

const DEFAULTS = {
  connection_limit: 10,
  pool_timeout: 10,
  statement_timeout: 30_000,
  idle_timeout: 30,
};

type Setting = keyof typeof DEFAULTS;

function numberParam(params: URLSearchParams, name: Setting): number {
  const text = params.get(name);
  params.delete(name);
  if (text === null) return DEFAULTS[name];
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (name === 'connection_limit' && value < 1)) {
    throw new Error(`DATABASE_URL: ${name} must be a non-negative number, got "${text}"`);
  }
  return value;
}

/** The pool configuration and schema a `postgresql://` URL asks for. */
export function postgresSettings(url: string): PostgresSettings {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  const max = numberParam(params, 'connection_limit');
  const poolTimeout = numberParam(params, 'pool_timeout');
  const statementTimeout = numberParam(params, 'statement_timeout');
  const idleTimeout = numberParam(params, 'idle_timeout');
  const schema = params.get('schema') || undefined;
  params.delete('schema');
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_URL: schema must be a plain identifier, got "${schema}"`);
  }
  return {
    schema,
    pool: {
      connectionString: parsed.toString(),
      max,
      // pg-pool applies this both to opening a connection and to waiting for a free one.
      connectionTimeoutMillis: poolTimeout * 1000,
      idleTimeoutMillis: idleTimeout * 1000,
      // Sent at connection start-up, so the server enforces them on every statement.
      statement_timeout: statementTimeout,
      // A transaction left open by a crashed or stuck client releases its locks in time.
      idle_in_transaction_session_timeout: Math.max(statementTimeout * 2, 60_000),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'kg-finance',
      // Prisma reads and writes timestamps without time zone as UTC; the columns' defaults
      // (CURRENT_TIMESTAMP) must be UTC too, whatever the server's TimeZone. The tables in
      // `schema`, with the pg_trgm operators (installed in public) still in reach.
      options: ['-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema},public`] : [])].join(
        ' ',
      ),
    },
  };
}
