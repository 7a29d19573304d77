import { readFileSync } from 'node:fs';

// The code blocks of a Markdown document, for tests that check what the documentation shows.

export interface CodeBlock {
  language: string;
  text: string;
  /** The heading (## …) the block is under. */
  section: string;
}

export function codeBlocks(path: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let section = '';
  let open: CodeBlock | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (open) {
      if (line.startsWith('```')) {
        blocks.push(open);
        open = null;
      } else open.text += `${line}\n`;
    } else if (line.startsWith('```')) {
      open = { language: line.slice(3).trim(), text: '', section };
    } else if (line.startsWith('#')) {
      section = line.replace(/^#+\s*/, '');
    }
  }
  return blocks;
}

/** Each GraphQL block followed directly by a JSON block: an operation and the answer shown. */
export function examples(path: string): { query: string; answer: unknown; section: string }[] {
  const blocks = codeBlocks(path);
  return blocks.flatMap((block, i) => {
    const next = blocks[i + 1];
    if (block.language !== 'graphql' || next?.language !== 'json') return [];
    return [
      { query: block.text, answer: JSON.parse(next.text) as unknown, section: block.section },
    ];
  });
}
