import type { Sentence } from '../domain/document.ts';

// A sentence ends at 。！？!? or ；, together with any closing quotes or brackets that follow
// (“……。”李耀强调 keeps the quote with its sentence), and always at a paragraph break.
const SENTENCE_END = /[。！？!?；;]+[”’」』）)】]*|\n/g;

/** Splits cleaned text into sentences with their offsets and paragraph numbers. */
export function segment(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e > s) sentences.push({ start: s, end: e, text: text.slice(s, e), paragraph });
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(end);
    start = end;
    if (match[0] === '\n') paragraph++;
  }
  push(text.length);
  return sentences;
}

/** The index of the sentence that contains offset `at` (binary search over sorted sentences). */
export function sentenceAt(sentences: Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sentences[mid]?.start ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
