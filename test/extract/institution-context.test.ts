// Institutions named without a suffix, found from the words around them: a title and a person
// after them, 记者 after them, 对X表示, a source line, a descriptive noun before them, a list
// with another institution. Each names its evidence.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

const basisOf = (found: ReturnType<typeof run>, name: string) =>
  found.extraction.institutions.find((i) => i.name === name)?.basis;

describe('institutions from their context', () => {
  it('reads the words before a title and a person as the employer', () => {
    const found = run('江州大学教授、云栖核芯首席科学家乐川表示，推理芯片要省电。');
    expect(found.institutions).toContain('云栖核芯');
    expect(basisOf(found, '云栖核芯')).toBe('subject-before-title');
  });

  it('does not read a department or a title chain as an employer', () => {
    const found = run('澄湖银行人力资源部总经理岑樾表示，培训很重要。');
    expect(found.institutions).toEqual(['澄湖银行']);
  });

  it('reads the outlet a reporter writes for', () => {
    const found = run('澄湖银行人士对晨星财经记者表示，试点已经开始。');
    expect(found.institutions).toContain('晨星财经');
    expect(basisOf(found, '晨星财经')).toBe('outlet-before-reporter');
    expect(run('本报记者获悉，试点已经开始。').institutions).toEqual([]);
  });

  it('reads the outlet a speaker talks to, but not 对于…来说', () => {
    const found = run('澄湖银行研究员岑樾对潮声新闻介绍，模型已经上线。');
    expect(found.institutions).toContain('潮声新闻');
    expect(run('对于中小机构来说，成本仍是门槛。').institutions).toEqual([]);
  });

  it('reads the outlet of a source line, not of a picture credit', () => {
    expect(run('本文来源：晨星财经 作者：岑樾\n模型已经上线。').institutions).toContain('晨星财经');
    expect(run('图片来源：远景图库\n模型已经上线。').institutions).toEqual([]);
  });

  it('reads a name between a descriptive noun and a bracket', () => {
    const found = run('金融科技机构云栖壹通（NYSE.YQT）又换了掌门人。');
    expect(found.institutions).toEqual(['云栖壹通']);
  });

  it('reads the members of a list with a known institution or closed by 等企业', () => {
    const found = run('该行已为华为、云栖线程等人工智能龙头企业提供授信。');
    expect(found.institutions).toContain('云栖线程');
    expect(run('支持港口、铁路枢纽等基础设施建设。').institutions).toEqual([]);
  });
});

describe('more context for institutions', () => {
  it('reads what has an official website as an institution', () => {
    const found = run('查阅NovaPath官网可以发现，套餐分为三档。');
    expect(found.institutions).toEqual(['NovaPath']);
    expect(basisOf(found, 'NovaPath')).toBe('owns-official-site');
  });

  it('reads the peer of a known institution in X与Y', () => {
    const found = run('云栖国际与招商银行达成战略合作。');
    expect(found.institutions).toContain('云栖国际');
  });

  it('ends a suffix name before a title though the suffix usually goes on', () => {
    const found = run('北京晨曦视界科技创始人乐川表示，端侧智能潜力巨大。');
    expect(found.institutions).toEqual(['北京晨曦视界科技']);
    expect(run('科技创新离不开投入。').institutions).toEqual([]);
  });

  it('takes a foreign country as a place, so the name goes without it too', () => {
    const found = run('日本晨曦集团宣布投资。晨曦集团随后发布公告。');
    expect(found.institutions).toEqual(['日本晨曦集团']);
    expect(found.namesOf('日本晨曦集团')).toContain('晨曦集团');
  });

  it('names a foreign institution without its country though the text never does', () => {
    const found = run('美国远帆集团宣布联合投资算力中心。');
    expect(found.namesOf('美国远帆集团')).toEqual(['美国远帆集团', '远帆集团']);
  });
});

describe('outlets spoken to', () => {
  it('reads an outlet whose first word jieba files as a verb (澎湃/v 新闻)', () => {
    expect(run('研究员岑樾对澎湃新闻介绍，模型已经上线。').institutions).toContain('澎湃新闻');
  });

  it('reads 对X表示 as speech only before what is said', () => {
    expect(run('他对市场前景表示乐观。').institutions).toEqual([]);
    expect(run('研究员岑樾对潮声新闻表示，模型已经上线。').institutions).toContain('潮声新闻');
  });
});

describe('forms that name companies', () => {
  it('reads a Latin name with 公司 as a company, its product left alone', () => {
    const found = run('春节前后，Zenlake公司推出了Zenlake-R2大模型。');
    expect(found.institutions).toEqual(['Zenlake公司']);
    expect(found.models).toContain('Zenlake-R2');
  });

  it('reads a mutual insurer and the short name it goes by (相互人寿)', () => {
    const found = run('云舟相互人寿坚持长期经营。据悉，云舟2024年保费收入增长。');
    expect(found.institutions).toEqual(['云舟相互人寿']);
  });

  it('reads words of a line of work before a kind word as a description (AI策略基金经理)', () => {
    expect(run('某机构AI策略基金经理岑樾对记者表示，看好后市。').institutions).not.toContain(
      'AI策略基金',
    );
  });
});

describe('titles in a list before one person', () => {
  it('gives the employer of each title to the person after the last one', () => {
    const found = run('青枫首席研究员、南溪金融实验室副主任岑樾对记者表示，前景广阔。');
    expect(found.affiliations).toEqual([
      '岑樾 @ 青枫: 首席研究员',
      '岑樾 @ 南溪金融实验室: 副主任',
    ]);
  });

  it('reads a place and a field before 协会 as a name (中国信息协会)', () => {
    const found = run('中国数据协会常务理事岑樾表示，前景广阔。');
    expect(found.institutions).toEqual(['中国数据协会']);
    expect(run('行业协会发布了报告。').institutions).toEqual([]);
  });
});
