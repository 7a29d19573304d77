import Database from 'better-sqlite3';
import { Random } from '../corpus/random.ts';

// The arguments each operation rotates through, read from the seeded database and drawn with a
// seeded shuffle: the same database gives the same lists. Every list holds distinct values, so
// a run never repeats one request over and over.

export type Kind = 'PERSON' | 'INSTITUTION' | 'MODEL' | 'CHALLENGE';
export interface EntityRef {
  kind: Kind;
  id: number;
}

export interface Arguments {
  /** Person ids to page after (a) — the page starts right after each. */
  pageAfter: number[];
  /** People with at least one affiliation (b). */
  affiliated: number[];
  /** Search queries (c): whole names, prefixes and parts of names, of every kind. */
  searchTerms: string[];
  /** Centres of neighbourhoods (d). */
  centers: EntityRef[];
  /** Pairs of entities to connect (e). */
  pairs: [EntityRef, EntityRef][];
}

const TABLE: Record<Kind, string> = {
  PERSON: 'Person',
  INSTITUTION: 'Institution',
  MODEL: 'Model',
  CHALLENGE: 'Challenge',
};

function shuffled<T>(list: readonly T[], random: Random): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `count` items spread evenly over `list` (all of them when it is shorter). */
function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]!);
}

const keyOf = (ref: EntityRef) => `${ref.kind}:${ref.id}`;

/** The stated relations the benchmark walks (see RELATION_TYPES), as adjacency lists. */
function relations(db: Database.Database) {
  const graph = new Map<string, EntityRef[]>();
  const link = (a: EntityRef, b: EntityRef) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = graph.get(keyOf(from));
      if (list) list.push(to);
      else graph.set(keyOf(from), [to]);
    }
  };
  for (const row of db.prepare('SELECT personId, institutionId FROM "Affiliation"').all() as {
    personId: number;
    institutionId: number;
  }[]) {
    link({ kind: 'PERSON', id: row.personId }, { kind: 'INSTITUTION', id: row.institutionId });
  }
  for (const row of db.prepare('SELECT institutionId, modelId FROM "Development"').all() as {
    institutionId: number;
    modelId: number;
  }[]) {
    link({ kind: 'INSTITUTION', id: row.institutionId }, { kind: 'MODEL', id: row.modelId });
  }
  return graph;
}

/**
 * Reads up to `count` distinct arguments per operation from the SQLite file at `path` to measure
 * with, and as many others to warm the servers up with: warming up on the measured arguments
 * would fill a response cache before the measurement, which then never meets a first request.
 */
export function pickArguments(
  path: string,
  count: number,
  seed = 'bench-arguments',
): { measured: Arguments; warmup: Arguments } {
  const both = drawArguments(path, count * 2, seed);
  const split = <T>(list: T[]): [T[], T[]] => {
    const measured = list.filter((_, i) => i % 2 === 0).slice(0, count);
    const rest = list.filter((_, i) => i % 2 === 1);
    return [measured, rest.length > 0 ? rest : measured];
  };
  const parts = Object.fromEntries(
    Object.entries(both).map(([key, list]) => [key, split(list as unknown[])]),
  ) as { [K in keyof Arguments]: [Arguments[K], Arguments[K]] };
  const pick = (side: 0 | 1) =>
    Object.fromEntries(
      Object.entries(parts).map(([key, halves]) => [key, halves[side]]),
    ) as unknown as Arguments;
  return { measured: pick(0), warmup: pick(1) };
}

/** Up to `count` distinct arguments per operation, from the stream named by `seed`. */
export function drawArguments(path: string, count: number, seed: string): Arguments {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const random = new Random(seed);
    const ids = (sql: string) => (db.prepare(sql).pluck().all() as number[]).map(Number);
    const people = ids('SELECT id FROM "Person" ORDER BY id');
    const affiliated = ids('SELECT DISTINCT personId FROM "Affiliation" ORDER BY personId');

    const names = db
      .prepare(
        `SELECT name FROM "Person" UNION SELECT name FROM "Institution"
         UNION SELECT name FROM "Model" UNION SELECT name FROM "Challenge"
         UNION SELECT value FROM "Institution", json_each("Institution".aliases)`,
      )
      .pluck()
      .all() as string[];
    const terms = new Set<string>();
    for (const name of shuffled(names.sort(), random)) {
      if (terms.size >= count) break;
      const chars = [...name];
      const form = random.int(0, 2);
      // Whole names, prefixes (姓 + 1, 招联) and inner parts (数智, 消费金融) of names.
      const term =
        form === 0 || chars.length <= 2
          ? name
          : form === 1
            ? chars.slice(0, 2).join('')
            : chars.slice(1, Math.min(chars.length, 1 + random.int(2, 4))).join('');
      terms.add(term);
    }

    const graph = relations(db);
    const refs = (kind: Kind) =>
      ids(`SELECT id FROM "${TABLE[kind]}" ORDER BY id`).map((id) => ({ kind, id }));
    const entities = [
      ...refs('PERSON'),
      ...refs('INSTITUTION'),
      ...refs('MODEL'),
      ...refs('CHALLENGE'),
    ];
    // Centres that have a stated relation: a neighbourhood of one node measures nothing.
    const related = entities.filter((ref) => graph.has(keyOf(ref)));
    const centers = shuffled(related, random).slice(0, count);
    // Pairs at the ends of random walks of 1 to 4 steps, so most have a path, plus one in ten
    // drawn at random, which mostly have none within reach (the walk then meets no one).
    const pairs: [EntityRef, EntityRef][] = [];
    const seen = new Set<string>();
    for (let tries = 0; pairs.length < count && tries < count * 20; tries++) {
      const a = related[Math.floor(random.next() * related.length)]!;
      let b: EntityRef = a;
      if (random.chance(0.1)) b = entities[Math.floor(random.next() * entities.length)]!;
      else {
        for (let step = random.int(1, 4); step > 0; step--) {
          const next = graph.get(keyOf(b))!;
          b = next[Math.floor(random.next() * next.length)]!;
        }
      }
      const key = `${keyOf(a)}-${keyOf(b)}`;
      if (keyOf(a) === keyOf(b) || seen.has(key)) continue;
      seen.add(key);
      pairs.push([a, b]);
    }
    return {
      pageAfter: spread(people, count).map((id) => id - 1),
      // Alternate picks go to the measurement and to the warm-up, so both spread over all people.
      affiliated: shuffled(affiliated, random).slice(0, count),
      searchTerms: [...terms],
      centers,
      pairs,
    };
  } finally {
    db.close();
  }
}
