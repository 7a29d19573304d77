import type { Article } from './article.ts';
import { NAV } from './vocabulary.ts';

// An article as the crawler would have saved it: a plain-text dump of the page (header lines,
// counters, bylines, the body, numbered hot lists, a footer line) or a full HTML page (head with
// metadata and scripts, navigation, breadcrumb, the article, related links, comments, a sidebar
// and a footer), like the two kinds of file in ../shared/corpus/dev.

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text dump of a page, furniture included. */
export function renderText(article: Article): string {
  const { site } = article;
  const lines = [
    article.title,
    `来源: ${site.name}`,
    `责任编辑: ${article.editor}`,
    `发布时间: ${article.date} ${article.time}`,
    '0',
    '0',
    `${site.name}记者 | ${article.reporter}`,
    `${site.name}编辑 | ${article.editor}`,
    ...article.body.map((block) => ('heading' in block ? block.heading : block.paragraph)),
    '新闻热榜',
    ...article.hot.flatMap((headline, i) => [String(i + 1), headline]),
    '热门推荐',
    ...article.recommended.flatMap((headline, i) => [String(i + 1), headline]),
    `${site.name}客户端 | 关于我们 | 联系方式 | 广告合作 | 网站地图 | 隐私政策 | ${site.icp} | © ${article.date.slice(0, 4)} ${site.company}`,
  ];
  return `${lines.join('\n\n')}\n`;
}

/** The HTML page of an article, with two page layouts chosen by `variant`. */
export function renderHtml(article: Article, variant: number): string {
  const { site } = article;
  const year = article.date.slice(0, 4);
  const body = article.body
    .map((block) =>
      'heading' in block
        ? `        <h${variant % 2 === 0 ? 2 : 3}>${escapeHtml(block.heading)}</h${variant % 2 === 0 ? 2 : 3}>`
        : `        <p>${escapeHtml(block.paragraph)}</p>`,
    )
    .join('\n');
  const list = (items: string[]) =>
    items
      .map(
        (item, i) =>
          `        <li><a href="/news/${article.date.replaceAll('-', '')}/${9000 + i}.html">${escapeHtml(item)}</a></li>`,
      )
      .join('\n');
  const comments = article.comments
    .map(
      (c) =>
        `      <div class="comment-item"><span class="user">${escapeHtml(c.user)}</span><span class="c-time">${article.date} ${article.time.slice(0, 5)}</span><p>${escapeHtml(c.text)}</p></div>`,
    )
    .join('\n');
  const nav = NAV.map((item, i) => `        <li><a href="/c${i}/">${item}</a></li>`).join('\n');
  const main = variant % 2 === 0 ? 'article' : 'div';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(article.title)}_${site.name}</title>
<meta name="keywords" content="金融大模型,银行AI,${escapeHtml(site.name)}">
<meta name="author" content="${escapeHtml(article.reporter)}">
<meta property="og:title" content="${escapeHtml(article.title)}">
<meta property="og:site_name" content="${site.name}">
<meta property="article:published_time" content="${article.date}T${article.time}+08:00">
<link rel="stylesheet" href="/static/css/article.min.css?v=${year}1101">
<script>
window.__PAGE_DATA__ = {"author": "${escapeHtml(article.reporter)}", "editor": "${escapeHtml(article.editor)}", "pubTime": "${article.date} ${article.time.slice(0, 5)}", "hotList": [${article.hot
    .slice(0, 3)
    .map((h) => `{"title": "${escapeHtml(h)}"}`)
    .join(', ')}]};
</script>
</head>
<body>
<div class="topbar"><a href="/app/">APP下载</a> | <a href="/login/">登录</a> | <a href="/register/">注册</a></div>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/static/img/logo.png" alt="${site.name}"></a></div>
  <nav class="main-nav">
    <ul>
${nav}
    </ul>
  </nav>
</header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/bank/">银行</a> &gt; 正文</div>
<div class="container">
  <main class="main-col">
    <${main} class="article">
      <h1 class="article-title">${escapeHtml(article.title)}</h1>
      <div class="article-meta">
        <span class="time">${article.date} ${article.time.slice(0, 5)}</span>
        <span class="source">来源:${site.name}</span>
        <span class="author">作者:${escapeHtml(article.reporter)}</span>
      </div>
      <div class="article-body">
        <p>${site.name}记者 ${escapeHtml(article.reporter)} ${article.city}报道</p>
${body}
        <p class="editor">(责任编辑:${escapeHtml(article.editor)})</p>
      </div>
      <div class="copyright-note">版权声明:本文为${site.name}原创,未经授权不得转载。</div>
    </${main}>
    <section class="related">
      <h3>相关阅读</h3>
      <ul>
${list(article.recommended)}
      </ul>
    </section>
    <section class="comments">
      <h3>网友评论(${article.comments.length})</h3>
${comments}
    </section>
  </main>
  <aside class="sidebar">
    <div class="side-block hot-news">
      <h3>热点新闻</h3>
      <ol>
${list(article.hot)}
      </ol>
    </div>
  </aside>
</div>
<footer class="site-footer">
  <p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/ad/">广告服务</a></p>
  <p>© ${year} ${site.name} 版权所有 ${site.company}</p>
  <p>${site.icp}</p>
</footer>
</body>
</html>
`;
}
