// Direct quotes and the sentences they cover. Chinese news opens every paragraph of a long quote
// with “ and closes it only at the end of the last one, so a quote can run over paragraphs.
import type { Sentence } from '../domain/document.ts';

const OPEN = new Set(['“', '「']);
const CLOSE = new Set(['”', '」']);

export interface QuoteRegion {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark; the end of the last paragraph when never closed. */
  end: number;
  /** Whether a closing mark ends it (an unclosed quote has no text after it to attribute it). */
  closed: boolean;
  /** The sentence the quote opens in, and whether text comes before the mark in it. */
  opener: number;
  openedMidSentence: boolean;
  /** Sentences that start inside the quote (or with its opening mark). */
  sentences: number[];
}

/** The quotes of a text, in order; a paragraph that opens with “ while a quote is open continues it. */
export function quoteRegions(text: string, sentences: Sentence[]): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  let open: QuoteRegion | undefined;
  let depth = 0;
  sentences.forEach((s, i) => {
    let from = s.start;
    const previous = sentences[i - 1];
    if (previous && previous.paragraph !== s.paragraph && open) {
      if (OPEN.has(text[s.start] ?? '')) from = s.start + 1;
      else {
        open = undefined;
        depth = 0;
      }
    }
    if (open) open.sentences.push(i);
    for (let at = from; at < s.end; at++) {
      const ch = text[at] ?? '';
      if (OPEN.has(ch)) {
        if (!open) {
          const midSentence = at > s.start;
          open = {
            start: at,
            end: s.end,
            closed: false,
            opener: i,
            openedMidSentence: midSentence,
            sentences: midSentence ? [] : [i],
          };
          regions.push(open);
        }
        depth++;
      } else if (CLOSE.has(ch) && open) {
        depth--;
        if (depth <= 0) {
          open.end = at + 1;
          open.closed = true;
          open = undefined;
          depth = 0;
        }
      }
    }
    if (open) open.end = s.end;
  });
  return regions;
}
