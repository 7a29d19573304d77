import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { adapterFor } from './client.ts';

// Prisma's CLI runs a native schema engine that it downloads on first use, which offline
// machines cannot do. The same engine ships as WebAssembly on npm; driven through a driver
// adapter it applies `prisma/migrations` exactly as `prisma migrate deploy` would, recording
// them in `_prisma_migrations`, so users elsewhere can still use the CLI on the same folder.

const projectRoot = resolve(import.meta.dirname, '../..');
export const migrationsDir = join(projectRoot, 'prisma/migrations');
export const schemaFile = join(projectRoot, 'prisma/schema.prisma');

type Engine = Awaited<ReturnType<typeof engineBindings.SchemaEngine.new>>;
// Tables the migrations create by hand (the FTS5 search index and its shadow tables): the
// engine must neither diff them away nor expect them in schema.prisma.
const EXTERNAL_TABLES = [
  'EntitySearch',
  'EntitySearch_config',
  'EntitySearch_content',
  'EntitySearch_data',
  'EntitySearch_docsize',
  'EntitySearch_idx',
];
const schemaFilter = { externalTables: EXTERNAL_TABLES, externalEnums: [] };
let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasmPath = join(
      projectRoot,
      'node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
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
 * `executeScript`, which runs them all.
 */
function scriptAware(connection: Connection): Connection {
  const executeRaw = connection.executeRaw.bind(connection);
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

async function withEngine<T>(url: string, schema: string, run: (engine: Engine) => Promise<T>) {
  await loadWasm();
  // The engine never closes the connections it opens; a second engine in the same process
  // would then wait on the first one's SQLite lock. Track them and close them ourselves.
  const factory = adapterFor(url);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked = <A extends { dispose(): Promise<void> }>(connection: A) => {
    opened.push(connection);
    return connection;
  };
  const tracking: typeof factory = Object.assign(Object.create(factory), {
    connect: async () => tracked(await factory.connect()),
    connectToShadowDb: async () => tracked(scriptAware(await factory.connectToShadowDb())),
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

function readMigrations(dir: string) {
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
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
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
 * Applies every migration in `prisma/migrations` that the database at `url` has not had yet.
 * Returns the names of the migrations it applied (none when the schema is current).
 */
export async function migrate(url: string, dir = migrationsDir): Promise<string[]> {
  const schema = readFileSync(schemaFile, 'utf8');
  const { appliedMigrationNames } = await withEngine(url, schema, (engine) =>
    engine.applyMigrations({ migrationsList: readMigrations(dir), filters: schemaFilter }),
  );
  return appliedMigrationNames;
}

/**
 * The SQL that takes a database from the state the migrations in `dir` leave it in to the
 * schema `to`, as `prisma migrate diff --from-migrations` prints it. `url` only has to name a
 * database the engine can open; the migrations are replayed in a shadow database.
 */
export async function diffFromMigrations(url: string, to: string, dir = migrationsDir) {
  const result = await withEngine(url, to, (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...readMigrations(dir) },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      exitCode: null,
      filters: schemaFilter,
    }),
  );
  return result.stdout ?? '';
}
