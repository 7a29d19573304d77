import { resolve } from 'node:path';

/** Runtime settings, read once from the environment. */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  production: boolean;
  seedDir: string;
  /** Cache whole responses until the data changes (src/api/response-cache.ts); RESPONSE_CACHE=off. */
  responseCache: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    databaseUrl: env.DATABASE_URL || `file:${resolve('data/kg.db')}`,
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '0.0.0.0',
    production,
    seedDir: env.SEED_DIR ?? resolve('seeds'),
    responseCache: env.RESPONSE_CACHE !== 'off',
  };
}

export const config = loadConfig();
