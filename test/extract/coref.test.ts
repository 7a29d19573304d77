// Later references to a person already named: surname + honorific, and 他/她 before a verb.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('coreference', () => {
  it('reads surname + honorific as the person named before', () => {
    const found = run('北辰农商行行长万启超介绍，助手已上线。万行长坦言，算力投入要精打细算。');
    expect(found.namesOf('万启超')).toContain('万行长');
    expect(found.raised).toEqual(['万启超 -> 成本']);
  });

  it('reads compound surnames with an honorific', () => {
    const found = run('松柏人寿首席技术官诸葛云舒表示，要先治幻觉。诸葛总坦言，数据质量是难点。');
    expect(found.namesOf('诸葛云舒')).toContain('诸葛总');
    expect(found.raised).toContain('诸葛云舒 -> 数据质量');
  });

  it('picks the latest person of that surname', () => {
    const found = run(
      '甲银行行长张明表示，要稳。乙银行副行长张华认为，要快。张行长坦言，人才短缺。',
    );
    expect(found.raised).toEqual(['张华 -> 人才短缺']);
  });

  it('reads 他/她 before a speech verb as the person who spoke last', () => {
    const found = run('恒拓证券首席经济学家芮书瑶把目光投向市场。\n她认为，交易行为可能趋同。');
    expect(found.raised).toEqual(['芮书瑶 -> 同质化风险']);
  });

  it("places a role said without its institution at the speaker's institution", () => {
    const found = run(
      '澄湖银行行长皇甫云峥接受了专访。\n皇甫云峥：数据治理很难。这件事由副行长郜川牵头，他带着团队推进。',
    );
    expect(found.affiliations).toContain('郜川 @ 澄湖银行: 副行长');
  });

  it('leaves such a role unplaced when the speaker has no single institution', () => {
    const found = run('这件事由副行长郜川牵头，他带着团队推进。');
    expect(found.affiliations.filter((a) => a.startsWith('郜川'))).toEqual([]);
  });

  it('places such a role at the one employer the title names', () => {
    const text =
      '曜石数科信息技术有限公司今天发布新模型，津门银行股份有限公司是早期用户。\n\n## 技术细节\n\n首席技术官Leo Xu在会上介绍了技术细节。\n\n津门银行股份有限公司表示满意。';
    const titled = run(text, { title: '曜石数科信息技术有限公司发布新模型' });
    expect(titled.affiliations).toEqual(['Leo Xu @ 曜石数科信息技术有限公司: 首席技术官']);
    // Untitled, neither institution stands out and the role stays unplaced.
    expect(run(text, { title: '' }).affiliations).toEqual([]);
  });
});

describe('speakers', () => {
  it('reads a name before 这样 and a verb of summing up as the speaker', () => {
    const found = run('“我们要做用得起的模型。”在发布会上，亓官远这样概括曜石数科的路线。');
    expect(found.people).toEqual(['亓官远']);
  });
});
