import { resolve } from 'node:path';

/**
 * The annotated development corpus. It lives in ../shared beside the project (in CI too: a
 * copy of shared/ is laid beside the clone), never at a fixed absolute path.
 */
export const DEV_CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/dev');
