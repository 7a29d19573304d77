import type { Db } from '../../db/client.ts';
import type { EntityKind } from '../../domain/entities.ts';

import {
  type ExportEntity,
  type ExportRelation,
  entityPages,
  KINDS,
  nodeId,
  PAGE_SIZE,
  relationPages,
} from './read-graph.ts';

// JSON-LD with schema.org's vocabulary: people are Person, institutions Organization, models
// SoftwareApplication, challenges DefinedTerm. An affiliation is schema.org's role pattern, a
// Person worksFor an OrganizationRole that names the roleName and worksFor the Organization; a
// model's developers are its creator; a challenge a person raised is kg:raised. Every node's
// @id is urn:kg-finance:<Type>:<id> (the API's global ID, decoded). The context is in the export
// itself, so it expands offline, and served alone at /export/context.jsonld.

export const JSONLD_CONTEXT = {
  '@vocab': 'https://schema.org/',
  kg: 'urn:kg-finance:',
  alternateName: { '@container': '@set' },
  worksFor: { '@type': '@id', '@container': '@set' },
  creator: { '@type': '@id', '@container': '@set' },
  raised: { '@id': 'kg:raised', '@type': '@id', '@container': '@set' },
  category: { '@id': 'kg:category' },
  key: { '@id': 'kg:key' },
  evidenceCount: { '@id': 'kg:evidenceCount' },
  confidence: { '@id': 'kg:confidence', '@type': 'http://www.w3.org/2001/XMLSchema#double' },
  basis: { '@id': 'kg:basis' },
  parameters: { '@id': 'kg:parameters' },
};

const TYPE: Record<EntityKind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Organization',
  MODEL: 'SoftwareApplication',
  CHALLENGE: 'DefinedTerm',
};

const iri = (id: string) => `kg:${id}`;

function groupBySource(relations: ExportRelation[], end: 'source' | 'target') {
  const groups = new Map<string, ExportRelation[]>();
  for (const r of relations) {
    const list = groups.get(r[end]) ?? [];
    list.push(r);
    groups.set(r[end], list);
  }
  return groups;
}

async function allOf(pages: AsyncGenerator<ExportRelation[]>): Promise<ExportRelation[]> {
  const all: ExportRelation[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** The relations that hang from a page of entities, as JSON-LD properties of each. */
async function linksOf(db: Db, kind: EntityKind, ids: number[]) {
  const links = new Map<string, Record<string, unknown>>();
  const add = (id: string, property: string, value: unknown) => {
    const node = links.get(id) ?? {};
    node[property] = [...((node[property] as unknown[]) ?? []), value];
    links.set(id, node);
  };
  if (kind === 'PERSON') {
    const where = { personId: { in: ids } };
    for (const [person, list] of groupBySource(
      await allOf(relationPages(db, 'AFFILIATION', where)),
      'source',
    )) {
      for (const r of list) {
        add(person, 'worksFor', {
          '@id': iri(r.id),
          '@type': 'OrganizationRole',
          roleName: r.role,
          worksFor: [iri(r.target)],
          evidenceCount: r.evidence,
          confidence: r.confidence,
          basis: r.basis,
        });
      }
    }
    for (const [person, list] of groupBySource(
      await allOf(relationPages(db, 'RAISED', where)),
      'source',
    )) {
      for (const r of list) add(person, 'raised', iri(r.target));
    }
  }
  if (kind === 'MODEL') {
    const developed = await allOf(relationPages(db, 'DEVELOPER', { modelId: { in: ids } }));
    for (const [model, list] of groupBySource(developed, 'target')) {
      for (const r of list) add(model, 'creator', iri(r.source));
    }
  }
  return links;
}

function node(entity: ExportEntity, links: Record<string, unknown> | undefined) {
  return {
    '@id': iri(nodeId(entity.kind, entity.id)),
    '@type': TYPE[entity.kind],
    name: entity.name,
    ...(entity.aliases.length > 0 ? { alternateName: entity.aliases } : {}),
    key: entity.key,
    confidence: entity.confidence,
    basis: entity.basis,
    ...(entity.category ? { category: entity.category } : {}),
    ...(entity.kind === 'MODEL'
      ? {
          ...(entity.versions?.length ? { softwareVersion: entity.versions } : {}),
          ...(entity.parameters ? { parameters: entity.parameters } : {}),
          ...(entity.releasedAt ? { datePublished: entity.releasedAt } : {}),
        }
      : {}),
    ...(entity.kind === 'CHALLENGE'
      ? {
          termCode: entity.key,
          alternateName: [entity.label, ...entity.aliases],
          description: entity.description,
        }
      : {}),
    ...links,
  };
}

/** The graph as one JSON-LD document, a page of nodes per chunk. */
export async function* jsonld(db: Db, size = PAGE_SIZE): AsyncGenerator<string> {
  yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[\n`;
  let first = true;
  for (const kind of KINDS) {
    for await (const page of entityPages(db, kind, size)) {
      const links = await linksOf(
        db,
        kind,
        page.map((e) => e.id),
      );
      const lines = page.map((e) => JSON.stringify(node(e, links.get(nodeId(e.kind, e.id)))));
      yield `${first ? '' : ',\n'}${lines.join(',\n')}`;
      first = false;
    }
  }
  yield '\n]}\n';
}
