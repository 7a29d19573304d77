// Employers that a text names only by where they stand: right before a title, at the start of a
// clause (易观千帆分析师胡精华, 青禾国际首席技术官陈默, 中银香港副董事长兼总裁孙煜). Brands and
// short names carry no legal form, so the institution extractor may not see them; the syntax
// [employer][qualifier][title][name] says what they are. The words between the employer and the
// title that describe a line of work stay with the role (普华永道中国 | 金融行业管理咨询合伙人);
// a unit that is an institution of its own holds the title itself (中国银行研究院 | 研究员).
import type { DocContext, Entity, TakenSpan } from './context.ts';
import { institutionKindOf, isGenericName } from './institution-names.ts';
import {
  HARD_STOP_CHARS,
  isDomainWord,
  NAME_LEADS,
  qualifierEnds,
  subUnitEnds,
  tenureMarkers,
} from './lexicon.ts';
import {
  isDictionaryWord,
  isOrdinaryPhrase,
  plausiblePersonName,
  taggedWordsOf,
  wordBoundaryAt,
} from './names.ts';
import { isNameChar } from './text.ts';

/** The longest stretch read back from a title for an employer and its qualifier. */
const MAX_SPAN = 16;

const unitEnds = qualifierEnds.filter((end) => !isDomainWord(end));
/** Description words that end right before a name (金融科技上市公司长亮科技): the name follows. */
const DESCRIPTION_LEADS = NAME_LEADS.filter((lead) => lead.length >= 2);
/** Prepositions that open a clause before the name (由, 在, 对): the name is after them. */
const PREPOSITIONS = new Set([...'由在对从向把被将为']);
/** Parts of speech that cannot stand inside an employer's name: verbs, prepositions… */
const BREAKING_TAGS = /^(?:p|c|d|r|rr|rz|u|uj|ul|uz|ug|uv|ud|y|m|mq|q|t)$/;

export interface EmployerBeforeTitle {
  ref: string;
  /** Where the employer's name starts. */
  start: number;
  /** Where the role's qualifier starts (the employer's end when there is none). */
  roleStart: number;
}

/**
 * The employer named between a clause boundary and `end` (a title's start, a ticker in brackets
 * skipped), created as an institution; undefined when the stretch does not start at a boundary
 * or does not read as a name.
 */
export function employerBeforeTitle(
  ctx: DocContext,
  end: number,
  titleStartsAt: (at: number) => boolean,
): EmployerBeforeTitle | undefined {
  const text = ctx.fold;
  let q = end;
  const latinSpace = (i: number) =>
    text[i - 1] === ' ' && /[A-Za-z]/.test(text[i - 2] ?? '') && /[A-Za-z]/.test(text[i] ?? '');
  while (q > 0 && end - q < MAX_SPAN) {
    const ch = text[q - 1];
    if ((!isNameChar(ch) && !latinSpace(q)) || HARD_STOP_CHARS.has(ch ?? '')) break;
    // Another title ends the stretch, unless it only starts inside a word (公司长亮: 司长).
    if (ctx.takenEndingAt(q)) return undefined;
    if (q !== end && titleStartsAt(q - 1) && wordBoundaryAt(text, q - 1)) return undefined;
    q--;
  }
  if (q > 0 && isNameChar(text[q - 1]) && !HARD_STOP_CHARS.has(text[q - 1] ?? '')) return undefined;
  let start = q;
  // 据易观千帆…, 活动由店主…: the name starts after the last word that cannot be inside one.
  // Unknown names fall apart into single characters with any tag, so only prepositions,
  // conjunctions and words of two or more characters break a name.
  let offset = q;
  for (const word of taggedWordsOf(text.slice(q, end))) {
    offset += word.word.length;
    const breaks = word.word.length >= 2 || /^[pc]$/.test(word.tag);
    if ((breaks && BREAKING_TAGS.test(word.tag)) || NAME_LEADS.includes(word.word)) start = offset;
  }
  // 这件事由副行长…: a preposition inside a word jieba made (事由) still ends the clause before.
  for (let at = end - 1; at >= start; at--) {
    if (PREPOSITIONS.has(text[at] ?? '')) {
      start = at + 1;
      break;
    }
  }
  for (const description of DESCRIPTION_LEADS) {
    const at = text.lastIndexOf(description, end - 1);
    if (at >= start && at + description.length < end) start = at + description.length;
  }
  // 公司长亮科技: a name does not end inside a word that runs on into the title (司长).
  if (!wordBoundaryAt(text, end)) return undefined;
  const nameEnd = start + splitQualifier(text.slice(start, end));
  const name = ctx.text.slice(start, nameEnd).trim();
  if (!plausibleEmployerName(name)) return undefined;
  const entity = institutionNamed(ctx, name, { start, end: start + name.length });
  ctx.support(entity, 'employer-before-title');
  return { ref: entity.ref, start, roleStart: nameEnd };
}

/** The length of the word dating a title (原, 时任) that ends at `titleStart`; 0 when none. */
export function tenureBefore(text: string, titleStart: number): number {
  const marker = tenureMarkers.find((m) => text.endsWith(m, titleStart));
  return marker ? marker.length : 0;
}

/**
 * The institution that the words between a known institution and a title name, when they are
 * not a department: a unit of its own (工信部 + 信息通信经济专家委员会) or the rest of its name
 * (螞蟻 + 國際). The role is then the title alone, or the line of work after the name.
 */
export function unitAfterInstitution(
  ctx: DocContext,
  institution: TakenSpan,
  titleStart: number,
): { ref: string; roleStart: number } | undefined {
  const words = ctx.fold.slice(institution.end, titleStart);
  if (/[\s、,，;；]/.test(words) || words.length > 12) return undefined;
  const subUnit = subUnitEnds.some((u) => words.endsWith(u));
  // A department (信息技术部, 财富管理中心) is the role's qualifier, not an institution.
  if (!subUnit && unitEnds.some((u) => words.endsWith(u))) return undefined;
  const nameEnd = subUnit ? titleStart : institution.end + splitQualifier(words);
  const added = ctx.fold.slice(institution.end, nameEnd);
  // The rest of a name is short and no line of work (螞蟻 + 國際, 腾讯 + 云).
  const continues =
    added.length > 0 &&
    added.length <= 4 &&
    // 人士向 (记者): a function word or a person (人士) is no part of a name.
    !taggedWordsOf(added).some(
      (w) => isDomainWord(w.word) || DESCRIBING_TAGS.test(w.tag) || BREAKING_TAGS.test(w.tag),
    ) &&
    !isOrdinaryPhrase(added) &&
    !plausiblePersonName(added, true) &&
    !/^(?:首席|高级|资深|执行|常务)/.test(added);
  if (!subUnit && !continues) return undefined;
  const span = { start: institution.start, end: nameEnd };
  const entity = institutionNamed(ctx, ctx.text.slice(span.start, span.end), span);
  ctx.support(entity, subUnit ? 'sub-unit-before-title' : 'employer-before-title');
  return { ref: entity.ref, roleStart: nameEnd };
}

function institutionNamed(
  ctx: DocContext,
  name: string,
  span: { start: number; end: number },
): Entity {
  const entity = ctx.entity('INSTITUTION', name, true);
  entity.institutionKind ??= institutionKindOf(name);
  ctx.mention(entity, span);
  return entity;
}

/**
 * Where the name ends in `stretch`: before a run of words that describe a line of work when the
 * run has two words or more or ends in a department (财富管理部); else at the stretch's end. A
 * stretch ending in a unit of its own (研究院, 委员会) is one name.
 */
function splitQualifier(stretch: string): number {
  if (subUnitEnds.some((u) => stretch.endsWith(u))) return stretch.length;
  const words = taggedWordsOf(stretch).map((w) => w.word);
  let run = 0;
  let length = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    if (!isDomainWord(word) && !unitEnds.some((u) => word.endsWith(u))) break;
    run++;
    length += word.length;
  }
  const last = words.at(-1) ?? '';
  const endsInUnit = unitEnds.some((u) => last.endsWith(u));
  return run >= 2 || (run === 1 && endsInUnit) ? stretch.length - length : stretch.length;
}

/** Whether words before a title can be an employer's name (易观千帆, 青禾国际, 金谷园饺子馆). */
function plausibleEmployerName(name: string): boolean {
  if (name.length < 2 || name.length > 24) return false;
  if (!/^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·&.\- ]*$/.test(name)) return false;
  if (plausiblePersonName(name, true) || isGenericName(name)) return false;
  if (unitEnds.some((end) => name.endsWith(end)) && name.length <= 4) return false;
  const words = taggedWordsOf(name);
  // One common noun (部门, 团队) is a part of some employer, not its name.
  if (words.length === 1 && /^(?:n|vn)$/.test(words[0]?.tag ?? '') && isDictionaryWord(name))
    return false;
  // Only words of a line of work (AI策略, 金融科技) describe, they do not name.
  if (words.every((w) => isDomainWord(w.word))) return false;
  // An adjective or adverb describes someone (知名, 著名, 资深), it does not name an employer.
  return !words.some((w) => w.word.length >= 2 && DESCRIBING_TAGS.test(w.tag));
}

const DESCRIBING_TAGS = /^(?:a|ad|an|ag|d|b|f|s|z)$/;
