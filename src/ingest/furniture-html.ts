// What page furniture looks like in HTML, as data: the tags, class and id words and meta keys
// the HTML cleaner (clean-html.ts, html-signals.ts, html-meta.ts) reads; it never hard-codes a
// site. The furniture of lines of text is in furniture.ts.

/** Elements that never hold article text: removed before anything is scored. */
export const JUNK_TAGS: readonly string[] = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'video',
  'audio',
  'map',
  'link',
  'meta',
  'input',
  'button',
  'select',
  'textarea',
  'dialog',
];

/**
 * HTML5 landmarks that are furniture on news pages. Removed by the strict attempt only: some
 * old sites wrap the whole page in a <form> or misuse <header>, and the looser retries keep them.
 */
export const FURNITURE_TAGS: readonly string[] = [
  'nav',
  'aside',
  'footer',
  'header',
  'menu',
  'form',
];

/** Tags that start a new paragraph when the article text is written out. */
export const BLOCK_TAGS: readonly string[] = [
  'address',
  'article',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
];

/**
 * class/id words that mark furniture. A class or id is split into words (on - _ space and
 * camelCase); a hint matches a word equal to it, or, for hints of 5 letters or more, a word
 * starting with it ("comment" matches "comments", "sidebar" matches "sidebarbox"). Short hints
 * match whole words only so that "ad" does not hit "head" and "hot" does not hit "photo". A hint
 * with a dash ("col-right") matches those words in that order.
 */
export const NEGATIVE_HINTS: readonly string[] = [
  // navigation and page chrome
  'nav',
  'navbar',
  'menu',
  'header',
  'masthead',
  'topbar',
  'top',
  'toolbar',
  'tools',
  'breadcrumb',
  'crumb',
  'crumbs',
  'footer',
  'foot',
  'logo',
  'brand',
  'slogan',
  'search',
  'login',
  'register',
  'reg',
  'pager',
  'pagination',
  'paging',
  // side columns and widgets
  'sidebar',
  'side',
  'aside',
  'widget',
  'col-right',
  // lists of other stories
  'hot',
  'hotnews',
  'hotlist',
  'rank',
  'ranking',
  'related',
  'relate',
  'recommend',
  'rec',
  'picks',
  'guess',
  'extend',
  'more',
  'ticker',
  'marquee',
  'flash',
  // reader interaction
  'comment',
  'cmt',
  'reply',
  'share',
  'sharing',
  'social',
  'subscribe',
  'follow',
  'qr',
  'qrcode',
  'download',
  // advertising
  'ad',
  'ads',
  'adv',
  'advert',
  'advertisement',
  'banner',
  'sponsor',
  'promo',
  'popup',
  'modal',
  'cookie',
  // notes around the article
  'copyright',
  'disclaimer',
  'statement',
  'tags',
  'tag',
  'keywords',
];

/** class/id words that mark the article body (same matching as NEGATIVE_HINTS). */
export const POSITIVE_HINTS: readonly string[] = [
  'article',
  'content',
  'cont',
  'con',
  'body',
  'post',
  'detail',
  'text',
  'txt',
  'main',
  'entry',
  'story',
  'zoom',
  'editor',
];

/** Meta names and properties that carry the publication date, best first. */
export const DATE_META_KEYS: readonly string[] = [
  'article:published_time',
  'og:published_time',
  'og:release_date',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish_date',
  'publish-date',
  'publishtime',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'date',
];

/** Meta names and properties that name the publishing media, best first. */
export const PUBLISHER_META_KEYS: readonly string[] = [
  'og:site_name',
  'source',
  'mediaid',
  'application-name',
  'publisher',
];
