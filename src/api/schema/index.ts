import { builder } from '../builder.ts';
import './scalars.ts';
import './entity.ts';
import './person.ts';
import './institution.ts';
import './model.ts';
import './challenge.ts';
import './document.ts';
import './affiliation.ts';
import './development.ts';
import './raised.ts';
import './mention.ts';
import './search.ts';
import './neighbors.ts';
import './path.ts';
import './connections.ts';
import './extract-preview.ts';
import './curation.ts';
import './curation-log.ts';
import './ingest.ts';
import './graph-changed.ts';

/** The GraphQL schema of the knowledge graph, built once from the modules above. */
export const schema = builder.toSchema();
