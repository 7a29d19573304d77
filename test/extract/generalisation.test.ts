// Rules found on a blind corpus written by an independent annotator (test/fixtures/corpus2):
// one short sentence for each.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('names', () => {
  it('lets 年 end a given name and keeps 和 before a verb (曲延年主持, 裘致和担任)', () => {
    expect(run('会议由董事长曲延年主持。').people).toEqual(['曲延年']);
    expect(run('由行长裘致和担任主任委员。').people).toEqual(['裘致和']);
  });

  it('does not read ordinary words after a title as a name (基金经理都在问)', () => {
    expect(run('全行业的基金经理都在问差不多的问题。').people).toEqual([]);
  });

  it('knows the rarer surnames (丘, 牧)', () => {
    expect(run('临江财讯主编牧晓川担任主持人。').people).toEqual(['牧晓川']);
  });
});

describe('roles', () => {
  it('gives one title to every name of the list after it', () => {
    const found = run('溱潼银行独立董事阚明修、濮阳澈、容若谷对该议案发表了意见。');
    expect(found.affiliations).toEqual([
      '阚明修 @ 溱潼银行: 独立董事',
      '濮阳澈 @ 溱潼银行: 独立董事',
      '容若谷 @ 溱潼银行: 独立董事',
    ]);
  });

  it('joins titles across a unit (行长助理兼信用卡中心总经理)', () => {
    const found = run('郗明棠，泓川银行行长助理兼信用卡中心总经理，在发布会上介绍了产品。');
    expect(found.affiliations).toEqual(['郗明棠 @ 泓川银行: 行长助理兼信用卡中心总经理']);
  });

  it('never joins titles across an institution (教授、观微数据独立董事)', () => {
    const found = run(
      '观微数据科技有限公司（以下简称“观微数据”）成立。\n南溪大学法学院教授、观微数据独立董事麦芃认为，边界不清。',
    );
    expect(found.affiliations).toEqual([
      '麦芃 @ 南溪大学法学院: 教授',
      '麦芃 @ 观微数据科技有限公司: 独立董事',
    ]);
  });

  it('reads roles said with 是 and with 作为', () => {
    expect(run('公冶长风是岱宗证券首席信息官，也是项目负责人。').affiliations).toEqual([
      '公冶长风 @ 岱宗证券: 首席信息官',
    ]);
    expect(run('作为江渚银行首席合规官，晁景明对数据边界看得很重。').affiliations).toEqual([
      '晁景明 @ 江渚银行: 首席合规官',
    ]);
  });

  it('places a title without institution at the institution in view, if it can employ it', () => {
    const found = run(
      '曜石数科信息技术有限公司发布新版本模型。\n首席技术官Leo Xu在会上介绍了技术细节。',
    );
    expect(found.affiliations).toEqual(['Leo Xu @ 曜石数科信息技术有限公司: 首席技术官']);
    // A bank title never goes to a company.
    expect(
      run('曜石数科信息技术有限公司发布新模型。\n副行长张明远在会上表示支持。').affiliations,
    ).toEqual([]);
  });

  it('keeps a ranked compound title whole (首席数码及数据总监)', () => {
    const found = run('嘉汇人寿推出新模型。负责项目的首席数码及数据总监张颖思则指出，要保护隐私。');
    expect(found.affiliations).toEqual(['张颖思 @ 嘉汇人寿: 首席数码及数据总监']);
  });
});

describe('institutions', () => {
  it('reads 该行 as the last bank and 该公司 as the last company', () => {
    const found = run(
      '泓川银行联合云杉智能科技有限公司发布助手。\n云杉智能提供底座。该行信息科技部总经理洪砚秋介绍，项目顺利。',
    );
    expect(found.affiliations).toEqual(['洪砚秋 @ 泓川银行: 信息科技部总经理']);
    expect(found.institutions).toEqual(['泓川银行', '云杉智能科技有限公司']);
  });

  it('joins a renamed institution written 由X更名而来 or (前称「X」)', () => {
    const found = run('晴川消费金融股份有限公司由晴川信诚消费金融有限公司于2024年9月更名而来。');
    expect(found.institutions).toEqual(['晴川消费金融股份有限公司']);
    expect(found.namesOf('晴川消费金融股份有限公司')).toContain('晴川信诚消费金融有限公司');
  });

  it('keeps a university department in the name, and drops a description before it', () => {
    expect(run('维港大学计算机科学系副教授谭朗轩认为，要警惕偏见。').institutions).toEqual([
      '维港大学计算机科学系',
    ]);
    expect(run('独立研究机构观棋研究院高级分析师宓辰认为，成本很高。').institutions).toEqual([
      '观棋研究院',
    ]);
  });

  it('needs a place for a committee to be a public body', () => {
    expect(run('我们已成立跨部门的人工智能管治委员会。').institutions).toEqual([]);
    expect(run('本届大会由长三角金融科技创新联盟主办。').institutions).toEqual([
      '长三角金融科技创新联盟',
    ]);
  });

  it('reads a place with generic words as a description (香港虚拟银行)', () => {
    expect(run('多家香港虚拟银行已经上线了客服助手。').institutions).toEqual([]);
  });
});

describe('models', () => {
  it('reads a Latin name right after a model word, with its version', () => {
    const found = run('曜石数科信息技术有限公司发布金融大模型Onyx-Fin 3.0。');
    expect(found.models).toEqual(['Onyx-Fin']);
    expect(found.developers).toEqual(['Onyx-Fin <- 曜石数科信息技术有限公司']);
  });

  it('gives the developer through 其 and a model word', () => {
    const found = run(
      '和洲人寿保险股份有限公司（下称“和洲人寿”）近日宣布，其理赔大模型助手“和小洲”已上线。',
    );
    expect(found.developers).toEqual(['和小洲 <- 和洲人寿保险股份有限公司']);
  });
});
