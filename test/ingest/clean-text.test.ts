import { describe, expect, it } from 'vitest';
import type { DecodedDocument, DocumentFormat } from '../../src/domain/document.ts';
import { cleanText } from '../../src/ingest/clean-text.ts';
import {
  isByline,
  isFurnitureHeading,
  isMenuLine,
  isSignature,
  looksLikeMediaName,
  makeLine,
  toIsoDate,
} from '../../src/ingest/lines.ts';
import { markdownToLines } from '../../src/ingest/markdown.ts';
import { dropFurniture, parseMetaLine } from '../../src/ingest/strip-lines.ts';

function doc(text: string, format: DocumentFormat = 'txt'): DecodedDocument {
  return { source: `t.${format}`, format, contentHash: 'h', encoding: 'utf-8', text };
}

const P1 =
  '北辰农村商业银行股份有限公司（以下简称“北辰农商行”）今年2月采购了大模型一体机，并在此基础上开发了面向客户经理的助手，主要用于贷前调查报告撰写、制度问答和营销话术生成。';
const P2 =
  '北辰农商行科技信息部总经理田野则更关心数据。他告诉记者，辰星助手上线初期，客户经理反馈最多的问题是“答非所问”，排查后发现根源在数据质量。';
const P3 =
  '鼎信证券银行业首席分析师程立言指出，中小银行在大模型上高度依赖外部厂商，一旦厂商经营出现问题或者产品停止更新，银行很难独立维护。';

/** A headline, as long as real ones are. */
const T = '大模型进入银行核心系统';

const lines = (...texts: string[]) => texts.map((t) => makeLine(t));
const texts = (ls: { text: string }[]) => ls.map((l) => l.text);

describe('cleanText: header block', () => {
  const dump = [
    '中小银行“借脑”大模型：算力、人才与数据三道坎怎么迈？',
    '',
    '来源: 潮汐财经',
    '',
    '责任编辑: 卓然',
    '',
    '发布时间: 2025-04-18 16:20:05',
    '',
    '0',
    '',
    '0',
    '',
    '文 | 潮汐财经记者 蒋其',
    '',
    '编辑 | 白芷',
    '',
    P1,
    '',
    P2,
  ].join('\n');
  const clean = cleanText(doc(dump));

  it('takes the first line as the title and the header fields as metadata', () => {
    expect(clean.title).toBe('中小银行“借脑”大模型：算力、人才与数据三道坎怎么迈？');
    expect(clean.publisher).toBe('潮汐财经');
    expect(clean.editor).toBe('卓然');
    expect(clean.publishedAt).toBe('2025-04-18');
  });

  it('removes header fields and counters, keeps bylines', () => {
    expect(clean.text.split('\n')).toEqual(['文 | 潮汐财经记者 蒋其', '编辑 | 白芷', P1, P2]);
  });

  it('passes the document identity through', () => {
    expect(clean).toMatchObject({
      source: 't.txt',
      format: 'txt',
      contentHash: 'h',
      encoding: 'utf-8',
    });
  });

  it('ignores a 来源 that is a sentence rather than a media name', () => {
    const c = cleanText(doc(`${T}\n来源: 水果种植经验分享,这几种水果种植稳赚\n${P1}`));
    expect(c.publisher).toBeNull();
    expect(c.text).not.toContain('水果种植');
  });

  it('reads full-width colons, other keys and several fields on one line; 作者 stays as a byline', () => {
    const c = cleanText(
      doc(`${T}\n发布时间：2024年9月15日 18:02　来源：新华社　作者：张三\n日期：2024/09/16\n${P1}`),
    );
    expect(c.publishedAt).toBe('2024-09-15');
    expect(c.publisher).toBe('新华社');
    expect(c.text.split('\n')).toEqual(['作者：张三', P1]);
  });

  it('reads traditional-character keys', () => {
    const c = cleanText(doc(`${T}\n來源：寶島財經\n責任編輯：邱曉嵐\n發佈時間：2024-10-30\n${P1}`));
    expect(c).toMatchObject({ publisher: '寶島財經', editor: '邱曉嵐', publishedAt: '2024-10-30' });
    expect(c.text).toBe(P1);
  });

  it('skips the site name, menu and breadcrumbs above the headline', () => {
    const c = cleanText(
      doc(`湾区财经周刊\n首页 | 峰会 | 银行 | 证券\n峰会 > 2025湾区金融科技峰会\n${T}\n${P1}`),
    );
    expect(c.title).toBe(T);
    expect(c.text).toBe(P1);
  });

  it('skips a menu line and crumbs before the headline', () => {
    const c = cleanText(doc(`首页 | 新闻 | 财经 | 科技\n正文\n大模型进入银行核心系统\n${P1}`));
    expect(c.title).toBe('大模型进入银行核心系统');
  });
});

describe('cleanText: furniture after the article', () => {
  it('drops a hot list (heading + number lines + headlines) and a pipe footer', () => {
    const dump = [
      T,
      P1,
      P2,
      '新闻热榜',
      '1',
      '望江农商银行董事长柏青峰：数字化转型要量力而行',
      '2',
      '歌手温予棠全国巡演首站门票秒空',
      '热门攻略',
      '1',
      '大额存单还能买吗？4月各银行利率一览',
      '关于我们 | 联系我们 | 商务合作 | 网站地图 | 苏ICP备2022047713号-1 | 南京潮汐网络科技有限公司',
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([P1, P2]);
  });

  it('drops a "1." numbered recommendation list and a copyright line', () => {
    const dump = [
      T,
      P1,
      '推荐阅读',
      '1. 锦湖人寿董事长呼延松：养老金融是长期赛道',
      '2. 南溪银行发布三季度经营数据',
      'Copyright © 2025 新澜财讯',
    ].join('\n');
    expect(cleanText(doc(dump)).text).toBe(P1);
  });

  it('ends the article at a comments heading even when comments are long sentences', () => {
    const comment =
      '网友甲：说得太好了，银行确实需要重视可解释性，不然客户投诉会非常多，监管也不会放过，这个问题必须解决。';
    const dump = [T, P1, P2, P3, '网友评论(2)', comment, comment].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([P1, P2, P3]);
  });

  it('resumes the article after an inset related-reading list', () => {
    const dump = [
      T,
      P1,
      '相关阅读',
      '锦程银行行长贺知远：零售转型要从“规模”走向“价值”',
      P2,
      P3,
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([P1, P2, P3]);
  });

  it('drops an unlabelled numbered hot list at the end', () => {
    const dump = [
      T,
      P1,
      P2,
      '1',
      '多地发布高温预警',
      '2',
      '国产大飞机新航线开通',
      '3',
      '羽毛球亚锦赛：蔺泽宇晋级八强',
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([P1, P2]);
  });

  it('keeps sign-offs, captions and short paragraphs that end the article', () => {
    const dump = [
      T,
      P1,
      '（“金融大模型的进阶之路”圆桌讨论会现场）',
      '不可避免地，路上总有挑战。',
      P2,
      '（责任编辑：卢骁）',
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([
      P1,
      '（“金融大模型的进阶之路”圆桌讨论会现场）',
      '不可避免地，路上总有挑战。',
      P2,
      '（责任编辑：卢骁）',
    ]);
  });

  it('drops disclaimers and share bars', () => {
    const dump = [
      T,
      P1,
      '风险提示：本文内容仅供参考，不构成投资建议。',
      '声明：本文仅代表作者观点。',
      '分享到：微信 微博',
      P2,
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toEqual([P1, P2]);
  });

  it('keeps the Q&A lines of an interview', () => {
    const dump = [
      T,
      '记者：银行采购大模型时，最关心什么？',
      `张三：${P1}`,
      '记者：成本呢？',
      `张三：${P2}`,
    ].join('\n');
    expect(cleanText(doc(dump)).text.split('\n')).toHaveLength(4);
  });
});

describe('cleanText: announcements', () => {
  const dump = [
    '证券代码：601999　证券简称：江川银行　公告编号：2025-018',
    '江川农村商业银行股份有限公司',
    '关于聘任高级管理人员的公告',
    P1,
    '董事会同意聘任闻人澄先生为本行首席信息官。',
    '特此公告。',
    '江川农村商业银行股份有限公司董事会',
    '2025年3月28日',
  ].join('\n');
  const c = cleanText(doc(dump));

  it('joins a two-line announcement title and drops the filing line', () => {
    expect(c.title).toBe('江川农村商业银行股份有限公司关于聘任高级管理人员的公告');
    expect(c.text).not.toContain('证券代码');
  });

  it('keeps the signature block and takes its date', () => {
    expect(c.text.endsWith('特此公告。\n江川农村商业银行股份有限公司董事会\n2025年3月28日')).toBe(
      true,
    );
    expect(c.publishedAt).toBe('2025-03-28');
  });
});

describe('cleanText: Markdown', () => {
  const md = [
    '---',
    'title: 前置标题',
    'date: 2025-05-20',
    'source: 澄江财经',
    'author: 甘棠',
    '---',
    '',
    '# 前置标题',
    '',
    '**澄江财经记者 | 甘棠**',
    '',
    '记者近日调研发现，多家持牌消费金融公司已将大模型用于**催收质检**、*客服辅助*等内部场景，但在直接面向客户的营销和授信环节，',
    '大多仍处于试点阶段。',
    '',
    '> 引用的一句话。',
    '',
    '说这句话的是副总经理[欧阳晨](https://example.com)。![图](a.jpg)',
    '',
    '## 应用场景',
    '',
    '1. 催收录音质检；',
    '- 客服工单摘要。',
    '',
    '| 场景 | 部门 |',
    '|---|:---:|',
    '| 催收质检 | 贷后管理部 |',
    '',
    '## 相关阅读',
    '',
    '- [晨曦银行行长皇甫朔：零售贷款要稳字当头](/n/1)',
  ].join('\n');
  const c = cleanText(doc(md, 'md'));

  it('reads the front matter', () => {
    expect(c).toMatchObject({
      title: '前置标题',
      publishedAt: '2025-05-20',
      publisher: '澄江财经',
    });
  });

  it('strips Markdown syntax and joins soft-wrapped lines', () => {
    expect(c.text.split('\n')).toEqual([
      '作者：甘棠',
      '澄江财经记者 | 甘棠',
      '记者近日调研发现，多家持牌消费金融公司已将大模型用于催收质检、客服辅助等内部场景，但在直接面向客户的营销和授信环节，大多仍处于试点阶段。',
      '引用的一句话。',
      '说这句话的是副总经理欧阳晨。',
      '应用场景',
      '催收录音质检；',
      '客服工单摘要。',
      '场景 部门',
      '催收质检 贷后管理部',
    ]);
  });

  it('takes the first # heading as the title when there is no front matter', () => {
    const c2 = cleanText(doc(`[首页](/) > 正文\n\n# 大模型进入银行核心系统\n\n${P1}`, 'md'));
    expect(c2.title).toBe('大模型进入银行核心系统');
    expect(c2.text).toBe(P1);
  });

  const blocks = (source: string) =>
    markdownToLines(source).lines.map(({ text, kind }) => ({ text, kind }));

  it('keeps code fence content and drops the fences, rules and reference definitions', () => {
    expect(
      blocks('段落一。\n\n```\nconst a = 1;\n```\n\n***\n\n[ref]: https://x.y\n\n标题\n===\n'),
    ).toEqual([
      { text: '段落一。', kind: 'para' },
      { text: 'const a = 1;', kind: 'para' },
      { text: '标题', kind: 'heading' },
    ]);
  });

  it('strips inline syntax', () => {
    expect(blocks('**粗**、*斜*、~~删~~、`码`、[链](u)、![图](i)、&amp;、\\*')).toEqual([
      { text: '粗、斜、删、码、链、、&、*', kind: 'para' },
    ]);
  });

  it('ends a line at a break after a short line or a sentence, joins a wrapped one', () => {
    expect(
      blocks(
        [
          '来源：澄江财经',
          '作者：甘棠',
          '这家银行在二〇二五年把大模型接入了客服和信贷审批两个',
          '环节。下一句另起一行。',
          'The bank said its model was trained on',
          'public filings.',
        ].join('\n'),
      ),
    ).toEqual([
      { text: '来源：澄江财经', kind: 'para' },
      { text: '作者：甘棠', kind: 'para' },
      {
        text: '这家银行在二〇二五年把大模型接入了客服和信贷审批两个环节。下一句另起一行。',
        kind: 'para',
      },
      { text: 'The bank said its model was trained on public filings.', kind: 'para' },
    ]);
  });

  it('closes emphasis after Chinese punctuation, before a Chinese character', () => {
    expect(blocks('**某某财经讯（记者 张三）**某银行日前宣布上线大模型。')).toEqual([
      { text: '某某财经讯（记者 张三）某银行日前宣布上线大模型。', kind: 'para' },
    ]);
  });

  it('drops scripts and comments written as raw HTML, and keeps inline HTML text', () => {
    expect(blocks('<script>alert(1)</script>\n\n<!-- 注释 -->\n\n正文<span>一句</span>。')).toEqual(
      [{ text: '正文一句。', kind: 'para' }],
    );
  });
});

describe('line shapes', () => {
  it('parses meta lines and rejects sentences', () => {
    expect(parseMetaLine(makeLine('2024-11-08 10:26 来源:澜潮财经 作者:许安然'))).toEqual([
      { role: 'date', raw: '2024-11-08 10:26', value: '2024-11-08 10:26' },
      { role: 'publisher', raw: '来源:澜潮财经', value: '澜潮财经' },
      { role: 'byline', raw: '作者:许安然', value: '许安然' },
    ]);
    expect(parseMetaLine(makeLine(P1))).toBeNull();
    expect(
      parseMetaLine(makeLine('记者注意到，来源：据统计，今年以来银行业大模型采购金额持续增长。')),
    ).toBeNull();
  });

  it('converts dates to ISO', () => {
    expect(toIsoDate('2024-11-08T10:26:00+08:00')).toBe('2024-11-08');
    expect(toIsoDate('2025年5月12日 07:15')).toBe('2025-05-12');
    expect(toIsoDate('2024/9/6')).toBe('2024-09-06');
    expect(toIsoDate('20250321')).toBe('2025-03-21');
    expect(toIsoDate('二〇二四年九月十五日')).toBe('2024-09-15');
    expect(toIsoDate('2024-13-45')).toBeNull();
    expect(toIsoDate('阅读 3829')).toBeNull();
  });

  it('recognises furniture headings, including unlisted ones by their ending', () => {
    for (const h of [
      '新闻热榜',
      '猜你喜欢',
      '相关阅读',
      '网友评论(4)',
      '【延伸阅读】',
      '24小时热闻',
      '要闻排行',
      '熱門推薦',
    ]) {
      expect(isFurnitureHeading(makeLine(h))).toBe(true);
    }
    for (const h of ['应用场景多方面突破', '推荐算法的隐忧', '技术与成本的多重挑战']) {
      expect(isFurnitureHeading(makeLine(h))).toBe(false);
    }
  });

  it('recognises menus, bylines, signatures and media names', () => {
    expect(isMenuLine('关于我们 | 联系我们 | 加入我们')).toBe(true);
    expect(isMenuLine('首页 > 银行 > 正文')).toBe(true);
    expect(isMenuLine('界面新闻记者 | 何柳颖')).toBe(false);
    for (const b of [
      '界面新闻记者 | 何柳颖',
      '文 | 潮汐财经记者 蒋其',
      '(责任编辑:卢骁)',
      '本报记者 喻涵 北京报道',
      '编辑:温小满',
    ]) {
      expect(isByline(makeLine(b))).toBe(true);
    }
    expect(isByline(makeLine(P1))).toBe(false);
    expect(isSignature(makeLine('江川农村商业银行股份有限公司董事会'))).toBe(true);
    expect(isSignature(makeLine('2025年3月28日'))).toBe(true);
    expect(looksLikeMediaName('证券视界网')).toBe(true);
    expect(looksLikeMediaName('水果种植经验分享,这几种水果种植稳赚')).toBe(false);
  });

  it('dropFurniture ends the article at a heading no article paragraph follows', () => {
    const out = dropFurniture(
      lines(
        P1,
        '猜你喜欢',
        '年轻人为什么不爱办信用卡了？',
        '知名主持人何予安谈职场：别怕慢，怕的是停',
      ),
    );
    expect(texts(out)).toEqual([P1]);
  });
});
