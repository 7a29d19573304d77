// A person written before their title, the title then speaking: 段和段律师事务所高亚平律师认为,
// 李明远教授表示, (张三院士指出). The name stands right after the institution that employs the
// person or after a boundary; the speech verb after the title says the words are a person's.
import type { DocContext } from './context.ts';
import { HARD_STOP_CHARS, patterns } from './lexicon.ts';
import { plausiblePersonName } from './names.ts';
import { isNameChar } from './text.ts';

export function linkNamesBeforeTitles(
  ctx: DocContext,
  titles: { start: number; end: number }[],
): void {
  const text = ctx.fold;
  for (const title of titles) {
    if (!patterns.speechVerbAt.test(text.slice(title.end, title.end + 14))) continue;
    if (ctx.overlapsTaken(title.start, title.end)) continue;
    for (const length of [2, 3, 4]) {
      const start = title.start - length;
      if (start < 0) break;
      const institution = ctx.takenEndingAt(start, 'INSTITUTION');
      const before = text[start - 1];
      const bounded = start === 0 || !isNameChar(before) || HARD_STOP_CHARS.has(before ?? '');
      if (!institution && !bounded) continue;
      const name = ctx.text.slice(start, title.start);
      if (!plausiblePersonName(name, true) || ctx.overlapsTaken(start, title.start)) continue;
      const person = ctx.find('PERSON', name) ?? ctx.entity('PERSON', name, true);
      ctx.support(person, 'name-before-title');
      ctx.mention(person, { start, end: title.start });
      if (institution)
        ctx.affiliations.push({
          a: person.ref,
          b: institution.ref,
          role: ctx.text.slice(title.start, title.end),
          evidence: ctx.evidence({ start: institution.start, end: title.end }),
          basis: 'institution-name-title',
        });
      break;
    }
  }
}
