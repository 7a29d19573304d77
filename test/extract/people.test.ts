// Each way a text introduces a person and their role, on the shortest sentence that shows it.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('people after titles', () => {
  it('reads [institution][title][name]', () => {
    const found = run('江苏苏商银行股份有限公司副行长黄进介绍，新系统已上线。');
    expect(found.affiliations).toEqual(['黄进 @ 江苏苏商银行股份有限公司: 副行长']);
  });

  it('keeps a qualifier before the title as part of the role', () => {
    const found = run('北辰农商行科技信息部总经理田野表示，数据是地基。');
    expect(found.affiliations).toEqual(['田野 @ 北辰农商行: 科技信息部总经理']);
  });

  it('joins titles written with 、 and 兼 into one role', () => {
    const found = run('澄湖银行党委书记、董事长皇甫云峥表示，要讲得清。');
    expect(found.affiliations).toEqual(['皇甫云峥 @ 澄湖银行: 党委书记、董事长']);
    const both = run('恒拓证券首席信息官兼首席数据官贝沐阳补充称，评估已完成。');
    expect(both.affiliations).toEqual(['贝沐阳 @ 恒拓证券: 首席信息官兼首席数据官']);
  });

  it('gives each institution of a chain its own role', () => {
    const found = run('南溪大学法学院教授、观微数据科技有限公司独立董事麦芃认为，版权是难题。');
    expect(found.affiliations).toEqual([
      '麦芃 @ 南溪大学法学院: 教授',
      '麦芃 @ 观微数据科技有限公司: 独立董事',
    ]);
  });

  it('reads compound surnames with one or two given characters', () => {
    expect(run('远澜证券副所长钟离澈表示，团队在扩大。').people).toEqual(['钟离澈']);
    expect(run('松柏人寿副总经理左丘明远谈到，理赔要脱敏。').people).toEqual(['左丘明远']);
  });

  it('ends a name before a verb that starts with its would-be third character', () => {
    expect(run('这件事由澄湖银行副行长郜川牵头推进。').people).toEqual(['郜川']);
  });

  it('ends a name before a meeting verb the dictionary files as a noun', () => {
    // jieba tags 列席会议 and 出席 as nouns; they still end the name.
    expect(run('会议由溪川银行董事长曲延年主持，董事会秘书乐正弦列席会议。').people).toEqual([
      '曲延年',
      '乐正弦',
    ]);
    expect(run('华东数智银行行长李明出席会议并致辞。').people).toEqual(['李明']);
  });

  it('keeps a group of people listed before a title out of the role', () => {
    const found = run(
      '溪川银行股份有限公司召开董事会。本行部分监事、高级管理人员及董事会秘书乐正弦列席会议。',
    );
    expect(found.affiliations).toEqual(['乐正弦 @ 溪川银行股份有限公司: 董事会秘书']);
  });

  it('reads the rows of a speaker list laid out in columns', () => {
    const found = run(
      '演讲嘉宾\n· 令狐澄　栖凤银行股份有限公司　副行长\n· Henrik Aalto　Nordlys AI　亚太区总裁\n\nNordlys AI总部位于赫尔辛基，其金融专用模型Borealis-13B于2024年7月发布。',
    );
    expect(found.affiliations).toEqual([
      '令狐澄 @ 栖凤银行股份有限公司: 副行长',
      'Henrik Aalto @ Nordlys AI: 亚太区总裁',
    ]);
    // The employer found in the list is known in the text after it.
    expect(found.developers).toEqual(['Borealis <- Nordlys AI']);
    // Prose with spaces is not a row: its last word is no title.
    expect(run('王小明 李华 张三 参加了会议').affiliations).toEqual([]);
  });

  it('keeps 和 as a name character when what follows ends the name', () => {
    expect(run('玉衡信托总经理欧阳清和在仪式上表示，要守住底线。').people).toEqual(['欧阳清和']);
  });

  it('reads Latin-letter names after a title and before a speech verb', () => {
    const found = run('灵犀财富管理有限公司首席执行官Michael Zhou表示，隐私最重要。');
    expect(found.affiliations).toEqual(['Michael Zhou @ 灵犀财富管理有限公司: 首席执行官']);
    expect(run('David Chen介绍，模型已被采用。').people).toEqual(['David Chen']);
  });

  it('reads traditional-character names and surnames', () => {
    const found = run('瀚海數碼銀行首席技術官劉家俊透露，語料不足。');
    expect(found.affiliations).toEqual(['劉家俊 @ 瀚海數碼銀行: 首席技術官']);
  });
});

describe('appositions and speaker lists', () => {
  it('reads name(institution title)', () => {
    const found = run('分析师程立言(鼎信证券银行业首席分析师)认为，依赖是风险。');
    expect(found.affiliations).toContain('程立言 @ 鼎信证券: 银行业首席分析师');
  });

  it('reads name,institution title,', () => {
    const found = run('上官若岚，鹤年人寿保险股份有限公司首席数据官，在开场时发言。');
    expect(found.affiliations).toEqual(['上官若岚 @ 鹤年人寿保险股份有限公司: 首席数据官']);
  });

  it('reads a list of speakers in brackets after 嘉宾', () => {
    const found = run('嘉宾：景行之（岚山银行副行长）、David Chen（问海科技首席科学家）');
    expect(found.affiliations).toEqual([
      '景行之 @ 岚山银行: 副行长',
      'David Chen @ 问海科技: 首席科学家',
    ]);
  });

  it('reads one speaker per line, whatever the separator', () => {
    const found = run(
      [
        '主持人：邵一鸣｜湾区财经周刊副主编',
        '谷雨桐 ｜ 岚山银行首席数据官',
        '左丘明远 — 松柏人寿保险股份有限公司副总经理',
        '俞秋实，青屿消费金融股份有限公司首席风险官',
      ].join('\n'),
    );
    expect(found.affiliations).toEqual([
      '邵一鸣 @ 湾区财经周刊: 副主编',
      '谷雨桐 @ 岚山银行: 首席数据官',
      '左丘明远 @ 松柏人寿保险股份有限公司: 副总经理',
      '俞秋实 @ 青屿消费金融股份有限公司: 首席风险官',
    ]);
  });
});

describe('roles written apart from the name', () => {
  it('reads 来自[institution]的[name] … 这位[title]', () => {
    const found = run('同样来自鹤年人寿的邹凯更关注数据。这位理赔运营部总经理坦言，数据很乱。');
    expect(found.affiliations).toEqual(['邹凯 @ 鹤年人寿: 理赔运营部总经理']);
  });

  it('reads appointments and resignations of announcements', () => {
    const found = run(
      '东川银行股份有限公司（以下简称“本行”）同意聘任上官文澜女士为本行首席人工智能官。\n' +
        '本行董事会收到副行长蒲星河先生的辞职报告。蒲星河先生因工作调整原因，辞去本行副行长职务。',
    );
    expect(found.affiliations).toEqual([
      '上官文澜 @ 东川银行股份有限公司: 首席人工智能官',
      '蒲星河 @ 东川银行股份有限公司: 副行长',
    ]);
  });

  it('does not give a role to a person the sentence does not link to it', () => {
    const found = run('张伟表示，招商银行副行长的人选尚未确定。');
    expect(found.affiliations).toEqual([]);
  });
});

describe('bylines', () => {
  it('reads a byline line with its media', () => {
    const found = run('界面新闻记者 | 何柳颖\n正文第一段。');
    expect(found.affiliations).toEqual(['何柳颖 @ 界面新闻: 记者']);
  });

  it('reads a byline followed by a date', () => {
    const found = run('星桥财经记者 蓝晓棠 · 2025-06-03\n正文第一段。');
    expect(found.affiliations).toEqual(['蓝晓棠 @ 星桥财经: 记者']);
  });

  it('reads a byline inside a dateline', () => {
    const found = run('东岳财经网讯（记者 尤嘉树）12月4日，开放日在上海举办。');
    expect(found.affiliations).toEqual(['尤嘉树 @ 东岳财经网: 记者']);
  });

  it('gives 本报 bylines and sign-offs the publisher', () => {
    const found = run('本报记者 龙语嫣\n正文。\n（责任编辑：戚蔓）', { publisher: '禾城商报' });
    expect(found.affiliations).toEqual(['龙语嫣 @ 禾城商报: 记者', '戚蔓 @ 禾城商报: 责任编辑']);
  });
});

describe('people without a title', () => {
  it('reads a name before a speech verb, with 据 and an adverb', () => {
    expect(run('据上官若岚介绍，模型已上线。').people).toEqual(['上官若岚']);
    expect(run('冉翀则认为，推理不可靠。').people).toEqual(['冉翀']);
  });

  it('does not read a name across a word (在于独立判断)', () => {
    expect(run('研究的价值恰恰在于独立判断。').people).toEqual([]);
  });

  it('reads the speaker of a transcript line', () => {
    expect(run('记者：您怎么看？\n皇甫云峥：要讲得清。').people).toEqual(['皇甫云峥']);
  });

  it('reads names before 女士 and 先生', () => {
    expect(run('董事会同意聘任上官文澜女士。').people).toEqual(['上官文澜']);
  });
});
