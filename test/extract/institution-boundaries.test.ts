// Where an institution's name starts, decided by word segmentation (words a name never holds end
// the stretch in front of it), and kinds of institutions that are never names.
import { describe, expect, it } from 'vitest';
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
