import type { Db } from '../../db/client.ts';
import { type Change, describeChange } from './change.ts';

/** The curations in force, and those that no longer apply (why, and who made them). */
export async function curationsInForce(db: Db) {
  const [active, failing] = await Promise.all([
    db.curation.count({ where: { undoneAt: null } }),
    db.curation.findMany({
      where: { undoneAt: null, applies: false },
      select: { id: true, curator: true, problem: true, change: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  return {
    active,
    notApplying: failing.map((c) => ({
      id: c.id,
      curator: c.curator,
      summary: describeChange(JSON.parse(c.change) as Change),
      problem: c.problem ?? '',
    })),
  };
}
