import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { capDomDepth, capMarkupDepth } from './dom-depth.ts';
import { BLOCK_TAGS, JUNK_TAGS } from './furniture-html.ts';

// What the HTML cleaner and the Markdown reader both need of a parsed (htmlparser2) tree.

/**
 * Parses a page (or the HTML a Markdown article renders to) for the clean step. htmlparser2
 * rather than parse5: three times faster, and the clean step does not need spec-exact trees. Entities are decoded here, and nesting deeper than
 * the recursive walks below can take is laid flat (dom-depth.ts).
 */
export function loadHtml(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(capMarkupDepth(html), { xml: { xmlMode: false, decodeEntities: true } });
  capDomDepth($.root()[0]!);
  return $;
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function textOf(node: AnyNode): string {
  return node.type === 'text' ? node.data : '';
}

export function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

/** Elements that start a line of their own. */
export const BLOCKS = new Set(BLOCK_TAGS);

/** Elements that never hold article text (script, style…), and a selector for all of them. */
export const JUNK = new Set(JUNK_TAGS);
export const JUNK_SELECTOR = JUNK_TAGS.join(',');

/** Characters that are not white space or control characters. */
export function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) n++;
  return n;
}
