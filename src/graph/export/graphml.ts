import type { Db } from '../../db/client.ts';
import {
  allEntityPages,
  allRelationPages,
  type ExportEntity,
  nodeId,
  PAGE_SIZE,
} from './read-graph.ts';

// GraphML (http://graphml.graphdrawing.org), as Gephi, yEd, NetworkX and graphology read it.
// Written by hand, element by element: the libraries that write GraphML (graphology-graphml,
// xml-writer) build the whole graph or document in memory first, which a streamed export must not.

const NODE_KEYS = [
  ['kind', 'string'],
  ['name', 'string'],
  ['label', 'string'],
  ['aliases', 'string'],
  ['key', 'string'],
  ['category', 'string'],
  ['parameters', 'string'],
  ['releasedAt', 'string'],
  ['confidence', 'double'],
  ['basis', 'string'],
] as const;
const EDGE_KEYS = [
  ['type', 'string'],
  ['role', 'string'],
  ['evidence', 'int'],
  ['edgeConfidence', 'double'],
  ['edgeBasis', 'string'],
] as const;

// Characters XML 1.0 does not allow at all (control characters but tab, newline, return).
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const data = (key: string, value: string | number | null | undefined) =>
  value === null || value === undefined || value === ''
    ? ''
    : `<data key="${key}">${xmlEscape(String(value))}</data>`;

function node(entity: ExportEntity): string {
  return `    <node id="${xmlEscape(nodeId(entity.kind, entity.id))}">${[
    data('kind', entity.kind),
    data('name', entity.name),
    // Gephi shows `label` on the node.
    data('label', entity.name),
    data('aliases', entity.aliases.join('|')),
    data('key', entity.key),
    data('category', entity.category),
    data('parameters', entity.parameters),
    data('releasedAt', entity.releasedAt),
    data('confidence', entity.confidence),
    data('basis', entity.basis),
  ].join('')}</node>\n`;
}

/** The graph as GraphML, in chunks: a page of nodes or edges each. */
export async function* graphml(db: Db, size = PAGE_SIZE): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const [name, type] of NODE_KEYS) {
    yield `  <key id="${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`;
  }
  for (const [name, type] of EDGE_KEYS) {
    yield `  <key id="${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`;
  }
  yield '  <graph id="kg-finance" edgedefault="directed">\n';
  for await (const page of allEntityPages(db, size)) yield page.map(node).join('');
  for await (const page of allRelationPages(db, size)) {
    yield page
      .map(
        (r) =>
          `    <edge id="${r.id}" source="${xmlEscape(r.source)}" target="${xmlEscape(r.target)}">${[
            data('type', r.type),
            data('role', r.role),
            data('evidence', r.evidence),
            data('edgeConfidence', r.confidence),
            data('edgeBasis', r.basis),
          ].join('')}</edge>\n`,
      )
      .join('');
  }
  yield '  </graph>\n</graphml>\n';
}
