// Where an institution's name starts, decided by word segmentation (words a name never holds end
// the stretch in front of it), and kinds of institutions that are never names.
import { describe, expect, it } from 'vitest';
import { keysOf } from '../../src/store/identify.ts';
import { run } from '../support/extract-helpers.ts';

describe('left boundaries from segmentation', () => {
  it('starts a name after a preposition', () => {
    expect(run('记者从江苏金融监管局获悉，试点已经启动。').institutions).toEqual([
      '江苏金融监管局',
    ]);
    expect(run('其在青禾保险的试点已经结束。').institutions).toEqual(['青禾保险']);
  });

  it('starts a name after a date written in digits', () => {
    expect(run('2024年云岫财险实现保费增长。').institutions).toEqual(['云岫财险']);
  });

  it('keeps a one-character function word that opens a coined name the text defines', () => {
    expect(run('和洲人寿保险股份有限公司（下称“和洲人寿”）宣布系统上线。').institutions).toEqual([
      '和洲人寿保险股份有限公司',
    ]);
  });

  it('finds no name where only kind words stand before the suffix', () => {
    expect(run('而中小银行则在观望。').institutions).toEqual([]);
    expect(run('今年将有更多银行加入，但大型银行仍占优势。').institutions).toEqual([]);
    expect(run('训练成本能为中小银行节省开支。').institutions).toEqual([]);
  });
});

describe('kinds of institutions', () => {
  it('reads kinds of banks, funds and insurance as common nouns', () => {
    const found = run(
      '远程银行与手机银行之外，对冲基金、政府投资基金和特色保险也在增加，耐心资本入场。',
    );
    expect(found.institutions).toEqual([]);
  });

  it('still reads a place and a coined word as a name', () => {
    expect(run('江州科创银行发布了年报。').institutions).toEqual(['江州科创银行']);
  });
});

describe('kind words used as common nouns', () => {
  it('reads a known name after a verb or a relation word (包括|华为, 大股东|百度)', () => {
    expect(run('出席的企业包括华为集团和一家券商。').institutions).toEqual(['华为']);
    expect(run('得益于大股东百度集团的支持，业务增长很快。').institutions).toEqual(['百度']);
    // Inside a word (其中|行业) a short known name is no name.
    expect(run('其中行业龙头的表现更好。').institutions).toEqual([]);
  });

  it('reads a common word before a kind word inside a clause as a phrase', () => {
    expect(run('这一工具可以节约银行收集信息的时间。').institutions).toEqual([]);
    expect(run('它的价值在于拉平银行之间的差距。').institutions).toEqual([]);
    // At the start of a clause the same shape is a subject that names.
    expect(run('松柏人寿推出了新的理赔系统。').institutions).toEqual(['松柏人寿']);
    // A brand the collection knows is no common word (平安 of 平安银行).
    expect(run('而平安人寿推出了新的理赔系统。').institutions).toEqual(['平安人寿']);
  });

  it('reads the compounds a kind word makes as common nouns (保险圈, 财险业)', () => {
    expect(run('新工具正迅速席卷保险圈。').institutions).toEqual([]);
    expect(run('另一保险从业人员对记者说，他并不担心。').institutions).toEqual([]);
    expect(run('目前科技保险占财险比例仍较低。').institutions).toEqual([]);
  });

  it('reads a unit of a known institution named by a line of work as the institution', () => {
    expect(run('市场传出度小满保险业务负责人卸任的消息。').institutions).toEqual(['度小满']);
  });
});

describe('units and forms of known brands', () => {
  it('names a known brand with a line of business as a unit of its own (京东金融)', () => {
    expect(run('1月下旬，京东金融斥资收购了一家公司。').institutions).toEqual(['京东金融']);
    expect(run('业内估计，腾讯金融拥有大量贷款。').institutions).toEqual(['腾讯金融']);
    // A suffix right after joins the unit (中金 + 财富 + 证券).
    expect(run('已有国泰君安、中金财富证券等券商接入。').institutions).toContain('中金财富证券');
  });

  it('keeps the brand when the word runs on into another word (蚂蚁|国际化)', () => {
    expect(run('蚂蚁国际化进程加快。').institutions).toEqual(['蚂蚁集团']);
  });

  it('reads a line of work after a full name as part of a role (蚂蚁集团金融AI首席架构师)', () => {
    expect(run('蚂蚁集团金融AI首席架构师柏青山发言。').institutions).toEqual(['蚂蚁集团']);
  });
});

describe('short forms of kind words', () => {
  it('matches 农村商业银行 and 农商行 as one institution', () => {
    expect(keysOf('INSTITUTION', '渝州农村商业银行股份有限公司')).toContain('渝州农商行');
    expect(keysOf('INSTITUTION', '渝州农商行')).toContain('渝州农商行');
    expect(keysOf('INSTITUTION', '星河消费金融')).toContain('星河消金');
  });
});

describe('evidence from segmentation', () => {
  it('starts a legal name after a verb that segmentation ends there (收购|…有限公司)', () => {
    expect(run('该行斥资10亿收购星禾消费金融有限公司。').institutions).toEqual([
      '星禾消费金融有限公司',
    ]);
  });

  it('reads a name segmentation knows as an organisation, though its head is a word (联想集团)', () => {
    expect(run('他曾在联想集团工作多年。').institutions).toEqual(['联想集团']);
  });
});

describe('known names inside longer names', () => {
  it('leaves a known name that a suffix of another kind continues to the suffix finder', () => {
    expect(run('泰康人寿保险有限责任公司发布了新产品。').institutions).toEqual([
      '泰康人寿保险有限责任公司',
    ]);
  });

  it('reads a known brand with 中国 after it as its China arm (普华永道中国)', () => {
    expect(run('普华永道中国金融行业合伙人岑樾表示，前景广阔。').institutions).toEqual([
      '普华永道中国',
    ]);
  });

  it('does not read a brand that is also a common word where it is one (浪潮)', () => {
    expect(run('更多机构将加入AI升级的浪潮。').institutions).toEqual([]);
  });
});

describe('known short names being defined', () => {
  it('does not count the short name inside 以下简称“…” as a mention of its own', () => {
    const found = run('招联消费金融股份有限公司（以下简称“招联”）发布模型。招联表示将继续投入。');
    expect(found.institutions).toEqual(['招联消费金融股份有限公司']);
    expect(found.extraction.institutions[0]?.mentions).toHaveLength(2);
  });
});
