// Each mechanism that finds a model and its attributes: quoted and unquoted names, Latin names,
// versions, parameter counts, release dates, and the patterns that name the developer.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('model names', () => {
  it('reads a quoted name after a model word, even an ordinary word', () => {
    expect(run('澄湖银行正式发布自研金融大模型“澄心”。').models).toEqual(['澄心']);
    expect(run('松柏人寿上线理赔智能体“松果”。').models).toEqual(['松果']);
  });

  it('reads a quoted coined name a few words before a model word', () => {
    expect(run('鹤年人寿自研的“慧保”保险大模型已上线。').models).toEqual(['慧保']);
  });

  it('does not read a scare quote after a bare 模型', () => {
    expect(run('偏见会被模型“放大”，模型不能“自由发挥”。').models).toEqual([]);
  });

  it('reads an unquoted coined name right before 大模型', () => {
    expect(run('深蓝智算的问策大模型已经上线。').models).toEqual(['问策']);
  });

  it('reads Latin names, their sizes folding into one model', () => {
    const found = run(
      '问海科技去年发布的FinSage-7B模型已被采用。问海科技将于下半年推出FinSage-14B。',
    );
    expect(found.models).toEqual(['FinSage']);
    expect(found.namesOf('FinSage')).toEqual(['FinSage', 'FinSage-7B', 'FinSage-14B']);
  });

  it('reads known models with a version and size', () => {
    const found = run('南岭证券部署了本地微调后的Qwen2.5-72B。');
    expect(found.models).toEqual(['通义千问']);
    expect(found.namesOf('通义千问')).toContain('Qwen2.5-72B');
  });
});

describe('versions, parameters and dates', () => {
  it('folds versions written after the name into the model', () => {
    const found = run(
      '蚂蚁集团发布了“支小助”大模型。支小助2.0将在年底上线，招联智鹿二代也在测试。',
    );
    expect(found.namesOf('支小助')).toContain('支小助2.0');
    const versions = found.extraction.models.find((m) => m.name === '支小助')?.versions;
    expect(versions?.map((v) => v.version)).toEqual(['2.0']);
  });

  it('reads a version written after 大模型', () => {
    const found = run('松柏人寿上线智能体“松果”。“松果”基于自研的松果大模型2.0构建。');
    expect(found.namesOf('松果')).toContain('松果2.0');
  });

  it('reads parameter counts before and after the name', () => {
    const before = run('华东数智银行发布130亿参数大模型“天衡”。').extraction.models[0];
    expect(before?.parameterCount).toBe(13_000_000_000);
    const after = run('鹤年人寿的“慧保”大模型参数规模约340亿。').extraction.models[0];
    expect(after?.parameters).toBe('340亿');
  });

  it('reads release dates, relative years included', () => {
    const found = run('鹤年人寿自研的“慧保”大模型于2024年5月上线。');
    expect(found.extraction.models[0]?.releasedAt).toBe('2024-05');
    const relative = run('灵犀财富于今年5月发布了投顾大模型LingXi-13B。', {
      publishedAt: '2025-06-03',
    });
    // The date belongs to the size written (LingXi-13B), a version of LingXi.
    expect(relative.extraction.models[0]?.versions[0]?.releasedAt).toBe('2025-05');
  });
});

describe('developers', () => {
  it('reads [institution]自研的[model]', () => {
    expect(run('岚山银行已将自研的“岚图”大模型用于审批。').developers).toEqual([
      '岚图 <- 岚山银行',
    ]);
  });

  it('reads [institution]…发布[model] and the sentence subject', () => {
    expect(run('今年5月，灵犀财富管理有限公司发布了投顾大模型LingXi-13B。').developers).toEqual([
      'LingXi <- 灵犀财富管理有限公司',
    ]);
  });

  it('reads [model]由[institution]研发', () => {
    expect(run('“拓思”大模型由恒拓证券自主研发，参数规模达到340亿。').developers).toEqual([
      '拓思 <- 恒拓证券',
    ]);
  });

  it('reads 其…的[model] as the subject of the sentence', () => {
    expect(run('汇禾消费金融股份有限公司宣布，其自研的“禾风”大模型完成升级。').developers).toEqual([
      '禾风 <- 汇禾消费金融股份有限公司',
    ]);
  });

  it('does not make a user or a dateline media the developer', () => {
    expect(run('北辰农商行采购了深蓝智算的一体机，使用“问策”大模型。').developers).not.toContain(
      '问策 <- 北辰农商行',
    );
    const dateline = run('东岳财经网讯（记者 尤嘉树）12月4日，恒拓证券正式发布研报智能体“拓思”。');
    expect(dateline.developers).toEqual(['拓思 <- 恒拓证券']);
  });

  it('does not credit a model to whoever launches a product built on it', () => {
    const found = run('北辰证券在其投顾平台正式上线DeepSeek问答模块。');
    expect(found.developers).not.toContain('DeepSeek <- 北辰证券');
  });

  it('credits a known foundation model to a bank only when the text says it made it', () => {
    // The bank is the sentence's subject and deploys the model; its own product is its own.
    const deployed = run('岚山银行宣布，旗下“岚图”大模型已集成Deepseek-V3模型。');
    expect(deployed.developers).toEqual(['岚图 <- 岚山银行']);
    // Said outright: the maker's possessive still credits it.
    const made = run('深度求索公司的DeepSeek-V3模型已开源。');
    expect(made.developers).toEqual(['DeepSeek-V3 <- 深度求索']);
  });
});
