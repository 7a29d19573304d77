import { config } from '../runtime/config.ts';
import { createPrismaClient } from './client.ts';

/** The process-wide Prisma client, on the database named by DATABASE_URL. */
export const db = createPrismaClient(config.databaseUrl);
