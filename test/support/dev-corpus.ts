import { resolve } from 'node:path';

/**
 * The annotated development corpus: the project's own eight documents and their gold
 * annotations, committed under test/fixtures/dev so that a clone tests with nothing beside it.
 */
export const DEV_CORPUS = resolve(import.meta.dirname, '../fixtures/dev');
