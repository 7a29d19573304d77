import type { AnyNode, Element } from 'domhandler';
import { BLOCKS, countChars, isElement, textOf } from './dom.ts';
import { type Line, makeLine } from './lines.ts';

// An element's content written out as lines: one per block element or <br>, each with its kind
// (heading, list item, paragraph) and the share of its characters inside links.

interface LineBuilder {
  parts: string[];
  chars: number;
  linkChars: number;
  lines: Line[];
}

function flushLine(b: LineBuilder, kind: Line['kind']): void {
  const raw = b.parts.join('');
  if (raw.trim()) {
    const line = makeLine(raw, kind, b.chars > 0 ? b.linkChars / b.chars : 0);
    if (line.text) b.lines.push(line);
  }
  b.parts = [];
  b.chars = 0;
  b.linkChars = 0;
}

function kindOf(tag: string, inherited: Line['kind']): Line['kind'] {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li') return 'item';
  return inherited;
}

function writeNode(node: AnyNode, b: LineBuilder, kind: Line['kind'], inLink: boolean): void {
  if (node.type === 'text') {
    const data = textOf(node);
    // White space between tags separates words; inside a text node it may be a hard wrap.
    if (!data.trim()) {
      b.parts.push(' ');
      return;
    }
    b.parts.push(data);
    const chars = countChars(data);
    b.chars += chars;
    if (inLink) b.linkChars += chars;
    return;
  }
  if (!isElement(node)) return;
  if (node.name === 'br') {
    flushLine(b, kind);
    return;
  }
  const block = BLOCKS.has(node.name);
  const own = kindOf(node.name, kind);
  if (block) flushLine(b, kind);
  const link = inLink || node.name === 'a';
  for (const child of node.children) writeNode(child, b, own, link);
  if (node.name === 'td' || node.name === 'th') b.parts.push(' ');
  if (block) flushLine(b, own);
}

/** The lines of `elements`, in document order. */
export function writeLines(elements: readonly Element[]): Line[] {
  const b: LineBuilder = { parts: [], chars: 0, linkChars: 0, lines: [] };
  for (const el of elements) {
    writeNode(el, b, 'para', false);
    flushLine(b, 'para');
  }
  return b.lines;
}
