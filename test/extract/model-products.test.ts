// Models named as products: quoted names after a launch verb or ending in a product word, an
// institution's short name before 大模型, Latin names before 模型; and the evidence that ties
// each to its developer (possessive, clause subject, 旗下/其, the name itself).
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('products as models', () => {
  it('reads a quoted name after a verb that puts something into it', () => {
    const found = run('云岫银行率先将通用大模型应用于“小岫助手”，效率明显提升。');
    expect(found.models).toContain('小岫助手');
    expect(found.developers).toContain('小岫助手 <- 云岫银行');
  });

  it('reads a quoted name a launch verb introduces before a product word', () => {
    const found = run('松柏人寿2023年推出的“极速理赔”系统采用多模态技术。');
    expect(found.models).toEqual(['极速理赔']);
    expect(found.developers).toEqual(['极速理赔 <- 松柏人寿']);
    const basis = found.extraction.models[0]?.basis;
    expect(basis).toBe('quoted-after-launch-verb');
  });

  it('reads a quoted product name right after its institution', () => {
    const found = run('另一方面，如澄湖银行‘风铃系统’通过AI拦截欺诈交易。');
    expect(found.models).toEqual(['风铃系统']);
    expect(found.developers).toEqual(['风铃系统 <- 澄湖银行']);
    expect(found.extraction.developments[0]?.basis).toBe('possessive-developer');
  });

  it('reads an institution short name before 大模型 as its model', () => {
    const found = run(
      '青禾人寿保险股份有限公司（下称“青禾人寿”）同年发布了自主可控的青禾人寿大模型。',
    );
    expect(found.models).toEqual(['青禾人寿大模型']);
    expect(found.developers).toEqual(['青禾人寿大模型 <- 青禾人寿保险股份有限公司']);
    expect(found.extraction.developments[0]?.basis).toBe('name-prefix-developer');
  });

  it('reads a quoted product of the subject through 其 and 旗下', () => {
    const found = run('澄湖银行近日透露，旗下“澄光”大模型已完成升级。');
    expect(found.developers).toEqual(['澄光 <- 澄湖银行']);
  });

  it('reads a Latin name with a digit right before 模型', () => {
    expect(run('基金经理表示，运用7xQuant模型预测波动。').models).toEqual(['7xQuant']);
    expect(run('很多机构都在做AI模型。').models).toEqual([]);
  });

  it('reads a name set beside a model word by a dash', () => {
    expect(run('鹤年人寿发布首个保险大模型——长青大模型。').models).toEqual(['长青']);
  });

  it('reads a Latin name with a version that a launch verb introduces', () => {
    const found = run('松柏人寿还推出了垂直应用Care-Link2.0，服务客户。');
    expect(found.models).toEqual(['Care-Link']);
  });

  it('does not read a quoted phrase without a launch verb or a coined name', () => {
    expect(run('银行都在讨论“要不要上大模型”这个问题。').models).toEqual([]);
  });
});

describe('institutions that hold a known model name', () => {
  it('does not read a known model inside an institution name', () => {
    expect(run('盘古智库高级研究员表示，券商不愿错过机会。').models).toEqual([]);
  });
});
