import { describe, expect, it } from 'vitest';
import { deriveNames, type NameUse } from '../../src/store/entity-names.ts';

const use = (name: string, count = 1, strong = true): NameUse => ({ name, strong, count });

describe('deriveNames', () => {
  it('institutions take the longest strong name (the full legal name)', () => {
    const uses = [
      use('招联', 5),
      use('招联消费金融股份有限公司'),
      use('招联消费金融', 2),
      use('招联旗下的那家公司呢', 1, false),
    ];
    expect(deriveNames('INSTITUTION', uses)).toEqual({
      name: '招联消费金融股份有限公司',
      aliases: ['招联', '招联旗下的那家公司呢', '招联消费金融'],
    });
  });

  it('people take the most frequent strong name; weak names are only aliases', () => {
    const uses = [use('王耀男'), use('王耀南', 3), use('王总', 9, false)];
    expect(deriveNames('PERSON', uses)).toEqual({ name: '王耀南', aliases: ['王总', '王耀男'] });
  });

  it('models take the shortest strong name (the base name without a version)', () => {
    const uses = [use('支小助2.0', 4), use('支小助'), use('支小助3.0', 2)];
    expect(deriveNames('MODEL', uses)).toEqual({
      name: '支小助',
      aliases: ['支小助2.0', '支小助3.0'],
    });
  });

  it('challenges take their taxonomy name whatever the texts call them', () => {
    const uses = [use('理解错误', 3, false), use('幻觉'), use('一本正经地胡说八道', 1, false)];
    expect(deriveNames('CHALLENGE', uses, '幻觉')).toEqual({
      name: '幻觉',
      aliases: ['一本正经地胡说八道', '理解错误'],
    });
  });

  it('an entity known only by weak names is called by the most used one', () => {
    expect(deriveNames('PERSON', [use('张行长', 1, false), use('张总', 2, false)])).toEqual({
      name: '张总',
      aliases: ['张行长'],
    });
  });

  it('a name strong in one document and weak in another counts as strong', () => {
    const uses = [use('李耀', 1, false), use('李耀', 1, true), use('李总', 1, false)];
    expect(deriveNames('PERSON', uses).name).toBe('李耀');
  });

  it('breaks ties by code point, so the input order never matters', () => {
    const uses = [use('王一'), use('王二'), use('李三'), use('赵四', 2, false)];
    const expected = deriveNames('PERSON', uses);
    expect(expected.name).toBe('李三');
    for (const order of [[...uses].reverse(), [uses[2]!, uses[0]!, uses[3]!, uses[1]!]]) {
      expect(deriveNames('PERSON', order)).toEqual(expected);
    }
    expect(deriveNames('INSTITUTION', [use('甲银行'), use('乙银行')]).name).toBe(
      deriveNames('INSTITUTION', [use('乙银行'), use('甲银行')]).name,
    );
  });

  it('adds the simplified form of a name written in traditional characters', () => {
    const derived = deriveNames('INSTITUTION', [use('瀚海數碼銀行有限公司'), use('瀚海數碼銀行')]);
    expect(derived.name).toBe('瀚海數碼銀行有限公司');
    expect(derived.aliases).toEqual(
      expect.arrayContaining(['瀚海数码银行有限公司', '瀚海數碼銀行', '瀚海数码银行']),
    );
    expect(deriveNames('PERSON', [use('黄进')]).aliases).toEqual([]);
  });
});
