import type { TestProject } from 'vitest/node';
import { startPostgresServer } from '../../scripts/postgres-server.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TEMPLATE_DATABASE } from './database.ts';

// One PostgreSQL server for the whole run of the postgresql project: started in a temp folder on
// a free loopback port, with a database migrated once to copy for each test database
// (CREATE DATABASE … TEMPLATE is a file copy, far cheaper than replaying the migrations), and
// stopped when the run ends.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database, as a superuser: test databases are created there. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  try {
    await migrate(server.urlOf(TEMPLATE_DATABASE));
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
