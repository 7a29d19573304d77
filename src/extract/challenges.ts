// Challenges: trigger terms from the taxonomy (data/challenges.json), longest first; whoever
// speaks in the sentence raised the challenge.
import type { DocContext } from './context.ts';
import { challengeByKey, challengeTriggers, patterns } from './lexicon.ts';

/** Finds challenge mentions and who raised them; `speakers` come from sentenceSpeakers. */
export function extractChallenges(ctx: DocContext, speakers: (string | undefined)[]): void {
  for (const m of ctx.fold.matchAll(patterns.challengeTrigger)) {
    const key = challengeTriggers.get(m[0]) ?? challengeTriggers.get(m[0].toUpperCase());
    const kind = key ? challengeByKey.get(key) : undefined;
    if (!kind) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    if (
      ctx.overlapsTaken(span.start, span.end, 'MODEL') ||
      ctx.overlapsTaken(span.start, span.end, 'INSTITUTION')
    )
      continue;
    const challenge = ctx.entity('CHALLENGE', kind.name, true);
    challenge.challengeKey = kind.key;
    ctx.addName(challenge, ctx.text.slice(span.start, span.end), false);
    ctx.mention(challenge, span);
    const evidence = ctx.evidence(span);
    const speaker = speakers[evidence.sentence];
    if (speaker) ctx.raised.push({ a: speaker, b: challenge.ref, evidence });
  }
}
