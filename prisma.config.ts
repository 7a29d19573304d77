import { defineConfig } from 'prisma/config';

// Migrations are applied by src/db/migrate.ts through Prisma's wasm schema engine, because the
// CLI's native engine cannot be downloaded on offline machines; the CLI only runs `generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/kg.db' },
});
