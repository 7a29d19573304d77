// Institutions the lexicon knows (data/known-institutions.json), found where the text names them:
// a short name only where segmentation reads it as a word after one that opens a name, with the
// company word the text may add (华为集团) and the units a brand names after itself (京东金融).

import type { DocContext } from './context.ts';
import { addInstitution, stripLegalForm, suffixBlocked } from './institution-names.ts';
import {
  alternation,
  brandArms,
  HARD_STOP_CHARS,
  institutionSuffixes,
  knownInstitutions,
  NAME_LEADS,
  places,
} from './lexicon.ts';
import { isCommonNoun, wordBoundaryAt, wordsOf } from './names.ts';
import { foldForMatch, isCjk } from './text.ts';

export const knownByName = new Map<string, (typeof knownInstitutions)[number]>();
for (const k of knownInstitutions) for (const n of [k.name, ...k.aliases]) knownByName.set(n, k);
/**
 * The distinctive words of the known institutions' names (平安 of 中国平安 and 平安银行, 招商 of
 * 招商银行): a head the collection knows as a brand is no common word, whatever its part of speech.
 */
export const knownBrands = new Set<string>();
for (const name of knownByName.keys()) {
  let core = stripLegalForm(name);
  const suffix = institutionSuffixes.find((x) => core.endsWith(x.suffix));
  if (suffix) core = core.slice(0, -suffix.suffix.length);
  const place = places.find((pl) => core.startsWith(pl) && core.length > pl.length);
  if (place) core = core.slice(place.length);
  if (core.length >= 2) knownBrands.add(core);
}
const knownPattern = new RegExp(alternation(knownByName.keys()), 'g');

/**
 * Whether a known name ending in a unit character is really the front of a common word:
 * 科技部门 is a department, not 科技部 + 门.
 */
function splitsUnitWord(surface: string, after: string | undefined): boolean {
  const last = surface.at(-1) ?? '';
  return after !== undefined && /[部局委办院所会]/.test(last) && isCommonNoun(last + after);
}

/**
 * Whether segmentation reads [start, end) as whole words after a word that opens a name: a lead
 * word, a verb or a function word (包括|华为|集团, 大股东|百度). After a noun or a place the
 * short name is part of a longer one (金融|科技部, 重庆|度小满|小额贷款), and inside a word it is
 * none (其中|行业 does not name 中行).
 */
function segmentedAfterLead(text: string, start: number, end: number): boolean {
  if (NAME_LEADS.some((lead) => lead.length >= 2 && text.endsWith(lead, start))) return true;
  const from = Math.max(0, start - 4);
  const words = wordsOf(text.slice(from, end + 4));
  const previous = words.find((w) => from + w.end === start);
  const opens =
    NAME_LEADS.includes(previous?.word.at(-1) ?? '') ||
    /^(?:v|vd|vn|p|c|d|r|u|uj|ad)$/.test(previous?.tag ?? '');
  return previous !== undefined && opens && words.some((w) => from + w.end === end);
}

/** Names from the lexicon of real institutions (国家网信办 → 国家互联网信息办公室). */
export function findKnown(ctx: DocContext): void {
  for (const m of ctx.fold.matchAll(knownPattern)) {
    const surface = m[0];
    const start = m.index;
    const end = start + surface.length;
    const known = knownByName.get(surface);
    if (!known || ctx.overlapsTaken(start, end)) continue;
    const before = ctx.fold[start - 1];
    const after = ctx.fold[end];
    if (
      surface.length <= 3 &&
      isCjk(before) &&
      !HARD_STOP_CHARS.has(before ?? '') &&
      !segmentedAfterLead(ctx.fold, start, end)
    )
      continue;
    if (
      suffixBlocked(ctx.fold, surface.slice(-2), end) ||
      splitsUnitWord(surface, after) ||
      (after && /[A-Za-z]/.test(after) && /[A-Za-z]$/.test(surface))
    )
      continue;
    // 泰康|人寿保险有限责任公司: a suffix of another kind right after makes the known name the
    // front of a longer one, which the suffix finder reads whole.
    if (startsLongerName(ctx.fold, end)) continue;
    // A short name being defined (以下简称“招联”) belongs to the name before it.
    if (/(?:简称|下称)[:,]?["“「『]?$/.test(ctx.fold.slice(Math.max(0, start - 8), start)))
      continue;
    if (addBrandArm(ctx, start, end)) continue;
    const same = brandArms.same.find((w) => ctx.fold.startsWith(w, end));
    const written = same ? ctx.text.slice(start, end + same.length) : surface;
    addInstitution(
      ctx,
      known.name,
      start,
      end + (same?.length ?? 0),
      surface === known.name ? [] : [surface],
      known.kind,
      'known-institution',
    );
    const entity = ctx.find('INSTITUTION', known.name);
    if (entity && surface !== known.name) ctx.addName(entity, surface, true);
    // The written form with its company word is a name too, not the best one (华为集团 of 华为).
    if (entity && written !== surface) ctx.addName(entity, written, false);
  }
}

/**
 * A known brand followed by a line of business names a unit of its own (京东|金融, 中金|财富,
 * 中金财富|证券 with a suffix after it), when the word ends where segmentation ends one
 * (腾讯金融|分别, not 蚂蚁|国际化). Returns whether it named one.
 */
function addBrandArm(ctx: DocContext, start: number, end: number): boolean {
  const text = ctx.fold;
  const arm = brandArms.business.find((w) => text.startsWith(w, end));
  if (!arm) return false;
  // After a full name (蚂蚁集团 + 金融AI首席架构师) the word is a line of work, not a unit.
  const brand = text.slice(start, end);
  if (institutionSuffixes.some((x) => brand.endsWith(x.suffix))) return false;
  if (brandArms.same.some((w) => brand.endsWith(w))) return false;
  let armEnd = end + arm.length;
  const suffix = institutionSuffixes.find((x) => text.startsWith(x.suffix, armEnd));
  if (suffix && !suffixBlocked(text, suffix.suffix, armEnd + suffix.suffix.length))
    armEnd += suffix.suffix.length;
  const next = text[armEnd];
  if (isCjk(next) && !wordBoundaryAt(text, armEnd)) return false;
  const name = ctx.text.slice(start, armEnd);
  if (knownByName.has(foldForMatch(name)) || ctx.overlapsTaken(start, armEnd)) return false;
  addInstitution(ctx, name, start, armEnd, [], undefined, 'known-brand-arm');
  return true;
}

/** Whether a suffix or legal form that is no company word or research unit starts at `at`. */
function startsLongerName(text: string, at: number): boolean {
  const suffix = institutionSuffixes.find((x) => text.startsWith(x.suffix, at));
  if (!suffix || brandArms.same.includes(suffix.suffix)) return false;
  if (/^(?:研究|学院|实验室)/.test(suffix.suffix)) return false;
  return !suffixBlocked(text, suffix.suffix, at + suffix.suffix.length);
}
