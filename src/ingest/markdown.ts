import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { isElement, JUNK_SELECTOR, loadHtml } from './dom.ts';
import { writeLines } from './html-lines.ts';
import { endsSentence, type Line } from './lines.ts';

// Markdown articles into lines: markdown-it (CommonMark, with GFM tables and strikethrough, and
// markdown-it-cjk-friendly's emphasis rules for Chinese) renders the HTML, and the HTML cleaner's
// line writer (html-lines.ts) writes it out, so a heading, a list item or a table row becomes a
// line as it would on a web page, and links count towards a line's link density. Two things are this module's own: the front matter block,
// which CommonMark does not define, and the rule for soft line breaks below.

/** `---` (YAML) or `+++` (TOML) front matter at the very top. */
export const FRONT_MATTER = /^(?:---|\+\+\+)\n([\s\S]*?)\n(?:---|\+\+\+)\s*(?:\n|$)/;
/** A soft-wrapped source line is long and stops mid-sentence; short lines are their own block. */
const WRAP_MIN_LENGTH = 20;
/** Printable ASCII: two Latin words joined across a wrap keep a space between them. */
const LATIN = /[!-~]/;

/**
 * Reads `key: value` (or `key = value`) lines of a front matter block: the fields an article's
 * metadata uses are single-line strings, and a YAML or TOML parser would reject a whole block
 * for one line it cannot read, where the other fields are still good.
 */
function parseFrontMatter(block: string): Record<string, string> {
  const front: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const m = /^\s*([\w\u4e00-\u9fff-]+)\s*[:=：]\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2]) front[m[1].toLowerCase()] = m[2].replace(/^["'[]|["'\]]$/g, '');
  }
  return front;
}

/**
 * CommonMark joins every line of a paragraph; Chinese Markdown often has one paragraph or one
 * header field per line instead (来源：… / 作者：…). A line break within a paragraph is taken as a
 * wrap only when the line before it is long and stops mid-sentence; otherwise it ends a line.
 */
function renderer(): MarkdownIt {
  // CommonMark does not close `**…）**` before a Chinese character (a punctuation mark followed
  // by a letter is not right-flanking): markdown-it-cjk-friendly lifts that rule for CJK text.
  const md = new MarkdownIt({ html: true }).use(cjkFriendly);
  md.renderer.rules.softbreak = (tokens, idx) => {
    let line = '';
    for (let i = idx - 1; i >= 0; i--) {
      const token = tokens[i]!;
      if (token.type === 'softbreak' || token.type === 'hardbreak') break;
      line = token.content + line;
    }
    const wrapped = line.length >= WRAP_MIN_LENGTH && !endsSentence(line);
    if (!wrapped) return '<br>\n';
    const next = tokens[idx + 1]?.content[0] ?? '';
    return LATIN.test(line.at(-1) ?? '') && LATIN.test(next) ? ' ' : '';
  };
  return md;
}

const markdown = renderer();

/** A Markdown article's lines (headings, list items, paragraphs, table rows) and front matter. */
export function markdownToLines(source: string): {
  lines: Line[];
  front: Record<string, string>;
} {
  const fm = FRONT_MATTER.exec(source);
  const front = fm?.[1] ? parseFrontMatter(fm[1]) : {};
  const $ = loadHtml(markdown.render(fm ? source.slice(fm[0].length) : source));
  // Raw HTML passes through Markdown: scripts and styles are not text.
  $(JUNK_SELECTOR).remove();
  return { lines: writeLines($.root().children().get().filter(isElement)), front };
}
