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

/** Characters besides the cue that a clause setting only the topic has at most (在…方面). */
const TOPIC_CLAUSE = 4;

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
  // A clause that only sets the topic (在合规方面，…压力很大 / 成本方面，…) reads on into the next.
  if (scope.end < s.end && scope.end - scope.start - (end - start) <= TOPIC_CLAUSE)
    scope.end = clauseAround(ctx.fold, scope.end + 1, scope.end + 1, s.start, s.end).end;
  // The cue itself is cut out, so 说错话 is not its own marker 错, and so are names (有限 in
  // 观微数据科技有限公司 is no marker).
  const chars = [...ctx.fold.slice(scope.start, scope.end)];
  const blank = (from: number, to: number) => {
    for (let at = Math.max(from, scope.start); at < Math.min(to, scope.end); at++)
      chars[at - scope.start] = '\u0000';
  };
  blank(start, end);
  for (const t of ctx.taken) if (t.kind !== 'CHALLENGE') blank(t.start, t.end);
  const upper = chars.join('').toUpperCase();
  const regulatorNamed = ctx
    .takenWithin(scope.start, scope.end, 'INSTITUTION')
    .some((t) => ctx.entities.get(t.ref)?.institutionKind === 'regulator');
  return cue.needs.every(
    (group) =>
      (group.regulator && regulatorNamed) ||
      group.words.some((word) => upper.includes(word.toUpperCase())),
  );
}

/**
 * Finds challenge mentions and who raised them; `speakers` come from sentenceSpeakers. A cue that
 * does not hold consumes nothing, so a term starting inside it still counts (训练数据质量: the
 * cue 训练数据 fails, 数据质量 is read).
 */
export function extractChallenges(ctx: DocContext, speakers: (string | undefined)[]): void {
  const pattern = new RegExp(challengeTermPattern.source, challengeTermPattern.flags);
  for (let m = pattern.exec(ctx.fold); m; m = pattern.exec(ctx.fold)) {
    const consumed = readTerm(ctx, m[0], m.index, speakers);
    pattern.lastIndex = consumed ? m.index + m[0].length : m.index + 1;
  }
}

/** Reads one term found at `start`; false when it is a cue that neither holds nor blocks. */
function readTerm(
  ctx: DocContext,
  term: string,
  start: number,
  speakers: (string | undefined)[],
): boolean {
  const meaning = meaningOf(term, ctx.fold, start);
  if (!meaning || meaning.role === 'block') return true;
  const kind = challengeByKey.get(meaning.key);
  const span = { start, end: start + term.length };
  if (
    !kind ||
    ctx.overlapsTaken(span.start, span.end, 'MODEL') ||
    ctx.overlapsTaken(span.start, span.end, 'INSTITUTION')
  )
    return true;
  const evidence = ctx.evidence(span);
  const sentence = ctx.sentences[evidence.sentence];
  if (
    sentence &&
    readAsOther(ctx.fold.slice(sentence.start, span.start), ctx.fold.slice(span.end, sentence.end))
  )
    return true;
  if (meaning.role === 'cue' && !cueHolds(ctx, meaning, span.start, span.end, evidence.sentence))
    return meaning.blocks;
  const challenge = ctx.entity('CHALLENGE', kind.name, true);
  challenge.challengeKey = kind.key;
  // A gapped cue (既懂…又懂) matches a stretch of the sentence, not a name for the challenge.
  if (isLiteralTerm(term)) ctx.addName(challenge, ctx.text.slice(span.start, span.end), false);
  ctx.mention(challenge, span);
  const speaker = speakers[evidence.sentence];
  if (speaker) ctx.raised.push({ a: speaker, b: challenge.ref, evidence });
  return true;
}
