// What the furniture of a line of text looks like, as data: the line strippers (strip-lines.ts,
// lines.ts, clean-text.ts) read these lists and never hard-code a site. Patterns are written in
// simplified Chinese and are matched against the simplified form of a line (normalize.ts), so
// Big5 pages match too. The HTML side (tags, class words, meta keys) is in furniture-html.ts.

/**
 * Headings of furniture sections (hot-news lists, related links, comments). Compared with the
 * line after punctuation, counts ("网友评论(4)") and "更多" links are stripped.
 */
export const FURNITURE_HEADINGS: readonly string[] = [
  '新闻热榜',
  '热榜',
  '热门攻略',
  '热门推荐',
  '热门游戏',
  '热门文章',
  '热门新闻',
  '热门资讯',
  '热门专题',
  '热门视频',
  '热门评论',
  '热点新闻',
  '热点推荐',
  '热点排行',
  '热闻',
  '24小时热闻',
  '猜你喜欢',
  '猜你感兴趣',
  '你可能感兴趣',
  '大家都在看',
  '看了又看',
  '相关阅读',
  '相关新闻',
  '相关文章',
  '相关报道',
  '相关推荐',
  '相关链接',
  '延伸阅读',
  '推荐阅读',
  '扩展阅读',
  '编辑推荐',
  '精彩推荐',
  '为你推荐',
  '今日推荐',
  '专题推荐',
  '往期回顾',
  '往期推荐',
  '更多精彩',
  '最新文章',
  '最新公告',
  '相关公告',
  '往期公告',
  '公告列表',
  '近期公告',
  '最新资讯',
  '最新新闻',
  '要闻排行',
  '排行榜',
  '点击排行',
  '阅读排行',
  '网友评论',
  '全部评论',
  '最新评论',
  '精彩评论',
  '发表评论',
  '读者留言',
  '评论区',
  '友情链接',
  '合作伙伴',
];

/**
 * A short line ending in one of these words is a furniture heading too ("要闻排行", "24小时热闻",
 * "编辑推荐"), for the headings no list can foresee. Only lines of at most
 * FURNITURE_HEADING_MAX_LENGTH characters are considered.
 */
export const FURNITURE_HEADING_ENDINGS: readonly string[] = [
  '热榜',
  '热闻',
  '热点',
  '热门',
  '热搜',
  '排行',
  '排行榜',
  '推荐',
  '评论',
  '留言',
  '相关阅读',
  '延伸阅读',
  '相关新闻',
  '相关文章',
  '专题',
];

export const FURNITURE_HEADING_MAX_LENGTH = 10;

/**
 * Furniture headings ending in these words open a comments section. Comments always follow
 * the article and can be long, punctuated sentences, so such a heading ends the article once
 * most of the article's prose is behind it.
 */
export const COMMENT_HEADING_ENDINGS: readonly string[] = [
  '评论',
  '留言',
  '跟帖',
  '评论区',
  '网友说',
];

/**
 * A very short line starting with one of these words is a furniture heading too ("相关公告",
 * "热门专访", "更多精彩"); at most FURNITURE_HEADING_PREFIX_MAX_LENGTH characters, so that a
 * subhead such as "推荐算法的隐忧" is not taken for one.
 */
export const FURNITURE_HEADING_PREFIXES: readonly string[] = [
  '相关',
  '热门',
  '更多',
  '推荐',
  '延伸',
  '往期',
  '猜你',
];

export const FURNITURE_HEADING_PREFIX_MAX_LENGTH = 5;

/**
 * Lines that are page furniture wherever they stand, however long: licence numbers and
 * public-security registrations only ever appear in footers.
 */
export const FOOTER_STRONG_PATTERNS: readonly RegExp[] = [
  /ICP[备证]\s*\d|ICP[备证][^\n]{0,4}号/i,
  /公网安备\s*\d/,
  /互联网新闻信息服务许可证/,
  /增值电信业务经营许可证/,
  /违法和不良信息举报/,
];

/**
 * Lines that are furniture unless they read as a real paragraph (an article may well discuss
 * 版权所有 or quote a copyright notice).
 */
export const FOOTER_WEAK_PATTERNS: readonly RegExp[] = [
  /版权所有/,
  /©|Copyright|All Rights Reserved|\(c\)\s*\d{4}/i,
  /^(关于我们|联系我们|加入我们|网站地图|广告服务|隐私政策|投稿须知)/,
  /(关于我们|联系我们|联系方式|网站地图).{0,30}(关于我们|联系我们|联系方式|网站地图|广告|投稿)/,
  /举报(电话|邮箱|中心)/,
];

/** Disclaimers and notes about the article, not part of it. Matched at the start of a line. */
export const DISCLAIMER_PATTERNS: readonly RegExp[] = [
  /^[【[（(]?\s*(风险提示|免责声明|特别声明|郑重声明|版权声明|转载声明|法律声明)/,
  /^[【[（(]?\s*声明\s*[:：]/,
  /^[【[（(]?\s*(本文仅代表|本文不构成|本文内容仅供参考|以上内容仅供参考|投资有风险|股市有风险|市场有风险)/,
  /未经(书面)?(许可|授权).{0,12}(不得|禁止|严禁)(转载|使用|复制)/,
  /转载请(注明|联系)/,
];

/** Share bars, app prompts and page tools. Matched at the start of short lines. */
export const TOOL_LINE_PATTERNS: readonly RegExp[] = [
  /^(分享到|分享至|一键分享|扫一扫|扫码|微信扫|打开APP|下载APP|打开客户端|下载客户端|返回顶部|返回首页|打印本页|关闭窗口|点击下载|点击查看|字号|收藏本文|举报|纠错)/i,
  /^【(纠错|打印|关闭|收藏)】/,
  /^(当前位置|您的位置|你的位置|所在位置)\s*[:：]/,
  /^(广告|推广|赞助)\s*[|｜:：]/,
  /^(上一篇|下一篇)[:：]/,
];

/** Short counters around the header: "0", "阅读 3829", "评论(4)". */
export const COUNTER_LINE_PATTERN =
  /^(?:\d{1,7}|(?:阅读|浏览|评论|点赞|收藏|分享|转发|点击)(?:量|数|次数)?\s*[:：(（]?\s*\d+[)）]?(?:次)?)$/;

/** Separators of menus and breadcrumbs ("关于我们 | 联系我们", "首页 > 银行 > 正文"). */
export const MENU_SEPARATOR = /\s*[|｜·•>›»]\s*/;

/** A menu has at least this many items, each at most MENU_ITEM_MAX_LENGTH characters. */
export const MENU_MIN_ITEMS = 3;
export const MENU_ITEM_MAX_LENGTH = 12;

/**
 * Header fields of a dump or of a page's meta line. "role" decides what happens to the field:
 * metadata is read and removed; byline fields stay in the text, since the people they name are
 * entities with a sentence to point to.
 */
export const META_FIELDS: readonly {
  key: string;
  role: 'publisher' | 'date' | 'editor' | 'drop' | 'byline';
}[] = [
  { key: '来源', role: 'publisher' },
  { key: '出处', role: 'publisher' },
  { key: '稿源', role: 'publisher' },
  { key: '发布时间', role: 'date' },
  { key: '发表时间', role: 'date' },
  { key: '发布日期', role: 'date' },
  { key: '更新时间', role: 'date' },
  { key: '时间', role: 'date' },
  { key: '日期', role: 'date' },
  { key: '责任编辑', role: 'editor' },
  { key: '责编', role: 'editor' },
  { key: '原标题', role: 'drop' },
  { key: '作者', role: 'byline' },
  { key: '记者', role: 'byline' },
  { key: '编辑', role: 'byline' },
  { key: '撰文', role: 'byline' },
  { key: '文', role: 'byline' },
  { key: '图', role: 'byline' },
  { key: '摄影', role: 'byline' },
  // Counters and tools that share the line with the fields above (来源：X  浏览：5621).
  { key: '浏览', role: 'drop' },
  { key: '阅读', role: 'drop' },
  { key: '阅读量', role: 'drop' },
  { key: '点击', role: 'drop' },
  { key: '评论', role: 'drop' },
  { key: '字号', role: 'drop' },
  { key: '分享到', role: 'drop' },
  { key: '关键词', role: 'drop' },
  { key: '标签', role: 'drop' },
];

/** Staff roles that make a short line a byline or sign-off, which is content and is kept. */
export const BYLINE_ROLES: readonly string[] = [
  '责任编辑',
  '责编',
  '编辑',
  '记者',
  '作者',
  '撰文',
  '文',
  '摄影',
  '图',
  '通讯员',
  '实习生',
  '校对',
  '审核',
  '编审',
  '主编',
  '监制',
  '策划',
];

/**
 * The register line above a listed company's announcement ("证券代码：601999 证券简称：江川银行
 * 公告编号：2025-018"): filing data, not the headline and not content.
 */
export const FILING_LINE_PATTERN =
  /^(?:证券代码|证券简称|股票代码|股票简称|债券代码|债券简称|优先股代码|公告编号|编号)\s*[:：]/;

/**
 * Endings of the second line of a two-line announcement headline ("江川农村商业银行股份有限公司"
 * / "关于聘任高级管理人员的公告"): the two lines make one title.
 */
export const TITLE_CONTINUATION_ENDINGS: readonly string[] = [
  '公告',
  '通知',
  '决议',
  '公示',
  '报告',
  '通报',
  '函',
  '办法',
  '意见',
  '规定',
];

/** Endings of the signing line of an announcement ("XX银行股份有限公司董事会"): content, kept. */
export const SIGNATURE_ENDINGS: readonly string[] = [
  '董事会',
  '监事会',
  '委员会',
  '有限公司',
  '银行',
  '分行',
  '支行',
  '办公室',
  '协会',
  '研究院',
  '中心',
  '管理局',
  '监管局',
];
