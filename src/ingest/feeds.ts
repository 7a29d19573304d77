import { XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { normalizeEncodingLabel } from './decode.ts';

// Lists of documents published by a site: sitemaps (and sitemap indexes, which list sitemaps)
// and news feeds (RSS 2.0, RSS 1.0/RDF, Atom). Each gives the URLs of its pages; the seeder
// fetches those in turn. fast-xml-parser (pure JavaScript, well kept) reads the XML, with
// namespaces dropped so that <atom:link> and <link> read alike.

export type FeedKind = 'sitemap' | 'sitemap index' | 'RSS feed' | 'Atom feed';

/** A fetched answer that should hold a sitemap or feed and does not. */
export class FeedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FeedError';
  }
}

const XML_TYPES = new Set([
  'application/xml',
  'text/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
]);

/**
 * Whether a fetched answer is meant to be a sitemap or feed: served as XML, named like one
 * (.xml, .rss, .atom), or opening with an XML declaration. Such an answer that is not XML, or
 * not a list, is reported as a failed feed, not read as an article.
 */
export function isFeedCandidate(mediaType: string | null, url: string, bytes: Buffer): boolean {
  if (mediaType && XML_TYPES.has(mediaType)) return true;
  if (/\.(?:xml|rss|atom)$/i.test(new URL(url).pathname)) return true;
  const head = bytes.subarray(0, 512).toString('latin1').trimStart();
  return /^<\?xml\b/.test(head) && !/<(?:!doctype\s+)?html\b/i.test(head);
}

function xmlText(bytes: Buffer, charset: string | null): string {
  const declared = /^<\?xml[^>]*\bencoding=["']([\w.:-]+)/.exec(
    bytes
      .subarray(0, 200)
      .toString('latin1')
      .replace(/^\ufeff/, ''),
  )?.[1];
  const encoding =
    (charset && normalizeEncodingLabel(charset)) ??
    (declared && normalizeEncodingLabel(declared)) ??
    'utf-8';
  return iconv.decode(bytes, encoding).replace(/^\ufeff/, '');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => ['url', 'sitemap', 'item', 'entry', 'link'].includes(name),
});

type Node = Record<string, unknown>;
const asNodes = (value: unknown): Node[] =>
  Array.isArray(value)
    ? (value as Node[])
    : value && typeof value === 'object'
      ? [value as Node]
      : [];
const textOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && '#text' in value)
    return textOf((value as Node)['#text']);
  return null;
};

/** An Atom entry's page: its link with rel="alternate" (the default), else its first link. */
function atomLink(entry: Node): string | null {
  const links = asNodes(entry.link);
  const alternate = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ?? links[0];
  return typeof alternate?.['@href'] === 'string' ? alternate['@href'] : null;
}

/**
 * The kind of list and the URLs it gives (resolved against `url`, duplicates dropped).
 * @throws FeedError when the answer is not XML, or is XML of another kind.
 */
export function parseFeed(
  bytes: Buffer,
  charset: string | null,
  url: string,
): { kind: FeedKind; urls: string[] } {
  const text = xmlText(bytes, charset);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new FeedError(`not XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const root = parser.parse(text) as Node;
  let kind: FeedKind;
  let links: (string | null)[];
  if (root.urlset) {
    kind = 'sitemap';
    links = asNodes((root.urlset as Node).url).map((u) => textOf(u.loc));
  } else if (root.sitemapindex) {
    kind = 'sitemap index';
    links = asNodes((root.sitemapindex as Node).sitemap).map((s) => textOf(s.loc));
  } else if (root.rss || root.RDF) {
    kind = 'RSS feed';
    const channel = root.rss ? asNodes((root.rss as Node).channel)[0] : (root.RDF as Node);
    links = asNodes(channel?.item).map((item) => {
      const guid = item.guid as Node | string | undefined;
      const permalink =
        guid && typeof guid === 'object' && guid['@isPermaLink'] !== 'false' ? textOf(guid) : null;
      return textOf(asNodes(item.link)[0] ?? item.link) ?? permalink;
    });
  } else if (root.feed) {
    kind = 'Atom feed';
    links = asNodes((root.feed as Node).entry).map(atomLink);
  } else {
    const name = Object.keys(root).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new FeedError(`not a sitemap or feed: the XML holds <${name}>`);
  }
  const urls = new Set<string>();
  for (const link of links) {
    if (!link) continue;
    try {
      urls.add(new URL(link, url).href);
    } catch {
      // A malformed link in the list: the others still count.
    }
  }
  return { kind, urls: [...urls] };
}
