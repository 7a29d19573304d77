import type { Db } from '../../db/client.ts';
import {
  allEntityPages,
  allRelationPages,
  ENTITY_EVIDENCE,
  evidenceOf,
  nodeId,
  PAGE_SIZE,
  RELATION_EVIDENCE,
  rowId,
} from './read-graph.ts';

// JSON lines: one entity or relation per line, with every statement that supports it (document,
// sentence, offsets in the document's text), for pandas (read_json(lines=True)) and pipelines.
//   {"record":"entity","id":"Person:3","kind":"PERSON","name":…,"evidence":[{"document":…}]}
//   {"record":"relation","id":"Affiliation:5","type":"AFFILIATION","source":"Person:3",…}

/** The graph as JSON lines, a page of lines per chunk. */
export async function* jsonl(db: Db, size = PAGE_SIZE): AsyncGenerator<string> {
  for await (const page of allEntityPages(db, size)) {
    const kind = page[0]!.kind;
    const evidence = await evidenceOf(
      db,
      ENTITY_EVIDENCE[kind],
      page.map((e) => e.id),
    );
    yield page
      .map(({ id, ...entity }) => {
        const record = { record: 'entity', id: nodeId(entity.kind, id), ...entity };
        return `${JSON.stringify({ ...record, evidence: evidence.get(id) ?? [] })}\n`;
      })
      .join('');
  }
  for await (const page of allRelationPages(db, size)) {
    const evidence = await evidenceOf(
      db,
      RELATION_EVIDENCE[page[0]!.type],
      page.map((r) => rowId(r.id)),
    );
    yield page
      .map(
        (relation) =>
          `${JSON.stringify({
            record: 'relation',
            ...relation,
            evidence: evidence.get(rowId(relation.id)) ?? [],
          })}\n`,
      )
      .join('');
  }
}
