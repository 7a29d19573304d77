// Who raised which challenge, on sentences written for this test: problems solved are not raised,
// a turn labelled with a non-person speaks for nobody named in it, new kinds of the taxonomy.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('challenges raised', () => {
  it('does not read a problem going away as raised (降低成本, 摆脱依赖)', () => {
    expect(run('青川证券首席信息官柏舟表示，新模型降低了训练成本。').raised).toEqual([]);
    expect(
      run('青川证券首席信息官柏舟表示，本地部署让公司摆脱了对外部供应商的依赖。').raised,
    ).toEqual([]);
    expect(run('青川证券首席信息官柏舟表示，训练成本依然很高。').raised).toEqual(['柏舟 -> 成本']);
  });

  it('reads misjudgements and deviations that people must correct', () => {
    const found = run('青川证券首席信息官柏舟指出，模型仍可能出现误判，偏差需要人工修正。');
    expect(found.raised).toEqual(['柏舟 -> 准确性与可靠性']);
  });

  it('reads a lack of industry knowledge', () => {
    const found = run('观岭咨询分析师梅若川认为，行业迭代很快，银行需要不断更新行业知识。');
    expect(found.raised).toEqual(['梅若川 -> 专业知识不足']);
  });

  it('keeps a lifecycle without a model out of model risk', () => {
    const found = run('青川证券首席信息官柏舟表示，公司为企业提供全生命周期金融服务。');
    expect(found.challenges).toEqual([]);
  });

  it('gives nobody the words of a turn labelled with a non-person', () => {
    const text =
      '澄江银行行长段怀远上月履新。\n某模型：段怀远兼任党委书记是否符合监管规定，需要结合章程判断。';
    expect(run(text).raised).toEqual([]);
  });
});

describe('a name before its title', () => {
  it('reads [institution][name][title] before a speech verb', () => {
    const found = run('北辰律师事务所顾清和律师认为，合规要求并非易事。');
    expect(found.affiliations).toEqual(['顾清和 @ 北辰律师事务所: 律师']);
    expect(found.raised).toEqual(['顾清和 -> 监管合规']);
  });
});
