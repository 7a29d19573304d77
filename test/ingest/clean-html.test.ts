import { describe, expect, it } from 'vitest';
import type { CleanDocument, DecodedDocument } from '../../src/domain/document.ts';
import { cleanHtml } from '../../src/ingest/clean-html.ts';
import { loadHtml } from '../../src/ingest/dom.ts';
import { splitTitleSuffix } from '../../src/ingest/html-meta.ts';

const P1 =
  '华东数智银行副行长沈嘉禾表示，银行最值钱的资产是客户数据，最怕的也是数据出事。据沈嘉禾介绍，“天衡”采用全栈私有化部署，训练和推理均在行内数据中心完成。';
const P2 =
  '同在数智银行的金融科技部总经理顾婉清介绍了具体的工程做法。她说，行内搭建了覆盖1.8万条业务问答的评测集，每次模型迭代都要经过三轮评测。';
const P3 =
  '深蓝智算首席技术官韩枫在发布会上介绍，问策3.0于2024年6月发布，参数规模为1300亿，此次合作采用“通用底座+行业精调”的模式。';

function run(html: string): CleanDocument {
  const doc: DecodedDocument = {
    source: 'p.html',
    format: 'html',
    contentHash: 'h',
    encoding: 'utf-8',
    text: html,
  };
  return cleanHtml(loadHtml(html), doc);
}

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

const ARTICLE = `<div class="article-body"><p>澜潮财经记者 许安然 上海报道</p><p>${P1}</p><h2>从“能写”到“写对”</h2><p>${P2}</p><p>${P3}</p><p class="editor">(责任编辑:卢骁)</p></div>`;

describe('cleanHtml: metadata', () => {
  it('prefers og:title, article:published_time and og:site_name', () => {
    const c = run(
      page(
        '<title>天衡2.0发布_澜潮财经</title><meta property="og:title" content="华东数智银行发布天衡2.0"><meta property="og:site_name" content="澜潮财经"><meta property="article:published_time" content="2024-11-08T10:26:00+08:00">',
        `<h1>别的标题</h1>${ARTICLE}`,
      ),
    );
    expect(c).toMatchObject({
      title: '华东数智银行发布天衡2.0',
      publishedAt: '2024-11-08',
      publisher: '澜潮财经',
    });
    expect(c).toMatchObject({
      source: 'p.html',
      format: 'html',
      contentHash: 'h',
      encoding: 'utf-8',
    });
  });

  it('strips the site name from og:title only when the page names that site', () => {
    const head = (og: string) =>
      `<title>x_澜潮财经</title><meta property="og:title" content="${og}"><meta property="og:site_name" content="澜潮财经">`;
    expect(run(page(head('天衡2.0发布_澜潮财经'), ARTICLE)).title).toBe('天衡2.0发布');
    expect(run(page(head('天衡2.0发布-问策3.0'), ARTICLE)).title).toBe('天衡2.0发布-问策3.0');
  });

  it('falls back to the <h1> that <title> agrees with, pubdate and meta source', () => {
    const c = run(
      page(
        '<title>鼎信证券金睿助手升级至3.0 - 证券视界网</title><meta name="pubdate" content="2025-03-21 08:30:00"><meta name="source" content="证券视界网">',
        `<h1>证券视界网</h1><h1>鼎信证券金睿助手升级至3.0</h1>${ARTICLE}`,
      ),
    );
    expect(c).toMatchObject({
      title: '鼎信证券金睿助手升级至3.0',
      publishedAt: '2025-03-21',
      publisher: '证券视界网',
    });
  });

  it('reads JSON-LD (through @graph) for the date and the publisher', () => {
    const ld = JSON.stringify({
      '@graph': [
        {
          '@type': 'NewsArticle',
          datePublished: '2025-03-21T08:30:00+08:00',
          publisher: { name: '证券视界网' },
        },
      ],
    });
    const c = run(
      page(`<title>标题一二三四</title><script type="application/ld+json">${ld}</script>`, ARTICLE),
    );
    expect(c).toMatchObject({ publishedAt: '2025-03-21', publisher: '证券视界网' });
  });

  it('uses <time datetime>, then the title suffix for the publisher', () => {
    const c = run(
      page(
        '<title>金融大模型迈入“深水区” | 数字金融报</title>',
        `<h1>金融大模型迈入“深水区”</h1><time datetime="2025-05-12T07:15:00+08:00">2025年05月12日</time>${ARTICLE}`,
      ),
    );
    expect(c).toMatchObject({
      title: '金融大模型迈入“深水区”',
      publishedAt: '2025-05-12',
      publisher: '数字金融报',
    });
  });

  it('reads the meta line under the headline (date, 来源, 责任编辑) and keeps it out of the text', () => {
    const c = run(
      page(
        '<title>无后缀的标题文字</title>',
        `<div class="top">2023年1月1日 星期日</div><div class="t">无后缀的标题文字</div><div class="m"><span>2024-07-22 15:40</span> <span>来源：齐鲁金融网</span> <span>责任编辑：欧冶子</span></div>${ARTICLE}`,
      ),
    );
    expect(c).toMatchObject({
      publishedAt: '2024-07-22',
      publisher: '齐鲁金融网',
      editor: '欧冶子',
    });
    expect(c.text).not.toContain('来源');
  });

  it('opens the text with a byline only the meta line gives, once', () => {
    const meta = (byline: string) =>
      run(
        page(
          '<title>无后缀的标题文字</title>',
          `<div class="t">无后缀的标题文字</div><div class="m">2024-11-21 16:40 ｜ 信托观察网 ｜ ${byline}</div>${ARTICLE}`,
        ),
      ).text;
    expect(meta('记者 邝一苇').split('\n')[0]).toBe('记者 邝一苇');
    // The body's own byline already names 许安然 as 记者: nothing is added.
    expect(meta('作者：许安然')).not.toContain('作者');
  });

  it('returns nulls when the page says nothing', () => {
    const c = run(page('<title>只有标题的页面文字</title>', ARTICLE));
    expect(c).toMatchObject({
      title: '只有标题的页面文字',
      publishedAt: null,
      publisher: null,
      editor: null,
    });
  });
});

describe('splitTitleSuffix', () => {
  it('strips the site name after _, |, -, --, and spaced dashes', () => {
    expect(splitTitleSuffix('天衡2.0发布_澜潮财经')).toEqual({
      headline: '天衡2.0发布',
      site: '澜潮财经',
    });
    expect(splitTitleSuffix('信任与公平如何守住?-保险科技观察')).toEqual({
      headline: '信任与公平如何守住?',
      site: '保险科技观察',
    });
    expect(splitTitleSuffix('模型风险管理 | 数字金融报')).toEqual({
      headline: '模型风险管理',
      site: '数字金融报',
    });
    expect(splitTitleSuffix('提速一半--齐鲁金融网')).toEqual({
      headline: '提速一半',
      site: '齐鲁金融网',
    });
  });

  it('does not split model names or keep a sentence as a site', () => {
    expect(splitTitleSuffix('某银行接入DeepSeek-R1').site).toBeNull();
    expect(splitTitleSuffix('GPT-4在金融问答中的表现').site).toBeNull();
    expect(splitTitleSuffix('标题_这是一句很长的话，不是站名').site).toBeNull();
  });
});

describe('cleanHtml: content', () => {
  it('keeps bylines, subheads and sign-offs, one paragraph per line', () => {
    const c = run(page('<title>标题文字足够长</title>', ARTICLE));
    expect(c.text.split('\n')).toEqual([
      '澜潮财经记者 许安然 上海报道',
      P1,
      '从“能写”到“写对”',
      P2,
      P3,
      '(责任编辑:卢骁)',
    ]);
  });

  it('removes furniture by tag and by class/id hints', () => {
    const c = run(
      page(
        '<title>标题文字足够长</title><style>.a{}</style>',
        `<header><nav><a href="/">首页</a></nav></header>
         <div class="breadcrumb"><a href="/">首页</a> &gt; 正文</div>
         <div class="main">${ARTICLE}
           <div class="article-tags">标签：<a href="/t">金融大模型</a></div>
           <div class="copyright-note">版权声明:本文为澜潮财经原创,未经授权不得转载。</div>
           <section class="comments"><p>老周看银行：“最后签字的一定是人”，这句话说得好，值得所有银行认真思考。</p></section>
         </div>
         <aside class="sidebar"><a href="/x">锦程银行行长贺知远：零售转型要从“规模”走向“价值”</a></aside>
         <script>var hot = "青鸾支付创始人裴书言";</script>
         <footer>© 2024 上海澜潮文化传媒有限公司</footer>`,
      ),
    );
    for (const gone of [
      '首页',
      '金融大模型',
      '版权声明',
      '老周看银行',
      '贺知远',
      '裴书言',
      '上海澜潮文化传媒有限公司',
    ]) {
      expect(c.text).not.toContain(gone);
    }
    expect(c.text).toContain(P3);
  });

  it('drops link lists, disclaimers and related-reading blocks inside the article container', () => {
    const c = run(
      page(
        '<title>标题文字足够长</title>',
        `<div class="x1"><p>${P1}</p><p>${P2}</p>
           <div class="x2"><p>延伸阅读</p><ul><li><a href="/1">常青树保险经纪总经理汤启明：代理人不会被AI取代</a></li><li><a href="/2">云杉再保险发布巨灾模型白皮书</a></li></ul></div>
           <p>声明：本文仅代表嘉宾观点，不构成任何投保或投资建议。</p>
           <p>风险提示：股市有风险，投资需谨慎。</p></div>`,
      ),
    );
    expect(c.text.split('\n')).toEqual([P1, P2]);
  });

  it('splits <br>-separated text into paragraphs and decodes entities', () => {
    const c = run(
      page(
        '<title>标题文字足够长</title>',
        `<div class="c7">${P1}<br>${P2}<br/>&ldquo;AT&amp;T&rdquo;&nbsp;与&#20013;国银行<br>${P3}</div>`,
      ),
    );
    expect(c.text.split('\n')).toEqual([P1, P2, '“AT&T” 与中国银行', P3]);
  });

  it('joins source line breaks between Chinese characters but not between tags', () => {
    const c = run(
      page(
        '<title>标题文字足够长</title>',
        `<div><p>华东数智银行\n      副行长沈嘉禾表示，${P1}</p><p><span>作者:</span>\n<span>许安然</span></p><p>${P2}</p></div>`,
      ),
    );
    expect(c.text).toContain('华东数智银行副行长沈嘉禾表示');
    expect(c.text).toContain('作者: 许安然');
  });

  it('ignores hidden elements', () => {
    const c = run(
      page(
        '<title>标题文字足够长</title>',
        `<div><p>${P1}</p><p style="display: none">隐藏的推广文字：开户有礼</p><p hidden>另一段隐藏文字</p><p>${P2}</p></div>`,
      ),
    );
    expect(c.text).not.toContain('隐藏');
  });

  it('retries with looser rules when the strict pass finds too little (article under a furniture-like class)', () => {
    const hotList = Array.from(
      { length: 8 },
      (_, i) =>
        `<li><a href="/${i}">热点${i}：银行、保险、证券，谁在领跑？机构如何布局、怎样落地？</a></li>`,
    ).join('');
    const c = run(
      page(
        '<title>标题文字足够长</title>',
        `<div class="share-wrap"><p>${P1}</p><p>${P2}</p></div><div class="hotlist"><ul>${hotList}</ul></div>`,
      ),
    );
    expect(c.text.split('\n')).toEqual([P1, P2]);
  });

  it('handles a fragment without <html> or <body>', () => {
    const c = run(`<p>${P1}</p><p>${P2}</p>`);
    expect(c.text.split('\n')).toEqual([P1, P2]);
  });

  it('returns empty text for an empty page', () => {
    expect(run('').text).toBe('');
  });
});
