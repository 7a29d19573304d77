import {
  type GraphQLField,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/api/schema/index.ts';

// The schema as a frontend developer reads it, walked whole: a new element without a
// description, a new list that grows with the corpus without paging, or a new String field
// fails here until it is described, paged or classified.

const ownTypes = Object.values(schema.getTypeMap()).filter(
  (type) => !type.name.startsWith('__') && !isBuiltInScalar(type),
);

function isBuiltInScalar(type: GraphQLNamedType) {
  return isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name);
}

function outputFields() {
  return ownTypes.flatMap((type) =>
    isObjectType(type) || isInterfaceType(type)
      ? Object.values(type.getFields()).map((field) => ({ type, field }))
      : [],
  );
}

const coordinate = (type: GraphQLNamedType, field: GraphQLField<unknown, unknown>) =>
  `${type.name}.${field.name}`;

/**
 * Lists that stay plain lists, and why: each is bounded by one entity's or one document's own
 * facts, or by the limits of a graph walk (neighbors, path, connections: GRAPH_ROW_LIMIT).
 */
const BOUNDED_LISTS: Record<string, string> = {
  'Person.affiliations': 'the roles of one person',
  'Person.challenges': 'the challenges one person raised (a fixed taxonomy)',
  'Person.raised': 'the same, with evidence',
  'Model.versions': 'the versions of one model',
  'Model.developers': 'the developers of one model',
  'Model.developments': 'the same, with evidence',
  'Document.people': 'the people one document names',
  'Document.institutions': 'the institutions one document names',
  'Document.models': 'the models one document names',
  'Document.challenges': 'the challenges one document names',
  'Document.entities': 'the entities one document names',
  'GraphEdge.documents': 'the documents of at most EVIDENCE_PER_EDGE mentions',
  'GraphEdge.evidence': 'at most EVIDENCE_PER_EDGE mentions',
  'Connections.direct': 'the edges between two entities',
  'Connections.documents': 'bounded by the walk’s row limit',
  'Connections.shared': 'bounded by the walk’s row limit',
  'SharedEntity.edges': 'the edges between three entities',
  'Neighborhood.nodes': 'at most `first` (100) nodes',
  'Neighborhood.edges': 'the edges among at most 100 nodes',
  'PathResult.paths': 'at most MAX_PATHS paths',
  'Path.nodes': 'at most MAX_PATH_DEPTH + 1 nodes',
  'Path.steps': 'at most MAX_PATH_DEPTH steps',
  'PathStep.edges': 'the edges between two entities',
  'ExtractionPreview.entities': 'what one text of at most 200,000 characters names',
  'ExtractionPreview.relations': 'the same',
  'PreviewEntity.evidence': 'the same',
  'Query.nodes': 'as many as the IDs asked for',
  'Curation.subjects': 'the two or three entities one curation names',
  'IngestJob.documents': 'the sources of one ingest job',
};

/** String fields whose values are free text (names, titles, sentences), not one of a set. */
const FREE_TEXT = new Set([
  'Entity.name',
  'Entity.aliases',
  'Person.name',
  'Person.aliases',
  'Institution.name',
  'Institution.aliases',
  'Model.name',
  'Model.aliases',
  'Model.parameters',
  'Model.releasedAt',
  'ModelVersion.version',
  'ModelVersion.parameters',
  'ModelVersion.releasedAt',
  'Challenge.name',
  'Challenge.aliases',
  'Challenge.key',
  'Challenge.label',
  'Challenge.description',
  'Affiliation.role',
  'Document.source',
  'Document.title',
  'Document.publisher',
  'Document.editor',
  'Document.encoding',
  'Document.text',
  'Mention.surface',
  'Mention.snippet',
  'GraphEdge.role',
  'SearchEdge.matchedName',
  'ExtractionPreview.title',
  'ExtractionPreview.publishedAt',
  'ExtractionPreview.publisher',
  'ExtractionPreview.text',
  'PreviewEntity.ref',
  'PreviewEntity.name',
  'PreviewEntity.names',
  'PreviewRelation.from',
  'PreviewRelation.to',
  'PreviewRelation.role',
  'PreviewEvidence.text',
  'PreviewEvidence.sentence',
  'Curation.summary',
  'Curation.change',
  'Curation.curator',
  'Curation.reason',
  'Curation.problem',
  'Curation.undoneBy',
  'CurationSubject.key',
  'IngestDocument.source',
  'IngestDocument.title',
  'IngestDocument.error',
  'IngestJob.urls',
  'IngestJob.error',
  // The name of the evidence behind a finding: a key of the extraction's evidence table
  // (src/extract/data/evidence.json), which grows and changes with the rules, while rows stored
  // by an earlier extraction keep the name they were stored with. An enum would break on those.
  ...['Entity', 'Person', 'Institution', 'Model', 'Challenge', 'Mention'].map((t) => `${t}.basis`),
  ...['Affiliation', 'Development', 'Raised'].map((t) => `${t}.basis`),
  ...['PreviewEntity', 'PreviewRelation'].map((t) => `${t}.basis`),
]);

describe('the schema a frontend reads', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(coordinate(type, field));
          for (const arg of field.args) {
            if (!arg.description) missing.push(`${coordinate(type, field)}(${arg.name}:)`);
          }
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('pages every list of objects that grows with the corpus', () => {
    const unpaged = outputFields()
      .filter(({ field }) => {
        const type = getNullableType(field.type);
        return (
          isListType(type) &&
          !isBuiltInScalar(getNamedType(type)) &&
          !isEnumType(getNamedType(type))
        );
      })
      .map(({ type, field }) => coordinate(type, field))
      .filter((name) => !(name in BOUNDED_LISTS) && !/Connection\.edges$/.test(name));
    expect(unpaged).toEqual([]);
  });

  it('answers the lists the issue names as connections with totalCount and pageInfo', () => {
    const connections = [
      'Institution.people',
      'Institution.affiliations',
      'Institution.models',
      'Institution.documents',
      'Challenge.people',
      'Challenge.raised',
      'Challenge.documents',
      'Model.documents',
      'Person.documents',
    ];
    for (const name of connections) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const connection = getNamedType(type.getFields()[fieldName]!.type);
      expect(isObjectType(connection), name).toBe(true);
      if (!isObjectType(connection)) continue;
      expect(Object.keys(connection.getFields()), name).toEqual(
        expect.arrayContaining(['edges', 'pageInfo', 'totalCount']),
      );
      expect(
        type.getFields()[fieldName]!.args.map((arg) => arg.name),
        name,
      ).toEqual(expect.arrayContaining(['first', 'after']));
    }
  });

  it('returns an enum, not a String, wherever the values form a known set', () => {
    const strings = outputFields()
      .filter(({ field }) => getNamedType(field.type).name === 'String')
      .map(({ type, field }) => coordinate(type, field))
      // Cursors are opaque text.
      .filter((name) => !FREE_TEXT.has(name) && !/Edge\.cursor$|^PageInfo\./.test(name));
    expect(strings).toEqual([]);
    const enumOf = (name: string) => {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = schema.getType(typeName);
      return isObjectType(type) ? getNamedType(type.getFields()[fieldName]!.type).name : null;
    };
    expect(enumOf('Mention.kind')).toBe('MentionKind');
    expect(enumOf('Document.format')).toBe('DocumentFormat');
    expect(enumOf('Institution.category')).toBe('InstitutionCategory');
    expect(enumOf('PreviewEntity.kind')).toBe('EntityKind');
    expect(enumOf('PreviewRelation.type')).toBe('EdgeType');
  });
});
