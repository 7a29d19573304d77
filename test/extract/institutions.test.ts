// Each mechanism that finds an institution: suffixes and where the name starts, defined and
// derived short names, renamed institutions, the lexicon of known names, and what is rejected.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('names ending in a suffix', () => {
  it('reads a name with its legal form', () => {
    expect(run('星槎智能科技有限公司参与了测试。').institutions).toEqual(['星槎智能科技有限公司']);
  });

  it('starts the name after a lead word', () => {
    expect(run('同样来自鹤年人寿的邹凯表示，数据很乱。').institutions).toEqual(['鹤年人寿']);
    expect(run('他曾任星衡数据科技有限公司首席技术官。').institutions).toEqual([
      '星衡数据科技有限公司',
    ]);
  });

  it('reads 科技 names but not 科技 as a common noun', () => {
    expect(run('问海科技首席科学家David Chen表示，成本是门槛。').institutions).toEqual([
      '问海科技',
    ]);
    expect(run('金融科技企业越来越多，黑科技层出不穷。').institutions).toEqual([]);
  });

  it('extends a name over its sub-units, but not over a broker research department', () => {
    expect(run('东陵财经大学金融科技研究院副院长孔祥麟认为，要统一标准。').institutions).toEqual([
      '东陵财经大学金融科技研究院',
    ]);
    const found = run('恒拓证券研究所所长闻人子墨介绍，智能体已上线。');
    expect(found.affiliations).toEqual(['闻人子墨 @ 恒拓证券: 研究所所长']);
  });

  it('accepts a short name before a title', () => {
    expect(run('启衡研究院高级研究员卫思远认为，适当性是监管要求。').institutions).toEqual([
      '启衡研究院',
    ]);
  });
});

describe('short names', () => {
  it('records the name defined by 以下简称 and finds it later', () => {
    const found = run('星联消费金融股份有限公司（以下简称“星联”）发布模型。星联表示将继续投入。');
    expect(found.namesOf('星联消费金融股份有限公司')).toEqual(['星联消费金融股份有限公司', '星联']);
    expect(found.extraction.institutions[0]?.mentions).toHaveLength(2);
  });

  it('takes the full name from where its defined short name starts (香港虛擬銀行 is a description)', () => {
    const found = run(
      '香港虛擬銀行瀚海數碼銀行有限公司（下稱「瀚海數碼銀行」）昨日宣佈推出大模型。',
    );
    expect(found.institutions).toEqual(['瀚海數碼銀行有限公司']);
  });

  it('derives short names from a full name: without its legal form or place', () => {
    const found = run('江苏苏商银行股份有限公司今年发布模型。苏商银行副行长黄进介绍，效果很好。');
    expect(found.institutions).toEqual(['江苏苏商银行股份有限公司']);
    expect(found.affiliations).toEqual(['黄进 @ 江苏苏商银行股份有限公司: 副行长']);
  });

  it('never makes 本行 a name, but reads it as the institution that defined it', () => {
    const found = run('东川银行股份有限公司（以下简称“本行”）聘任张明先生为本行副行长。');
    expect(found.namesOf('东川银行股份有限公司')).toEqual(['东川银行股份有限公司']);
    expect(found.affiliations).toEqual(['张明 @ 东川银行股份有限公司: 副行长']);
  });

  it('reads 该公司 as the institution named last', () => {
    const found = run(
      '玉衡国际信托有限公司上线智能体。这是该公司继去年发布“玉衡”基座大模型后的新产品。',
    );
    expect(found.developers).toEqual(['玉衡 <- 玉衡国际信托有限公司']);
  });
});

describe('renamed institutions', () => {
  it('joins 原X，…现更名为Y into one institution', () => {
    const found = run('原苏汇消费金融有限公司完成股权变更，现更名为汇禾消费金融股份有限公司。');
    expect(found.institutions).toEqual(['汇禾消费金融股份有限公司']);
    expect(found.namesOf('汇禾消费金融股份有限公司')).toContain('苏汇消费金融有限公司');
  });

  it('joins Y（原X） into one institution', () => {
    const found = run('汇禾消费金融股份有限公司（原苏汇消费金融有限公司）宣布升级模型。');
    expect(found.institutions).toEqual(['汇禾消费金融股份有限公司']);
    expect(found.namesOf('汇禾消费金融股份有限公司')).toContain('苏汇消费金融有限公司');
  });
});

describe('known institutions', () => {
  it('reads a short name from the lexicon under its full name', () => {
    const found = run('该模型已在国家网信办完成备案。');
    expect(found.institutions).toEqual(['国家互联网信息办公室']);
    expect(found.namesOf('国家互联网信息办公室')).toContain('国家网信办');
  });

  it('does not read 科技部 inside 科技部门', () => {
    expect(run('他带着科技部门和业务部门一起推进。').institutions).toEqual([]);
  });
});

describe('generic words are not institutions', () => {
  it('rejects sector words and descriptions', () => {
    expect(run('中小银行和股份制银行都在尝试。').institutions).toEqual([]);
    expect(run('大模型在银行的落地急不得。').institutions).toEqual([]);
    expect(run('由銀行科技團隊自主訓練。').institutions).toEqual([]);
    expect(run('家族信托智能体需要既懂信托法律的人。').institutions).toEqual([]);
  });
});
