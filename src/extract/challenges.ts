// Challenges: taxonomy terms (data/challenges.json, compiled in challenge-lexicon.ts). A trigger
// mentions its challenge on its own; a cue only with a marker in its clause or sentence (成本 with
// 高 or 压力, 顾虑 with a customer and a machine); a term inside a blocking compound (替换成本)
// mentions nothing. Whoever speaks in the sentence raised the challenge.
import {
  challengeTermPattern,
  isLiteralTerm,
  meaningOf,
  readAsOther,
  type TermMeaning,
} from './challenge-lexicon.ts';
import type { DocContext } from './context.ts';
import { challengeByKey } from './lexicon.ts';

/** Where a clause ends: the marks that separate clauses, and the sentence ends. */
const CLAUSE_BREAK = /[，,；;：:。！？!?\n]/;

/** The clause of `text` around [start, end): between the nearest breaks, within [from, to). */
function clauseAround(text: string, start: number, end: number, from: number, to: number) {
  let a = start;
  while (a > from && !CLAUSE_BREAK.test(text[a - 1] ?? '')) a--;
  let b = end;
  while (b < to && !CLAUSE_BREAK.test(text[b] ?? '')) b++;
  return { start: a, end: b };
}

/** Whether a 《 before this point of the sentence is still open: a document title. */
function insideTitle(sentenceBefore: string): boolean {
  return sentenceBefore.lastIndexOf('《') > sentenceBefore.lastIndexOf('》');
}

/** Whether a cue at [start, end) has every marker group it needs in its scope. */
function cueHolds(
  ctx: DocContext,
  cue: Extract<TermMeaning, { role: 'cue' }>,
  start: number,
  end: number,
  sentence: number,
): boolean {
  const s = ctx.sentences[sentence];
  if (!s) return false;
  if (insideTitle(ctx.fold.slice(s.start, start))) return false;
  const scope = cue.scope === 'sentence' ? s : clauseAround(ctx.fold, start, end, s.start, s.end);
  // The cue itself is cut out, so 说错话 is not its own marker 错.
  const around = `${ctx.fold.slice(scope.start, start)}\u0000${ctx.fold.slice(end, scope.end)}`;
  const upper = around.toUpperCase();
  return cue.needs.every((group) => group.some((word) => upper.includes(word.toUpperCase())));
}

/** Finds challenge mentions and who raised them; `speakers` come from sentenceSpeakers. */
export function extractChallenges(ctx: DocContext, speakers: (string | undefined)[]): void {
  for (const m of ctx.fold.matchAll(challengeTermPattern)) {
    const meaning = meaningOf(m[0], ctx.fold, m.index);
    if (!meaning || meaning.role === 'block') continue;
    const kind = challengeByKey.get(meaning.key);
    if (!kind) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    if (
      ctx.overlapsTaken(span.start, span.end, 'MODEL') ||
      ctx.overlapsTaken(span.start, span.end, 'INSTITUTION')
    )
      continue;
    const evidence = ctx.evidence(span);
    const sentence = ctx.sentences[evidence.sentence];
    if (
      sentence &&
      readAsOther(
        ctx.fold.slice(sentence.start, span.start),
        ctx.fold.slice(span.end, sentence.end),
      )
    )
      continue;
    if (meaning.role === 'cue' && !cueHolds(ctx, meaning, span.start, span.end, evidence.sentence))
      continue;
    const challenge = ctx.entity('CHALLENGE', kind.name, true);
    challenge.challengeKey = kind.key;
    // A gapped cue (既懂…又懂) matches a stretch of the sentence, not a name for the challenge.
    if (isLiteralTerm(m[0])) ctx.addName(challenge, ctx.text.slice(span.start, span.end), false);
    ctx.mention(challenge, span);
    const speaker = speakers[evidence.sentence];
    if (speaker) ctx.raised.push({ a: speaker, b: challenge.ref, evidence });
  }
}
