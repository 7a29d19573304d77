import type { Element } from 'domhandler';
import { BLOCKS, countChars, isElement, JUNK } from './dom.ts';
import { NEGATIVE_HINTS, POSITIVE_HINTS } from './furniture-html.ts';
import { countPunct } from './lines.ts';

// What the HTML cleaner judges an element by: its class and id words (furniture-html.ts's hints),
// whether it is hidden, and its text statistics (characters, link characters, punctuation),
// computed in one post-order walk and kept up to date as subtrees are removed.

// ---------------------------------------------------------------------------------------------
// Class and id hints

/** A hint list compiled for matching (see NEGATIVE_HINTS for the rules). */
interface HintMatcher {
  exact: Set<string>;
  prefixes: string[];
  compounds: string[];
}

function compileHints(hints: readonly string[]): HintMatcher {
  return {
    exact: new Set(hints.filter((h) => !h.includes('-'))),
    prefixes: hints.filter((h) => !h.includes('-') && h.length >= 5),
    compounds: hints.filter((h) => h.includes('-')),
  };
}

const NEGATIVE = compileHints(NEGATIVE_HINTS);
const POSITIVE = compileHints(POSITIVE_HINTS);

/** "article-body sideHot x_2" → ["article", "body", "side", "hot", "x", "2"]. */
function hintWords(raw: string): string[] {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function matches(words: readonly string[], m: HintMatcher): boolean {
  if (words.some((w) => m.exact.has(w) || m.prefixes.some((p) => w.startsWith(p)))) return true;
  if (m.compounds.length === 0) return false;
  const joined = `-${words.join('-')}-`;
  return m.compounds.some((c) => joined.includes(`-${c}-`));
}

interface Hints {
  negative: boolean;
  positive: boolean;
}

// Pages repeat the same class names on many elements, and sites repeat them across pages.
const hintCache = new Map<string, Hints>();
const HINT_CACHE_LIMIT = 20_000;

/** What an element's class and id say about it. */
export function hintsOf(el: Element): Hints {
  const raw = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  let hints = hintCache.get(raw);
  if (!hints) {
    const words = hintWords(raw);
    hints = { negative: matches(words, NEGATIVE), positive: matches(words, POSITIVE) };
    if (hintCache.size >= HINT_CACHE_LIMIT) hintCache.clear();
    hintCache.set(raw, hints);
  }
  return hints;
}

/** Readability's class weight: +25 for article-like names, −25 for furniture-like ones. */
export function classWeight(el: Element): number {
  const hints = hintsOf(el);
  return (hints.negative ? -25 : 0) + (hints.positive ? 25 : 0);
}

export function isHidden(el: Element): boolean {
  const style = (el.attribs.style ?? '').replace(/\s/g, '').toLowerCase();
  return (
    'hidden' in el.attribs ||
    el.attribs['aria-hidden'] === 'true' ||
    style.includes('display:none') ||
    style.includes('visibility:hidden')
  );
}

// ---------------------------------------------------------------------------------------------
// Text statistics: one post-order walk, then kept up to date when subtrees are removed

export interface Stats {
  /** Non-space characters in the subtree. */
  chars: number;
  /** Of which inside <a>. */
  linkChars: number;
  punct: number;
  /** Characters and punctuation outside block descendants: the element's own paragraph. */
  inlineChars: number;
  inlinePunct: number;
}

export type StatsMap = Map<Element, Stats>;

export function computeStats(el: Element, map: StatsMap, inLink: boolean): Stats {
  const stats: Stats = { chars: 0, linkChars: 0, punct: 0, inlineChars: 0, inlinePunct: 0 };
  map.set(el, stats);
  // Scripts and styles are removed unread; their commas and colons are not prose.
  if (JUNK.has(el.name)) return stats;
  const link = inLink || el.name === 'a';
  for (const child of el.children) {
    if (child.type === 'text') {
      const chars = countChars(child.data);
      const punct = countPunct(child.data);
      stats.chars += chars;
      stats.punct += punct;
      stats.inlineChars += chars;
      stats.inlinePunct += punct;
      if (link) stats.linkChars += chars;
    } else if (isElement(child)) {
      const sub = computeStats(child, map, link);
      stats.chars += sub.chars;
      stats.linkChars += sub.linkChars;
      stats.punct += sub.punct;
      if (!BLOCKS.has(child.name)) {
        stats.inlineChars += sub.inlineChars;
        stats.inlinePunct += sub.inlinePunct;
      }
    }
  }
  return stats;
}

export function linkDensity(stats: Stats | undefined): number {
  return stats && stats.chars > 0 ? stats.linkChars / stats.chars : 0;
}

/** Takes a removed subtree's counts off its ancestors, so no second walk is needed. */
export function subtractFromAncestors(el: Element, map: StatsMap): void {
  const gone = map.get(el);
  if (!gone) return;
  // An inline element's text is part of the own paragraph of every ancestor up to (and
  // including) the first block one.
  let inline = !BLOCKS.has(el.name);
  for (let p = el.parent; p && isElement(p); p = p.parent) {
    const s = map.get(p);
    if (!s) continue;
    s.chars -= gone.chars;
    s.linkChars -= gone.linkChars;
    s.punct -= gone.punct;
    if (inline) {
      s.inlineChars -= gone.inlineChars;
      s.inlinePunct -= gone.inlinePunct;
    }
    inline &&= !BLOCKS.has(p.name);
  }
}

// ---------------------------------------------------------------------------------------------
