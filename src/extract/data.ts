// Every data file of the extraction (./data), checked against its JSON Schema when this module
// loads on a process's main thread, before any extraction uses them. Extraction code imports its
// data from here, never the JSON directly, so nothing reads a file that was not checked. The seed
// and the server load this module at start-up (src/seed/seed.ts, src/server.ts), so a broken file
// stops them there; their worker threads (the seed's extraction workers) read the same files and
// skip the check, which costs a thread ~0.2 s of CPU (Ajv's load and schema compilation). A new
// data file gets a schema and a line here (test/extract/data-files.test.ts fails without them).
import { isMainThread } from 'node:worker_threads';
import challengesData from './data/challenges.json' with { type: 'json' };
import evidenceData from './data/evidence.json' with { type: 'json' };
import institutionsData from './data/institutions.json' with { type: 'json' };
import knownInstitutionsData from './data/known-institutions.json' with { type: 'json' };
import modelsData from './data/models.json' with { type: 'json' };
import rolesData from './data/roles.json' with { type: 'json' };
import challengesSchema from './data/schemas/challenges.schema.json' with { type: 'json' };
import evidenceSchema from './data/schemas/evidence.schema.json' with { type: 'json' };
import institutionsSchema from './data/schemas/institutions.schema.json' with { type: 'json' };
import knownInstitutionsSchema from './data/schemas/known-institutions.schema.json' with {
  type: 'json',
};
import modelsSchema from './data/schemas/models.schema.json' with { type: 'json' };
import rolesSchema from './data/schemas/roles.schema.json' with { type: 'json' };
import speechSchema from './data/schemas/speech.schema.json' with { type: 'json' };
import surnamesSchema from './data/schemas/surnames.schema.json' with { type: 'json' };
import speechData from './data/speech.json' with { type: 'json' };
import surnamesData from './data/surnames.json' with { type: 'json' };
import { checkDataFiles, type DataFiles } from './data-check.ts';

/** Each data file with its schema, by file name. */
export const DATA_FILES: DataFiles = {
  'challenges.json': { data: challengesData, schema: challengesSchema },
  'evidence.json': { data: evidenceData, schema: evidenceSchema },
  'institutions.json': { data: institutionsData, schema: institutionsSchema },
  'known-institutions.json': { data: knownInstitutionsData, schema: knownInstitutionsSchema },
  'models.json': { data: modelsData, schema: modelsSchema },
  'roles.json': { data: rolesData, schema: rolesSchema },
  'speech.json': { data: speechData, schema: speechSchema },
  'surnames.json': { data: surnamesData, schema: surnamesSchema },
};

if (isMainThread) checkDataFiles(DATA_FILES);

export {
  challengesData,
  evidenceData,
  institutionsData,
  knownInstitutionsData,
  modelsData,
  rolesData,
  speechData,
  surnamesData,
};
