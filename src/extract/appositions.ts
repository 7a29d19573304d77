import type { DocContext, Entity } from './context.ts';
import { isGenericName } from './institution-names.ts';
import { HARD_STOP_CHARS, qualifierEnds } from './lexicon.ts';
import {
  isDictionaryWord,
  isOrdinaryPhrase,
  latinNameEndingAt,
  type NameMatch,
  plausiblePersonName,
} from './names.ts';
import { affiliate, type RolePhrase, skipDefinition, titleAt } from './role-phrases.ts';
import { foldForMatch, isCjk, isNameChar } from './text.ts';

// Names and their roles set beside each other: 程立言(鼎信证券首席分析师), 上官若岚,某公司首席数据官,
// and the checks on the name that ends before a title or a delimiter.

/** The person whose name ends right before `end` (2 to 4 characters, after a boundary). */
export function nameEndingAt(ctx: DocContext, end: number, strict: boolean): NameMatch | null {
  const existing = ctx.takenEndingAt(end, 'PERSON');
  if (existing) return { name: ctx.text.slice(existing.start, end), start: existing.start, end };
  const latin = latinNameEndingAt(ctx.fold, end);
  if (latin && !ctx.overlapsTaken(latin.start, end)) return latin;
  for (const length of [4, 3, 2]) {
    const start = end - length;
    if (start < 0) continue;
    const name = ctx.fold.slice(start, end);
    if (
      boundedBefore(ctx.fold, start) &&
      plausiblePersonName(name, strict) &&
      !ctx.overlapsTaken(start, end)
    ) {
      return { name: ctx.text.slice(start, end), start, end };
    }
  }
  return null;
}

/**
 * Whether a name may start at `start`: after punctuation, a hard stop, or 据/在 (据X介绍,
 * 在X看来), but not where the surname would complete a word with the character before it
 * (在于独立判断: 于 belongs to 在于).
 */
export function boundedBefore(text: string, start: number): boolean {
  const before = text[start - 1];
  if (start === 0 || !isNameChar(before) || HARD_STOP_CHARS.has(before ?? '')) return true;
  if (before !== '据' && before !== '在') return false;
  return !(isCjk(text[start]) && isDictionaryWord(`${before}${text[start]}`));
}

/** What may stand between a name and its institution and title in a list of people. */
const APPOSITION_OPENERS = new Set(['(', ',', '|', '—', '–', '-', ':']);
/** What may close such an apposition: the bracket, the list or the line ends. */
const APPOSITION_CLOSERS = new Set([')', ',', '。', '、', ';', '\n']);

/** The delimiter before `at` (spaces skipped) and where it stands, or null. */
function delimiterBefore(text: string, at: number): { ch: string; at: number } | null {
  let i = at - 1;
  while (i >= 0 && text[i] === ' ') i--;
  const ch = text[i];
  return ch !== undefined && APPOSITION_OPENERS.has(ch) ? { ch, at: i } : null;
}

/** Whether the apposition that ends at `at` is closed there (spaces skipped). */
function closedAt(text: string, at: number, opener: string): boolean {
  let i = at;
  while (text[i] === ' ') i++;
  const ch = text[i];
  if (opener === '(') return ch === ')';
  return ch === undefined || APPOSITION_CLOSERS.has(ch);
}

/**
 * In a list of people (嘉宾:…(X首席科学家), 邵一鸣|湾区财经周刊副主编) the words between the
 * separator and the title name the employer even without an institutional suffix: they become
 * an institution when they are not generic or a department (银行业, 独立, 财富管理部).
 */
function listedEmployer(ctx: DocContext, phrase: RolePhrase): string | undefined {
  const open = delimiterBefore(ctx.fold, phrase.start);
  if (!open || !closedAt(ctx.fold, phrase.end, open.ch)) return undefined;
  let titleStart = phrase.start;
  while (titleStart < phrase.end && !titleAt.test(ctx.fold.slice(titleStart))) titleStart++;
  const name = ctx.text.slice(phrase.start, titleStart);
  if (name.length < 2 || name.length > 12 || !plausibleEmployer(name)) return undefined;
  const entity = ctx.entity('INSTITUTION', name, true);
  entity.institutionKind ??= 'other';
  ctx.mention(entity, { start: phrase.start, end: titleStart });
  phrase.role = ctx.text.slice(titleStart, phrase.end);
  return entity.ref;
}

/** Whether words before a title in a list can name an employer (问海科技, 湾区财经周刊). */
export function plausibleEmployer(name: string): boolean {
  const folded = foldForMatch(name);
  if (!/^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$/.test(folded)) return false;
  if (isGenericName(folded) || qualifierEnds.some((end) => folded.endsWith(end))) return false;
  return !isOrdinaryPhrase(folded);
}

/**
 * name(institution title), name,institution title, and the lines of speaker lists:
 * 谷雨桐 | 岚山银行首席数据官, 左丘明远 — 松柏人寿…副总经理, 主持人:邵一鸣|湾区财经周刊副主编.
 */
export function linkAppositions(
  ctx: DocContext,
  phrases: RolePhrase[],
  named: Map<number, Entity[]>,
): void {
  for (const phrase of phrases) {
    if (named.has(phrase.end)) continue;
    if (!phrase.institution) phrase.institution = listedEmployer(ctx, phrase);
    if (!phrase.institution) continue;
    const inst = ctx.takenEndingAt(skipDefinition(ctx.fold, phrase.start), 'INSTITUTION');
    const head = inst?.start ?? phrase.start;
    const open = delimiterBefore(ctx.fold, head);
    if (!open || !closedAt(ctx.fold, phrase.end, open.ch)) continue;
    let nameEnd = open.at;
    while (nameEnd > 0 && ctx.fold[nameEnd - 1] === ' ') nameEnd--;
    const name = nameEndingAt(ctx, nameEnd, false);
    if (!name) continue;
    const person = ctx.entity('PERSON', name.name, true);
    ctx.mention(person, name);
    affiliate(ctx, person, phrase.institution, phrase.role, {
      start: name.start,
      end: phrase.end + (open.ch === '(' ? 1 : 0),
    });
  }
}
