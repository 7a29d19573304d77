import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { collectGarbage, collectTouched } from '../../src/store/gc.ts';
import { persistBatch } from '../../src/store/persist.ts';
import { prepared, tempDatabase } from '../support/build-extraction.ts';

let db: Db;

beforeAll(async () => {
  ({ db } = await tempDatabase());
  await persistBatch(db, [
    prepared(
      'one.txt',
      '星河银行行长赵川表示，星河银行的“星语”大模型已经上线。赵川认为幻觉问题不容忽视。',
      {
        people: [{ ref: 'p', names: ['赵川'] }],
        institutions: [{ ref: 'i', names: ['星河银行'] }],
        models: [{ ref: 'm', names: ['星语'] }],
        challenges: [{ ref: 'c', key: 'hallucination', name: '幻觉', names: ['幻觉'] }],
        affiliations: [['p', 'i', '行长']],
        developments: [['m', 'i']],
        raised: [['p', 'c']],
      },
    ),
    prepared('two.txt', '赵川出席了论坛。星河银行发布了年报。', {
      people: [{ ref: 'p', names: ['赵川'] }],
      institutions: [{ ref: 'i', names: ['星河银行'] }],
    }),
  ]);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('collectGarbage', () => {
  it('removes the relations and entities only the deleted facts supported', async () => {
    const one = await db.document.findUniqueOrThrow({ where: { source: 'one.txt' } });
    const report = await db.$transaction(async (tx) => {
      const touched = await collectTouched(tx, [one.id]);
      expect(touched.person.size).toBe(1);
      expect(touched.affiliation.size).toBe(1);
      await tx.mention.deleteMany({ where: { documentId: one.id } });
      await tx.name.deleteMany({ where: { documentId: one.id } });
      const result = await collectGarbage(tx, touched);
      // 赵川 and 星河银行 survive (two.txt names them) and stay touched for a names refresh.
      expect(touched.person.size).toBe(1);
      expect(touched.institution.size).toBe(1);
      expect(touched.model.size).toBe(0);
      return result;
    });
    expect(report).toEqual({
      affiliation: 1,
      development: 1,
      raised: 1,
      modelVersion: 0,
      person: 0,
      institution: 0,
      model: 1,
      challenge: 1,
    });
    expect(await db.person.count()).toBe(1);
    expect(await db.institution.count()).toBe(1);
    expect(await db.model.count()).toBe(0);
    expect(await db.challenge.count()).toBe(0);
    expect(await db.affiliation.count()).toBe(0);
  });

  it('leaves alone whatever was not touched', async () => {
    const before = await db.person.count();
    const report = await db.$transaction((tx) =>
      collectTouched(tx, []).then((t) => collectGarbage(tx, t)),
    );
    expect(Object.values(report).every((n) => n === 0)).toBe(true);
    expect(await db.person.count()).toBe(before);
  });
});
