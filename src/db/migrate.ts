import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { projectRoot } from '../runtime/paths.ts';
import { startThread } from '../runtime/threads.ts';
import { adapterFor, sqlitePath } from './client.ts';
import { type Dialect, dialectOf } from './dialect.ts';
import { postgresClient, withMigrationLock } from './postgres-locks.ts';
import { postgresSettings } from './postgres-pool.ts';
import { prismaPaths, schemaText } from './schemas.ts';

// Prisma's CLI runs a native schema engine that it downloads on first use, which offline
// machines cannot do. The same engine ships as WebAssembly on npm; driven through a driver
// adapter it applies `prisma/migrations` exactly as `prisma migrate deploy` would, recording
// them in `_prisma_migrations`, so users elsewhere can still use the CLI on the same folder.
// Each database has its own folder (src/db/schemas.ts): prisma/migrations for SQLite,
// prisma/postgresql/migrations for PostgreSQL; the URL's scheme picks one.

type Engine = Awaited<ReturnType<typeof engineBindings.SchemaEngine.new>>;
// Tables the migrations create by hand (the search index: on SQLite an FTS5 table and its shadow
// tables): the engine must neither diff them away nor expect them in schema.prisma.
const EXTERNAL_TABLES: Record<Dialect, string[]> = {
  sqlite: [
    'EntitySearch',
    'EntitySearch_config',
    'EntitySearch_content',
    'EntitySearch_data',
    'EntitySearch_docsize',
    'EntitySearch_idx',
  ],
  postgresql: ['EntitySearch'],
};

/** The engine's filter for `url`; PostgreSQL wants the tables qualified by their schema. */
function schemaFilter(url: string) {
  const dialect = dialectOf(url);
  const schema = dialect === 'postgresql' ? (postgresSettings(url).schema ?? 'public') : null;
  return {
    externalTables: EXTERNAL_TABLES[dialect].map((table) =>
      schema === null ? table : `${schema}.${table}`,
    ),
    externalEnums: [],
  };
}
let wasmReady: Promise<void> | undefined;

/**
 * The engine's imports with its timers unref'd. On PostgreSQL it races its advisory lock against
 * a ten-second timer it never clears, which would keep a finished `npm run seed` alive for ten
 * more seconds; an unref'd timer still fires while anything else is pending.
 */
function withUnrefTimers(bindings: typeof engineBindings): WebAssembly.ModuleImports {
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports as WebAssembly.ModuleImports;
}

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasmPath = join(
      projectRoot,
      'node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(engineBindings),
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

type Connection = Awaited<ReturnType<ReturnType<typeof adapterFor>['connect']>>;

/**
 * The engine replays whole migration files into the shadow database through `executeRaw`,
 * which better-sqlite3 refuses for more than one statement; such a call goes to
 * `executeScript`, which runs them all. adapter-pg's `executeScript` splits the script at every
 * semicolon, those inside a function body included; PostgreSQL's simple query protocol runs a
 * whole script as the server parses it, so the script goes there.
 */
function scriptAware(connection: Connection): Connection {
  const driver = (connection as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  if (connection.provider === 'postgres' && driver) {
    connection.executeScript = async (script) => {
      await (driver as pg.Pool).query(script);
    };
    return readsCharColumns(connection);
  }
  const executeRaw = connection.executeRaw.bind(connection);
  readsPartialIndexes(connection);
  connection.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !/more than one statement/.test(String(error))) throw error;
      await connection.executeScript(query.sql);
      return 0;
    }
  };
  return connection;
}

/** The engine's query for the definition of a SQLite index, its name written in double quotes. */
const INDEX_SQL_QUERY =
  /^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"((?:[^"]|"")*)";?$/;

/**
 * The engine reads a partial index's predicate with `… AND name = "Index_name"`: a string in
 * double quotes, which SQLite takes for a string only when built to accept that (DQS), as
 * better-sqlite3 is not ("no such column"). Describing a database with a partial index would fail,
 * and with it every diff and check of the migrations (test/db/migrations.test.ts); the name is
 * bound as a parameter instead.
 */
function readsPartialIndexes(connection: Connection): void {
  const queryRaw = connection.queryRaw.bind(connection);
  connection.queryRaw = (query) => {
    const match = query.args.length === 0 ? INDEX_SQL_QUERY.exec(query.sql.trim()) : null;
    if (!match) return queryRaw(query);
    return queryRaw({
      sql: `${match[1]}?`,
      args: [match[2]!.replaceAll('""', '"')],
      argTypes: [{ scalarType: 'string', arity: 'scalar' }],
    });
  };
}

/** A connection whose `dispose` runs once, however often the engine and we call it. */
function disposeOnce<A extends { dispose(): Promise<void> }>(connection: A): A {
  let disposed: Promise<void> | undefined;
  const dispose = connection.dispose.bind(connection);
  connection.dispose = () => {
    disposed ??= dispose();
    return disposed;
  };
  return connection;
}

/**
 * A scratch database for the engine to replay migrations into. adapter-pg's own leaves a pool
 * open and drops a database the engine may already have dropped; this one ends its pool first
 * and drops the database only if it is still there.
 */
async function postgresShadowDb(url: string) {
  const name = `prisma_shadow_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgresClient(url);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const shadowUrl = new URL(url);
  shadowUrl.pathname = `/${name}`;
  shadowUrl.searchParams.delete('schema');
  const connection = await adapterFor(shadowUrl.toString()).connect();
  const dispose = connection.dispose.bind(connection);
  connection.dispose = async () => {
    await dispose();
    const cleanup = postgresClient(url);
    await cleanup.connect();
    try {
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await cleanup.end();
    }
  };
  return connection;
}

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * The engine describes a PostgreSQL database from catalog columns of the internal type "char"
 * (relkind, contype…), which adapter-pg refuses ("Column type 'char' could not be
 * deserialized"): diffs from a migrations folder, which describe the shadow database, fail. pg
 * already reads such a value as a one-character string, so the column is reported as text. The
 * hook is adapter-pg's internal performIO, checked by the PostgreSQL migration tests.
 */
function readsCharColumns(connection: Connection): Connection {
  type Io = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;
  const queryable = connection as unknown as { performIO?: Io };
  const performIO = queryable.performIO?.bind(connection);
  if (!performIO) return connection;
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return connection;
}

async function withEngine<T>(url: string, schema: string, run: (engine: Engine) => Promise<T>) {
  await loadWasm();
  // The engine never closes the connections it opens; a second engine in the same process
  // would then wait on the first one's SQLite lock. Track them and close them ourselves.
  const factory = adapterFor(url);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked = <A extends { dispose(): Promise<void> }>(connection: A) => {
    opened.push(disposeOnce(connection));
    return connection;
  };
  const postgres = dialectOf(url) === 'postgresql';
  const tracking: typeof factory = Object.assign(Object.create(factory), {
    connect: async () => tracked(scriptAware(await factory.connect())),
    connectToShadowDb: async () =>
      tracked(scriptAware(await (postgres ? postgresShadowDb(url) : factory.connectToShadowDb()))),
  });
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}

/** migration_lock.toml as Prisma writes it: the provider a migrations folder is written for. */
export function migrationLock(dialect: Dialect): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${dialect}"\n`;
}

function readMigrations(dir: string, dialect: Dialect) {
  const lockPath = join(dir, 'migration_lock.toml');
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : migrationLock(dialect),
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: readFileSync(join(dir, name, 'migration.sql'), 'utf8'),
        },
      },
    })),
  };
}

/**
 * Applies every migration of the database's folder (prisma/migrations for a `file:` URL,
 * prisma/postgresql/migrations for a `postgresql:` one) that the database at `url` has not had
 * yet. Returns the names of the migrations it applied (none when the schema is current). On
 * PostgreSQL, processes starting together take turns (an advisory lock), so each migration is
 * applied once and the others find the schema current.
 */
export async function migrate(url: string, dir?: string): Promise<string[]> {
  const dialect = dialectOf(url);
  const migrationsList = readMigrations(dir ?? prismaPaths[dialect].migrations, dialect);
  if (await upToDate(url, migrationsList)) return [];
  const apply = async () => {
    const { appliedMigrationNames } = await withEngine(url, schemaText(dialect), (engine) =>
      engine.applyMigrations({ migrationsList, filters: schemaFilter(url) }),
    );
    return appliedMigrationNames;
  };
  return dialect === 'postgresql' ? withMigrationLock(url, apply) : apply();
}

/**
 * `migrate`, with the schema engine in a thread of its own when there is anything to apply. The
 * engine (WebAssembly) keeps 40-60 MB that a process never gets back once it has loaded it; the
 * thread ends once the migrations are applied, and its memory goes with it. The seed command
 * and the server migrate this way: seeding 10,000 documents on a new database peaked at 386 MB
 * (two runs) against 396-402 MB with the engine loaded in the seed's own thread.
 */
export async function migrateInThread(url: string, dir?: string): Promise<string[]> {
  const dialect = dialectOf(url);
  if (await upToDate(url, readMigrations(dir ?? prismaPaths[dialect].migrations, dialect))) {
    return [];
  }
  const thread = startThread(import.meta.url, './migration-thread.ts', './migration-thread.mjs', {
    url,
    dir,
  });
  return new Promise((resolve, reject) => {
    thread.once('message', (answer: { applied?: string[]; error?: string }) =>
      answer.error === undefined ? resolve(answer.applied ?? []) : reject(new Error(answer.error)),
    );
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the migration thread exited (${code})`)));
  });
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

const MIGRATION_ROWS =
  'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations';

/** The rows of _prisma_migrations, or null when they cannot be read (no table, no file yet). */
async function migrationRows(url: string): Promise<MigrationRow[] | null> {
  try {
    const path = sqlitePath(url);
    if (path !== null) {
      if (path === ':memory:' || !existsSync(path)) return null;
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(MIGRATION_ROWS).all() as MigrationRow[];
      } finally {
        db.close();
      }
    }
    const client = postgresClient(url);
    await client.connect();
    try {
      return (await client.query<MigrationRow>(MIGRATION_ROWS)).rows;
    } finally {
      await client.end();
    }
  } catch {
    return null;
  }
}

/**
 * True when every migration of the folder is recorded in the database as applied, unchanged
 * (Prisma's checksum is the SHA-256 of migration.sql), read with one query and no engine. The
 * engine takes a SQLite file for itself while it checks, so without this no seed could start
 * while a server runs on the file, nor a second server; and loading it costs a process about
 * half a second and 60 MB. Anything unexpected (no table yet, a failed or rolled-back migration,
 * an edited file, a migration the folder lacks) is left to the engine, which reports it.
 */
async function upToDate(url: string, list: ReturnType<typeof readMigrations>): Promise<boolean> {
  const rows = await migrationRows(url);
  if (rows === null) return false;
  const applied = new Map<string, string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null || row.finished_at === null) return false;
    applied.set(row.migration_name, row.checksum);
  }
  const local = list.migrationDirectories;
  if (applied.size !== local.length) return false;
  return local.every(
    ({ path, migrationFile }) =>
      applied.get(path) === createHash('sha256').update(migrationFile.content.value).digest('hex'),
  );
}

/**
 * The SQL that takes a database from the state the migrations in `dir` leave it in to the
 * schema `to`, as `prisma migrate diff --from-migrations` prints it. `url` only has to name a
 * database the engine can open (of the dialect `to` is written for); the migrations are
 * replayed in a shadow database.
 */
export async function diffFromMigrations(url: string, to: string, dir?: string) {
  const dialect = dialectOf(url);
  const result = await withEngine(url, to, (engine) =>
    engine.diff({
      from: {
        tag: 'migrations',
        ...readMigrations(dir ?? prismaPaths[dialect].migrations, dialect),
      },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      exitCode: null,
      filters: schemaFilter(url),
    }),
  );
  return result.stdout ?? '';
}
