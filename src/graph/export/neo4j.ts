import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import type { EntityKind } from '../../domain/entities.ts';

import {
  type ExportEntity,
  entityPages,
  KINDS,
  nodeId,
  PAGE_SIZE,
  RELATION_TYPES,
  type RelationType,
  relationPages,
  TYPE_OF_KIND,
} from './read-graph.ts';

// CSV files for `neo4j-admin database import full`: one file of nodes per label (header
// id:ID,…,:LABEL) and one of relationships per type (:START_ID,:END_ID,:TYPE,…), ids shared by
// all files (Person:12), lists (aliases, versions) joined by ';', neo4j-admin's array delimiter.
// A README.txt holds the import command. Several files: written to a folder by the command line,
// sent as a zip by the HTTP route (src/graph/export/export.ts).

export interface ExportFile {
  name: string;
  chunks: () => AsyncGenerator<string>;
}

const HEADERS: Record<EntityKind, string[]> = {
  PERSON: ['id:ID', 'name', 'key', 'aliases:string[]', 'confidence:float', 'basis', ':LABEL'],
  INSTITUTION: [
    'id:ID',
    'name',
    'key',
    'aliases:string[]',
    'confidence:float',
    'basis',
    'category',
    ':LABEL',
  ],
  MODEL: [
    'id:ID',
    'name',
    'key',
    'aliases:string[]',
    'confidence:float',
    'basis',
    'parameters',
    'releasedAt',
    'versions:string[]',
    ':LABEL',
  ],
  CHALLENGE: [
    'id:ID',
    'name',
    'key',
    'aliases:string[]',
    'confidence:float',
    'basis',
    'label',
    'description',
    ':LABEL',
  ],
};

const RELATIONSHIP_HEADER = [
  ':START_ID',
  ':END_ID',
  ':TYPE',
  'role',
  'evidence:int',
  'confidence:float',
  'basis',
];

/** Labels: the entity's type and Entity, which all four share. */
const label = (kind: EntityKind) => `${TYPE_OF_KIND[kind]};Entity`;
const list = (values: string[] = []) => values.map((v) => v.replaceAll(';', ',')).join(';');

function row(entity: ExportEntity): (string | number | null)[] {
  const common = [
    nodeId(entity.kind, entity.id),
    entity.name,
    entity.key,
    list(entity.aliases),
    entity.confidence,
    entity.basis,
  ];
  switch (entity.kind) {
    case 'PERSON':
      return [...common, label(entity.kind)];
    case 'INSTITUTION':
      return [...common, entity.category ?? '', label(entity.kind)];
    case 'MODEL':
      return [
        ...common,
        entity.parameters ?? '',
        entity.releasedAt ?? '',
        list(entity.versions),
        label(entity.kind),
      ];
    case 'CHALLENGE':
      return [...common, entity.label ?? '', entity.description ?? '', label(entity.kind)];
  }
}

const FILE_OF_TYPE: Record<RelationType, string> = {
  AFFILIATION: 'affiliation.csv',
  DEVELOPER: 'developer.csv',
  RAISED: 'raised.csv',
};

const nodeFile = (kind: EntityKind) => `${TYPE_OF_KIND[kind].toLowerCase()}.csv`;

function readme(): string {
  const nodes = KINDS.map((k) => `--nodes=${nodeFile(k)}`).join(' ');
  const relationships = RELATION_TYPES.map((t) => `--relationships=${FILE_OF_TYPE[t]}`).join(' ');
  return [
    'kg-finance graph for Neo4j. From this folder, with the database stopped:',
    '',
    `  neo4j-admin database import full neo4j --array-delimiter=";" ${nodes} ${relationships}`,
    '',
    "Node ids (Person:12) are the API's global IDs, decoded.",
    '',
  ].join('\n');
}

/** The files of a Neo4j bulk import, each written page by page when read. */
export function neo4jFiles(db: Db, size = PAGE_SIZE): ExportFile[] {
  const nodes = KINDS.map((kind) => ({
    name: nodeFile(kind),
    async *chunks() {
      yield stringify([HEADERS[kind]]);
      for await (const page of entityPages(db, kind, size)) yield stringify(page.map(row));
    },
  }));
  const relationships = RELATION_TYPES.map((type) => ({
    name: FILE_OF_TYPE[type],
    async *chunks() {
      yield stringify([RELATIONSHIP_HEADER]);
      for await (const page of relationPages(db, type, {}, size)) {
        yield stringify(
          page.map((r) => [
            r.source,
            r.target,
            r.type,
            r.role ?? '',
            r.evidence,
            r.confidence,
            r.basis,
          ]),
        );
      }
    },
  }));
  return [
    ...nodes,
    ...relationships,
    {
      name: 'README.txt',
      async *chunks() {
        yield readme();
      },
    },
  ];
}
