// Challenge triggers (every family of the taxonomy) and who raised them.
import { describe, expect, it } from 'vitest';
import challengesData from '../../src/extract/data/challenges.json' with { type: 'json' };
import { run } from '../support/extract-helpers.ts';

describe('challenge triggers', () => {
  // Every strong trigger names its own kind (no other kind's term or blocking compound hides
  // it), raised by the speaker of the sentence.
  for (const kind of challengesData.challenges) {
    for (const trigger of kind.triggers) {
      it(`${kind.key}: ${trigger}`, () => {
        const found = run(`北辰农商行行长万启超表示，${trigger}是眼下最大的问题。`);
        expect(found.challenges).toEqual([kind.name]);
        expect(found.raised).toEqual([`万启超 -> ${kind.name}`]);
      });
    }
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

describe('paraphrases and cues', () => {
  const speaker = '北辰农商行行长万启超表示，';
  const raised = (text: string) => run(`${speaker}${text}`).raised;

  it('reads paraphrases that name the problem on their own (张冠李戴, 有鼻子有眼)', () => {
    expect(raised('模型会把两家名字相近的企业张冠李戴。')).toEqual(['万启超 -> 幻觉']);
    expect(raised('模型把不存在的目录说得有鼻子有眼。')).toEqual(['万启超 -> 幻觉']);
  });

  it('counts a cue only with a marker in its clause (成本 with 很高, not 成本下降)', () => {
    expect(raised('自建算力之外，人工标注的成本也很高。')).toContain('万启超 -> 成本');
    expect(raised('单次调用的成本下降了七成。')).toEqual([]);
    expect(raised('今年公司加大了人才培养的力度。')).toEqual([]);
    expect(raised('懂行的人才非常少。')).toEqual(['万启超 -> 人才短缺']);
  });

  it('needs every marker group: customers doubting machines, not customers worried about markets', () => {
    expect(raised('很多客户担心机器会不会多扣钱。')).toEqual(['万启超 -> 客户信任']);
    expect(raised('很多客户担心市场继续下跌。')).toEqual([]);
  });

  it('matches a gapped cue within the sentence (既懂…又懂 with too few)', () => {
    expect(raised('既懂信贷业务、又懂算法工程的人，市场上非常少。')).toEqual([
      '万启超 -> 人才短缺',
    ]);
    expect(raised('既懂信贷业务、又懂算法工程的人正在加入团队。')).toEqual([]);
    expect(raised('团队既懂业务又懂技术，配合默契。')).toEqual([]);
  });

  it('reads a compliance cue with a constraint or a regulator (合规这条线, 监管部门的规定)', () => {
    expect(raised('合规这条线，我们不会让模型去碰。')).toEqual(['万启超 -> 监管合规']);
    expect(raised('按照证监会的规定，只有持牌人员才能提供投资建议。')).toEqual([
      '万启超 -> 监管合规',
    ]);
    expect(raised('研究部规定，所有数字都要复核。')).toEqual([]);
  });

  it('reads errors that compound over steps (多步 with 错误)', () => {
    expect(raised('在连续多步操作中只要有一步判断错误，后面都会跟着错。')).toEqual([
      '万启超 -> 多步推理可靠性',
    ]);
    expect(raised('智能体可以自主完成多步操作。')).toEqual([]);
  });

  it('reads a clause that only sets the topic on into the next (在合规方面，…压力)', () => {
    expect(raised('在合规方面，我们面临的压力很大。')).toEqual(['万启超 -> 监管合规']);
    expect(raised('在合规方面，我们已经做了准备。')).toEqual([]);
  });

  it('leaves the terms inside a cue that does not hold free (训练数据质量)', () => {
    expect(raised('训练数据质量参差不齐。')).toEqual(['万启超 -> 数据质量']);
    expect(raised('高质量的训练数据非常稀缺。')).toEqual(['万启超 -> 数据匮乏']);
  });

  it('finds no marker inside a name (有限 in …科技有限公司)', () => {
    expect(raised('模型基于观微数据科技有限公司的金融语料训练。')).toEqual([]);
  });

  it('takes a regulator named as an institution as the regulator marker', () => {
    expect(raised('国家金融监督管理总局对模型上线有具体规定。')).toEqual(['万启超 -> 监管合规']);
  });

  it('reads local deployment as a problem when required, not when chosen', () => {
    expect(raised('中小银行都需要本地化部署，版本升级要上门做。')).toEqual([
      '万启超 -> 本地化部署',
    ]);
    expect(raised('这也是我们选择开源模型本地部署的原因。')).toEqual([]);
  });

  it('reads views and positions converging (越来越像 with 观点)', () => {
    expect(raised('大家的观点就会越来越像，持仓也会越来越挤。')).toEqual(['万启超 -> 同质化风险']);
  });
});

describe('what a term inside something else does not mention', () => {
  const raised = (text: string) => run(`北辰农商行行长万启超表示，${text}`).raised;

  it('blocks compounds: 替换成本 (switching, not compute), 合规审查 (a procedure), 可解释的范围', () => {
    expect(raised('替换成本会非常高。')).toEqual([]);
    expect(raised('如果都依赖同一家供应商，替换成本会非常高。')).toEqual(['万启超 -> 第三方依赖']);
    expect(raised('记录会保存下来，以便客户在合规审查时调阅。')).toEqual([]);
    expect(raised('不同客群的通过率差异在可解释的范围内。')).toEqual([]);
  });

  it('reads a comparison base and a skill as neither (比合规更棘手, 又懂模型验证)', () => {
    expect(raised('比合规更棘手的是幻觉。')).toEqual(['万启超 -> 幻觉']);
    expect(raised('既懂大模型又懂模型验证的人才非常稀缺。')).toEqual(['万启超 -> 人才短缺']);
  });

  it('reads a cue inside a document title as its name (《…评价规范》)', () => {
    expect(raised('可以参考人民银行发布的《人工智能算法金融应用评价规范》。')).toEqual([]);
  });
});

describe('who said a quote', () => {
  it('is the person named before a speech verb, not the first one named', () => {
    const found = run(
      '峻岭基金研究员宁知遥的报告由北辰农商行行长万启超审阅，万启超表示，幻觉是最大的问题。',
    );
    expect(found.raised).toEqual(['万启超 -> 幻觉']);
  });

  it('continues a quote over paragraphs that open with “ after a lead-in paragraph', () => {
    const found = run(
      [
        '峻岭基金首席投资官樊启航讲述了这三年投研团队的变化，',
        '“后来大家发现，模型最擅长的是读材料。',
        '“模型告诉你建议增持，却说不清是哪几条证据推出来的。',
        '“投资最怕的就是所有人站在同一边。”',
      ].join('\n'),
    );
    expect(found.raised).toEqual(['樊启航 -> 可解释性', '樊启航 -> 同质化风险']);
  });

  it('gives a quote to the person named after it (说这话的是X), not the speaker before', () => {
    const found = run(
      '琢光科技副总裁詹云鹤介绍了新版本。“模型曾凭空多写了十几个百分点。”说这话的是峻岭基金研究部总监嵇若水。',
    );
    expect(found.raised).toEqual(['嵇若水 -> 幻觉']);
  });

  it('reads a quote paragraph attributed in the next one (X这样说)', () => {
    const found = run(
      '琢光科技副总裁詹云鹤介绍了新版本。\n“模型的幻觉是最大的问题。”\n在发布会上，峻岭基金研究部总监嵇若水这样说。',
    );
    expect(found.raised).toEqual(['嵇若水 -> 幻觉']);
  });

  it('gives a sentence opening with 这位 + title to the last speaker', () => {
    const found = run(
      '在晴川消金的巩瑶看来，审慎是必要的。\n这位风险管理部负责人表示，模型说不清为什么拒绝一个客户。',
    );
    expect(found.raised).toEqual(['巩瑶 -> 可解释性']);
  });

  it('does not give a quote to a person who 这样说： the next one', () => {
    const found = run(
      '琢光科技副总裁詹云鹤介绍了新版本。“模型的幻觉是最大的问题。”对此，峻岭基金研究部总监嵇若水这样说：“要看怎么用。”',
    );
    expect(found.raised).toEqual(['詹云鹤 -> 幻觉']);
  });

  it('reads a quote paragraph attributed by a sentence that only names its speaker', () => {
    const found = run(
      '琢光科技副总裁詹云鹤介绍了新版本。\n“模型的幻觉是最大的问题。”\n峻岭基金研究部总监嵇若水开门见山。',
    );
    expect(found.raised).toEqual(['嵇若水 -> 幻觉']);
  });

  it('gives what a report shows to nobody (报告显示)', () => {
    const found = run(
      '北方金融科技研究院高级研究员端木承发布了调研报告。报告显示，多数机构还没有模型验证流程。',
    );
    expect(found.raised).toEqual([]);
  });
});
