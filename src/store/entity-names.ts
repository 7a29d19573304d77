import type { EntityKind } from '../domain/entities.ts';
import { toSimplified } from '../domain/normalize.ts';
import type { Prisma } from '../generated/prisma/client.ts';

// An entity's `name` and `aliases` are derived from the Name rows of the documents that name it,
// never stored from one document, so that seeding documents in any order gives the same graph.

/** A distinct name of an entity, with how many Name rows use it and whether any is strong. */
export interface NameUse {
  name: string;
  strong: boolean;
  count: number;
}

export interface DerivedNames {
  name: string;
  aliases: string[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const length = (s: string) => [...s].length;

type Order = (a: NameUse, b: NameUse) => number;
const longest: Order = (a, b) => length(b.name) - length(a.name);
const shortest: Order = (a, b) => length(a.name) - length(b.name);
const mostUsed: Order = (a, b) => b.count - a.count;

// Which name is canonical, per kind: the full legal name for institutions, the name most texts
// use for people, the base name without a version for models. Strong names always come first.
const preferences: Record<Exclude<EntityKind, 'CHALLENGE'>, Order[]> = {
  INSTITUTION: [longest, mostUsed],
  PERSON: [mostUsed, longest],
  MODEL: [shortest, mostUsed],
};

/** Merges uses of the same name (strong in one document, weak in another counts as strong). */
function distinctUses(uses: NameUse[]): NameUse[] {
  const merged = new Map<string, NameUse>();
  for (const use of uses) {
    const held = merged.get(use.name);
    if (held)
      merged.set(use.name, {
        ...held,
        strong: held.strong || use.strong,
        count: held.count + use.count,
      });
    else merged.set(use.name, { ...use });
  }
  return [...merged.values()];
}

/**
 * The canonical name and sorted aliases of an entity from the names documents use for it.
 * Challenges take their taxonomy name; ties fall back to code-point order, never to row order.
 */
export function deriveNames(
  kind: EntityKind,
  uses: NameUse[],
  taxonomyName?: string,
): DerivedNames {
  const distinct = distinctUses(uses);
  let name: string;
  if (kind === 'CHALLENGE' && taxonomyName) {
    name = taxonomyName;
  } else {
    const orders = preferences[kind === 'CHALLENGE' ? 'PERSON' : kind];
    const ranked = [...distinct].sort((a, b) => {
      if (a.strong !== b.strong) return a.strong ? -1 : 1;
      for (const order of orders) {
        const d = order(a, b);
        if (d !== 0) return d;
      }
      return byCodePoint(a.name, b.name);
    });
    name = ranked[0]?.name ?? '';
  }
  // A name written in traditional characters also answers to its simplified form (瀚海數碼銀行
  // is 瀚海数码银行), so a search or a reader using either finds the entity.
  const written = distinct.map((u) => u.name);
  const simplified = [name, ...written].map(toSimplified);
  const aliases = [...new Set([...written, ...simplified])]
    .filter((n) => n !== name)
    .sort(byCodePoint);
  return { name, aliases };
}

type Tx = Prisma.TransactionClient;
type Current = { id: number; name: string; aliases: string };
type Use = NameUse & { id: number };

/** Each kind's Name rows grouped by entity, and its current names, read in two queries. */
const readers: Record<EntityKind, (tx: Tx, ids: number[]) => Promise<[Use[], Current[]]>> = {
  PERSON: async (tx, ids) => [
    (
      await tx.name.groupBy({
        by: ['personId', 'name', 'strong'],
        where: { personId: { in: ids } },
        _count: { _all: true },
      })
    ).map((g) => ({ id: g.personId!, name: g.name, strong: g.strong, count: g._count._all })),
    await tx.person.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, aliases: true },
    }),
  ],
  INSTITUTION: async (tx, ids) => [
    (
      await tx.name.groupBy({
        by: ['institutionId', 'name', 'strong'],
        where: { institutionId: { in: ids } },
        _count: { _all: true },
      })
    ).map((g) => ({ id: g.institutionId!, name: g.name, strong: g.strong, count: g._count._all })),
    await tx.institution.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, aliases: true },
    }),
  ],
  MODEL: async (tx, ids) => [
    (
      await tx.name.groupBy({
        by: ['modelId', 'name', 'strong'],
        where: { modelId: { in: ids } },
        _count: { _all: true },
      })
    ).map((g) => ({ id: g.modelId!, name: g.name, strong: g.strong, count: g._count._all })),
    await tx.model.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, aliases: true },
    }),
  ],
  CHALLENGE: async (tx, ids) => [
    (
      await tx.name.groupBy({
        by: ['challengeId', 'name', 'strong'],
        where: { challengeId: { in: ids } },
        _count: { _all: true },
      })
    ).map((g) => ({ id: g.challengeId!, name: g.name, strong: g.strong, count: g._count._all })),
    await tx.challenge.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, aliases: true },
    }),
  ],
};

function write(tx: Tx, kind: EntityKind, id: number, data: { name: string; aliases: string }) {
  switch (kind) {
    case 'PERSON':
      return tx.person.update({ where: { id }, data });
    case 'INSTITUTION':
      return tx.institution.update({ where: { id }, data });
    case 'MODEL':
      return tx.model.update({ where: { id }, data });
    case 'CHALLENGE':
      return tx.challenge.update({ where: { id }, data });
  }
}

/**
 * Recomputes `name` and `aliases` of the given entities from their Name rows and writes those
 * that changed. Returns how many were written. Entities without any Name row are left alone
 * (gc removes them).
 */
export async function refreshNames(
  tx: Tx,
  kind: EntityKind,
  ids: Iterable<number>,
): Promise<number> {
  const list = [...new Set(ids)];
  if (list.length === 0) return 0;
  const [uses, current] = await readers[kind](tx, list);
  const usesById = new Map<number, NameUse[]>();
  for (const use of uses) {
    const entry = usesById.get(use.id);
    if (entry) entry.push(use);
    else usesById.set(use.id, [use]);
  }
  let written = 0;
  for (const entity of current) {
    const entityUses = usesById.get(entity.id);
    if (!entityUses) continue;
    // A challenge's name is its taxonomy name, written by persist; only its aliases derive.
    const derived = deriveNames(kind, entityUses, kind === 'CHALLENGE' ? entity.name : undefined);
    const aliases = JSON.stringify(derived.aliases);
    if (derived.name !== entity.name || aliases !== entity.aliases) {
      await write(tx, kind, entity.id, { name: derived.name, aliases });
      written++;
    }
  }
  return written;
}
