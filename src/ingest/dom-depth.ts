import type { AnyNode, ChildNode, Element, ParentNode } from 'domhandler';

// Hostile or broken pages can nest elements thousands deep (a <div> never closed, 10,000
// times). That costs twice: htmlparser2 keeps its open elements in an array it shifts and
// unshifts (time grows with the square of the depth: a 10 MB page of <div> would never finish),
// and everything that walks the tree afterwards (the cleaner, cheerio's own helpers) is
// recursive and runs out of stack. Browsers bound the depth too: Chromium's parser stops nesting
// at 512 and adds deeper elements as siblings. So: before parsing, tags that open beyond
// MAX_MARKUP_DEPTH are dropped (their text stays); after parsing, elements below MAX_DOM_DEPTH
// are laid out as siblings.

/** Deeper elements are laid out flat, as siblings under the element at this depth. */
export const MAX_DOM_DEPTH = 256;
/**
 * Tags opening deeper than this (as counted by capMarkupDepth) are dropped before parsing. Far
 * above MAX_DOM_DEPTH, since the count is approximate, and far below where parsing slows down.
 */
export const MAX_MARKUP_DEPTH = 2000;

// `[^<>]*` rather than `[^>]*`: a match attempt stops at the next '<', so the scan stays linear
// on text full of '<' without '>'.
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*>/g;
// Void elements never nest; these are so often left open, and closed implicitly by the parser,
// that counting them would take sloppy ordinary pages for deep ones.
const UNCOUNTED = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'thead',
  'tbody',
  'tfoot',
]);

/**
 * The page with every tag that opens deeper than `maxDepth` (and the tag closing it) removed, by
 * a linear scan that counts opening and closing tags; the page itself when it is not that deep.
 */
export function capMarkupDepth(html: string, maxDepth = MAX_MARKUP_DEPTH): string {
  const walk = (onTooDeep: (match: RegExpMatchArray) => void) => {
    let depth = 0;
    let deepest = 0;
    for (const match of html.matchAll(TAG)) {
      if (UNCOUNTED.has(match[2]!.toLowerCase()) || match[0].endsWith('/>')) continue;
      if (match[1] === '/') {
        if (depth > maxDepth) onTooDeep(match);
        depth = Math.max(0, depth - 1);
      } else {
        depth++;
        deepest = Math.max(deepest, depth);
        if (depth > maxDepth) onTooDeep(match);
      }
    }
    return deepest;
  };
  if (walk(() => {}) <= maxDepth) return html;
  const kept: string[] = [];
  let from = 0;
  walk((match) => {
    kept.push(html.slice(from, match.index));
    from = match.index! + match[0].length;
  });
  kept.push(html.slice(from));
  return kept.join('');
}

function isParent(node: AnyNode): node is Element {
  return 'children' in node && node.type !== 'root';
}

function setChildren(parent: ParentNode, children: ChildNode[]): void {
  parent.children = children;
  children.forEach((child, i) => {
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  });
}

/**
 * Moves every element below `el` up to be a child of `el`, in document order. Each keeps its
 * own text; its child elements follow it as siblings.
 */
function flattenBelow(el: Element): void {
  const flat: ChildNode[] = [];
  const stack: ChildNode[] = [...el.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    flat.push(node);
    if (!isParent(node)) continue;
    const nested = node.children.filter(isParent);
    if (nested.length === 0) continue;
    setChildren(
      node,
      node.children.filter((child) => !isParent(child)),
    );
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  setChildren(el, flat);
}

/**
 * Bounds the nesting of a parsed page to `maxDepth` elements, in place and without recursion:
 * below that depth the elements become siblings, so no text is lost. Returns how many subtrees
 * were flattened (0 for every ordinary page, which is left untouched).
 */
export function capDomDepth(root: ParentNode, maxDepth = MAX_DOM_DEPTH): number {
  let flattened = 0;
  const stack: { node: ChildNode; depth: number }[] = root.children.map((node) => ({
    node,
    depth: 1,
  }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isParent(node)) continue;
    if (depth >= maxDepth) {
      if (node.children.some(isParent)) {
        flattenBelow(node);
        flattened++;
      }
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return flattened;
}
