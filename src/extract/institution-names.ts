// What an institution's name is made of, apart from finding it: its legal form, the kind it
// suggests, whether it is a place and a suffix, and whether it is only generic words (a kind of
// institution, never one). Institutions, their context cues and
// people's titles all ask; a module of its own so that none of them imports another for it.

import type { InstitutionKind } from '../domain/entities.ts';
import type { DocContext, Entity } from './context.ts';
import {
  genericInstitutionTerms,
  institutionKindHints,
  institutionSuffixes,
  legalForms,
  places,
  roleTitleSet,
  roleTitles,
  suffixNotBefore,
} from './lexicon.ts';
import { memoized } from './memo.ts';
import { isFunctionCharacter, wordsOf } from './names.ts';
import { foldForMatch } from './text.ts';

/** Legal forms removed, to compare names (华东数智银行股份有限公司 → 华东数智银行). */
export function stripLegalForm(name: string): string {
  for (const form of legalForms)
    if (name.length > form.length + 1 && name.endsWith(form)) return name.slice(0, -form.length);
  return name;
}

/** Whether a name is only generic words (中小银行, 区域内中小银行, 股份制银行). */
export const isGenericName = memoized(genericName);

function genericName(name: string): boolean {
  let core = stripLegalForm(foldForMatch(name));
  let publicBody = false;
  for (const { suffix, kind } of institutionSuffixes) {
    if (core.endsWith(suffix)) {
      core = core.slice(0, -suffix.length);
      publicBody = kind === 'regulator' || kind === 'government';
      // A place's association of a field is a name (中国信息协会: one per field and place).
      const place = places.find((pl) => core.startsWith(pl) && core.length > pl.length);
      if (kind === 'association' && place) return false;
      break;
    }
  }
  let described = false;
  for (let changed = true; changed && core; ) {
    changed = false;
    for (const term of genericInstitutionTerms) {
      if (core.startsWith(term)) {
        core = core.slice(term.length);
        changed = true;
      } else if (core.endsWith(term)) {
        core = core.slice(0, -term.length);
        changed = true;
        described = true;
      }
    }
    // One character left that is no part of a name: 区域内, 有大型 (a verb, adverb, numeral…).
    if (core.length === 1 && (/[内外的各多]/.test(core) || isFunctionCharacter(core))) core = '';
  }
  // 银行科技, 证券研究院: a bare suffix word in front is a sector, not a name.
  if (institutionSuffixes.some(({ suffix }) => core === suffix)) core = '';
  // 香港虚拟银行: a place and generic words describe a kind of bank. A place alone (北京银行)
  // names one, and so does a place's public body (江州金融监管局).
  if (described && !publicBody && places.includes(core)) return true;
  return core.length === 0;
}

/** Whether a name is a place and an institutional suffix only (重庆银行, 中国银行). */
export function isPlaceName(name: string): boolean {
  const core = stripLegalForm(foldForMatch(name));
  const suffix = institutionSuffixes.find((x) => core.endsWith(x.suffix))?.suffix;
  return suffix !== undefined && places.includes(core.slice(0, -suffix.length));
}

/** The kind an institution's name suggests. */
export function institutionKindOf(name: string): InstitutionKind {
  const core = stripLegalForm(foldForMatch(name));
  for (const { suffix, kind } of institutionSuffixes) {
    if (kind !== 'other' && core.endsWith(suffix)) return kind;
  }
  for (const hint of institutionKindHints) if (core.includes(hint.contains)) return hint.kind;
  return 'other';
}

/** Whether the suffix at [start, end) is used as a common noun here (银行业, 证券市场). */
export function suffixBlocked(text: string, suffix: string, end: number): boolean {
  const blocked = suffixNotBefore[suffix];
  if (!blocked?.includes(text[end] ?? '')) return false;
  // A title right after shows the suffix ends a name (芯视界科技创始人, not 科技创新).
  const [next] = wordsOf(text.slice(end, end + 8));
  return !(next && roleTitleSet.has(next.word)) && !roleTitles.some((t) => text.startsWith(t, end));
}

/** Adds an institution mention, with its kind. */
export function addInstitution(
  ctx: DocContext,
  name: string,
  start: number,
  end: number,
  also: string[] = [],
  kind?: InstitutionKind,
  basis = 'org-suffix',
): Entity {
  const entity = ctx.entity('INSTITUTION', name, true, also);
  entity.institutionKind ??= kind ?? institutionKindOf(name);
  ctx.support(entity, basis);
  ctx.mention(entity, { start, end });
  return entity;
}
