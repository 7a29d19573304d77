// Challenge triggers (every family of the taxonomy) and who raised them.
import { describe, expect, it } from 'vitest';
import challengesData from '../../src/extract/data/challenges.json' with { type: 'json' };
import { run } from './helpers.ts';

describe('challenge triggers', () => {
  // One trigger of each family, raised by the speaker of the sentence.
  for (const kind of challengesData.challenges) {
    const trigger = kind.triggers[0] ?? '';
    it(`${kind.key}: ${trigger}`, () => {
      const found = run(`北辰农商行行长万启超表示，${trigger}是眼下最大的问题。`);
      expect(found.challenges).toEqual([kind.name]);
      expect(found.raised).toEqual([`万启超 -> ${kind.name}`]);
    });
  }

  it('prefers the longest trigger (数据合规 is privacy, not compliance)', () => {
    expect(run('万启超表示，数据合规是前提。').challenges).toEqual(['数据隐私与安全']);
  });

  it('reads consequences as challenges: 业务中断 (vendor dependence), 很难接受机器 (trust)', () => {
    const found = run(
      '南岭证券财富管理部总经理Grace Lin坦言，一旦接口被限制，业务就会中断。\n松柏人寿理赔运营中心总经理闻雪松认为，客户很难接受机器拒赔。',
    );
    expect(found.raised).toEqual(['Grace Lin -> 第三方依赖', '闻雪松 -> 客户信任']);
  });

  it('drops a challenge named once by nobody', () => {
    expect(run('大模型可能存在幻觉。').challenges).toEqual([]);
  });
});

describe('who raised a challenge', () => {
  it('is the speaker of the sentence before in the same paragraph', () => {
    const found = run(
      '北辰农商行科技信息部总经理田野表示，人才很难招。好不容易培养出来的人，也留不住。',
    );
    expect(found.raised).toEqual(['田野 -> 人才短缺']);
  });

  it('is the person a pronoun refers to', () => {
    const found = run('宁远财险副总经理褚怀瑾表示，要谨慎。\n她认为，算法偏见会被放大。');
    expect(found.raised).toEqual(['褚怀瑾 -> 算法偏见']);
  });

  it('is the interviewee in answers, and nobody in questions', () => {
    const found = run(
      '远澜证券首席经济学家司马彦清近日接受专访。\n问：怎么看数据安全？\n答：模型会编造数据，这是幻觉。',
      { title: '远澜证券首席经济学家司马彦清：投研大模型替代不了独立判断' },
    );
    expect(found.raised).toEqual(['司马彦清 -> 幻觉']);
  });

  it('is the transcript speaker of the paragraph', () => {
    const found = run('记者：成本压力大吗？\n皇甫云峥：推理成本要控制住。');
    expect(found.raised).toEqual(['皇甫云峥 -> 成本']);
  });
});
