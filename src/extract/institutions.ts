// Institutions: names the lexicon knows, names that end in an institutional suffix (银行,
// 股份有限公司, 研究院…), short names the document defines (以下简称“…”) or derives from a full
// name (招联 for 招联消费金融股份有限公司), and renamed institutions (原…，现更名为…).

import type { InstitutionKind } from '../domain/entities.ts';
import type { DocContext, Entity } from './context.ts';
import {
  findReferences,
  findRenamed,
  findShortNames,
  type SelfReference,
} from './institution-aliases.ts';
import { findByContext } from './institution-context.ts';
import { institutionKindOf, isGenericName, stripLegalForm } from './institution-names.ts';
import {
  alternation,
  brandArms,
  HARD_STOP_CHARS,
  institutionSuffixes,
  knownInstitutions,
  NAME_LEADS,
  patterns,
  places,
  roleTitleSet,
  roleTitles,
  startsWithTitle,
  suffixNotBefore,
  WEAK_START_CHARS,
} from './lexicon.ts';
import {
  isBreakingWord,
  isCommonNoun,
  isFunctionCharacter,
  isOrdinaryPhrase,
  taggedWordsOf,
  wordsOf,
} from './names.ts';
import { countOccurrences, foldForMatch, isCjk, isNameChar, isSubsequence } from './text.ts';

const MAX_NAME = 24;
const knownByName = new Map<string, (typeof knownInstitutions)[number]>();
for (const k of knownInstitutions) for (const n of [k.name, ...k.aliases]) knownByName.set(n, k);
/**
 * The distinctive words of the known institutions' names (平安 of 中国平安 and 平安银行, 招商 of
 * 招商银行): a head the collection knows as a brand is no common word, whatever its part of speech.
 */
const knownBrands = new Set<string>();
for (const name of knownByName.keys()) {
  let core = stripLegalForm(name);
  const suffix = institutionSuffixes.find((x) => core.endsWith(x.suffix));
  if (suffix) core = core.slice(0, -suffix.suffix.length);
  const place = places.find((pl) => core.startsWith(pl) && core.length > pl.length);
  if (place) core = core.slice(place.length);
  if (core.length >= 2) knownBrands.add(core);
}
const knownPattern = new RegExp(alternation(knownByName.keys()), 'g');
const suffixPattern = new RegExp(alternation(institutionSuffixes.map((s) => s.suffix)), 'g');
const ABBREVIATION =
  /^\((?:以下简称|以下称|下称|简称|下文简称|以下统称|以下简称为|下同)[:,]?["“「『]?([^"”」』()]{2,16}?)["”」』]?\)/;
/**
 * Suffixes that start names but never extend one: 东陵财经大学 + 金融科技研究院 reads on to
 * 研究院, and 北辰农商行 + 科技信息部 is a department.
 */
const CHAIN_TRANSPARENT = new Set(['科技']);
const LEGAL_FORM_END = /(?:股份有限公司|有限责任公司|有限公司)$/;
/** Bodies that are public only with a place in their name (国家…委员会, 北京市…办公室). */
const INTERNAL_BODY = /(?:委员会|办公室|工作组|领导小组)$/;
/** Suffixes of units inside an institution (大学 + 金融科技研究院) or of its legal form. */
const SUB_UNIT_SUFFIXES = new Set([
  '研究院',
  '学院',
  '研究所',
  '实验室',
  '研究中心',
  '有限公司',
  '股份有限公司',
  '有限责任公司',
]);
/** A preposition right before a suffix makes it a common noun: 在银行的落地, 向银行申请. */
const PREPOSITION_BEFORE_SUFFIX = new Set([...'在于对向从把被给让跟到']);
/**
 * Units of an institution named after it that are departments, not institutions: a broker's
 * 研究所 is its research department (恒拓证券研究所所长 works for 恒拓证券).
 */
const DEPARTMENT_UNITS: Record<string, string[]> = { 证券: ['研究所'] };

/** Words a text defines for the institution it speaks for (以下简称“本行”): never names. */
const SELF_REFERENCES = new Set([
  '本行',
  '本公司',
  '公司',
  '本集团',
  '集团',
  '我行',
  '我司',
  '本所',
  '本基金',
]);
/** Whether the suffix at [start, end) is used as a common noun here (银行业, 证券市场). */
function suffixBlocked(text: string, suffix: string, end: number): boolean {
  const blocked = suffixNotBefore[suffix];
  if (!blocked?.includes(text[end] ?? '')) return false;
  // A title right after shows the suffix ends a name (芯视界科技创始人, not 科技创新).
  const [next] = wordsOf(text.slice(end, end + 8));
  return !(next && roleTitleSet.has(next.word)) && !roleTitles.some((t) => text.startsWith(t, end));
}

/**
 * Where the name that ends with the suffix at `suffixStart` begins. Candidates run back to
 * the nearest hard boundary; each is scored on what the document says about it.
 */
function nameStart(
  ctx: DocContext,
  suffixStart: number,
  end: number,
  stops: Set<number>,
  abbreviation?: string,
) {
  const text = ctx.fold;
  let limit = suffixStart;
  while (limit > 0 && suffixStart - limit < MAX_NAME) {
    const ch = text[limit - 1];
    if (!isNameChar(ch) || HARD_STOP_CHARS.has(ch ?? '') || stops.has(limit)) break;
    if (ctx.takenEndingAt(limit, 'PERSON') || ctx.takenEndingAt(limit, 'MODEL')) break;
    limit--;
  }
  if (PREPOSITION_BEFORE_SUFFIX.has(text[suffixStart - 1] ?? '')) return -1;
  // A title right after the name (启衡研究院高级研究员) shows it names an employer.
  const beforeTitle = startsWithTitle(text.slice(end, end + 12));
  // Segmentation decides where the words in front of the name end: after a conjunction,
  // preposition, pronoun, verb or adverb (而|中小银行, 能为|中小银行, 从|上海金融监管局).
  // A one-character word (而, 从, 2024年) leads a name as a lead word does; after a longer
  // one (如果, 非常适合) the name needs evidence of its own.
  const boundary = limit;
  // Where words start, read with a few characters before the stretch (我|国 is one word, 我国).
  let context = limit;
  while (context > 0 && limit - context < 4 && isCjk(text[context - 1])) context--;
  const wordStarts = new Set(wordsOf(text.slice(context, end)).map((w) => context + w.start));
  const cut = afterLastBreak(text, limit, suffixStart);
  limit = cut.at;
  let best = { start: -1, score: Number.NEGATIVE_INFINITY };
  for (let p = limit; p <= suffixStart; p++) {
    const candidate = text.slice(p, end);
    if (candidate.length < 2 || isGenericName(candidate)) continue;
    const led = NAME_LEADS.some((lead) => text.endsWith(lead, p));
    let score = p === limit && (limit === boundary || cut.length === 1) ? 2 : led ? 2 : -3;
    if (p === limit && limit !== boundary && cut.length > 1 && !led) score = -1;
    // A lead word that is a function word on its own (从|江苏…, 为, 向) opens the stretch, not
    // the name; inside a longer word it is the name's (对外经济贸易大学).
    const first = text[p] ?? '';
    const standsAlone =
      NAME_LEADS.includes(first) && isFunctionCharacter(first) && wordStarts.has(p + 1);
    if (WEAK_START_CHARS.has(first) || standsAlone) score -= 3;
    // 曾任星衡数据…, 来自鹤年人寿: a lead word opens the stretch, the name follows it.
    if (NAME_LEADS.some((lead) => lead.length >= 2 && candidate.startsWith(lead))) score -= 4;
    if (ctx.find('INSTITUTION', candidate)) score += 5;
    const head = text.slice(p, suffixStart);
    if (containsVerb(head)) score -= 6;
    // A conjunction, preposition or model word inside the head joins two phrases: 大模型由恒拓证券.
    if (/[与和及由把被]|模型/.test(head.slice(1))) score -= 3;
    const evidence = Boolean(abbreviation) || ctx.find('INSTITUTION', candidate) !== undefined;
    const titled = beforeTitle && p === limit && head.length <= 3;
    // Ordinary words make a phrase, not a name, unless a place opens it (长三角…创新联盟).
    const placed = places.some((pl) => head.startsWith(pl) && head.length > pl.length);
    if (!evidence && !titled && !placed && head.length >= 2 && isOrdinaryPhrase(head)) score -= 4;
    if (!evidence && head.length < 2 && !knownByName.has(candidate)) score -= 6;
    // A common word in front of a kind word inside a clause, once in the text, is a phrase
    // (而是拉平银行之间, 可以节约银行…的精力): a name's head is coined or proper, or the text
    // comes back to it. At the start of a clause it is the subject and names (松柏人寿推出…).
    if (
      !evidence &&
      !titled &&
      isCjk(text[p - 1]) &&
      readsAsCommonWord(head) &&
      countOccurrences(text, candidate) < 2
    )
      score -= 4;
    // A boundary that splits a word (如|果持有人) is not a boundary.
    // (A word lead such as 联合 is a boundary whatever its last character makes with the next.)
    const ledByWord = NAME_LEADS.some((lead) => lead.length >= 2 && text.endsWith(lead, p));
    if (!ledByWord && isCjk(text[p - 1]) && !wordStarts.has(p)) score -= 4;
    // A long head is a phrase, not a name, unless a place opens it (长三角金融科技创新联盟).
    const place = places.find((pl) => head.startsWith(pl));
    const distinctive = head.length - (place?.length ?? 0);
    // Legal names run longer (曜石数科信息技术有限公司): the form itself is the evidence.
    const allowed = LEGAL_FORM_END.test(candidate) ? 10 : 6;
    if (!evidence && distinctive > allowed) score -= 2 * (distinctive - allowed);
    // The short name defined right after is the front of the full name (瀚海數碼銀行有限公司
    // (下称「瀚海數碼銀行」)): words before it are a description (香港虛擬銀行).
    if (abbreviation && candidate.startsWith(abbreviation)) score += 8;
    else if (abbreviation && abbreviation[0] === text[p]) score += 5;
    else if (abbreviation && isSubsequence(abbreviation, candidate)) score += 1;
    if (knownByName.has(candidate)) score += 5;
    if (places.some((place) => candidate.startsWith(place))) score += 1;
    // A committee or office is a public body only with a place or the state in its name;
    // otherwise it is a body inside an institution (跨部门的人工智能管治委员会).
    if (
      INTERNAL_BODY.test(candidate) &&
      !evidence &&
      !places.some((pl) => candidate.startsWith(pl))
    ) {
      continue;
    }
    if (p === suffixStart) score -= 1;
    if (score > best.score) best = { start: p, score };
  }
  return best.score >= 0 ? best.start : -1;
}

/**
 * Where a name ending at `suffixStart` may start at the earliest: after the last word of the
 * stretch that a name never holds (isBreakingWord). Unknown names fall apart into single
 * characters (万|联|证券, 招|联|消费金融), so single-character verbs and numerals do not cut.
 */
function afterLastBreak(
  text: string,
  limit: number,
  suffixStart: number,
): { at: number; length: number } {
  let cut = { at: limit, length: 0 };
  const words = wordsOf(text.slice(limit, suffixStart));
  words.forEach((w, i) => {
    if (isBreakingWord(w, words[i - 1])) cut = { at: limit + w.end, length: w.word.length };
  });
  return cut;
}

/** Parts of speech of a name's distinctive part: proper names, abbreviations, Latin words. */
const PROPER_HEAD_TAG = /^(?:nz|nt|ns|nrt|j|x|eng)$/;

/** Whether a name's head is one ordinary dictionary word (拉平, 节约, 整理), not a coined one. */
function readsAsCommonWord(head: string): boolean {
  const words = taggedWordsOf(head);
  return (
    words.length === 1 &&
    head.length >= 2 &&
    isCjk(head[0]) &&
    !knownBrands.has(head) &&
    !PROPER_HEAD_TAG.test(words[0]?.tag ?? '')
  );
}

/** Whether a stretch of text holds a verb of speech, making, or use: not part of a name. */
function containsVerb(stretch: string): boolean {
  for (let i = 0; i < stretch.length; i++)
    if (patterns.speechVerbAt.test(stretch.slice(i))) return true;
  return /建议|牵头|建立|发布|推出|采购|使用|调用|进行|开展|举办|举行|主办|表示|认为/.test(stretch);
}

/** Adds an institution mention, with its kind. */
function addInstitution(
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
function findKnown(ctx: DocContext): void {
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
  if (isCjk(next) && !segmentedAt(text, armEnd)) return false;
  const name = ctx.text.slice(start, armEnd);
  if (knownByName.has(foldForMatch(name)) || ctx.overlapsTaken(start, armEnd)) return false;
  addInstitution(ctx, name, start, armEnd, [], undefined, 'known-brand-arm');
  return true;
}

/** Whether segmentation puts a word boundary at `at`, reading a few characters on each side. */
function segmentedAt(text: string, at: number): boolean {
  const from = Math.max(0, at - 4);
  return wordsOf(text.slice(from, at + 4)).some((w) => from + w.end === at);
}

/** Whether `unit` right after a name ending with `name`'s suffix is one of its departments. */
function isDepartment(name: string, between: string, unit: string): boolean {
  if (between !== '') return false;
  return Object.entries(DEPARTMENT_UNITS).some(
    ([suffix, units]) => name.endsWith(suffix) && units.includes(unit),
  );
}

/** Names that end with an institutional suffix; a short name defined right after joins them. */
function findBySuffix(ctx: DocContext, stops: Set<number>, defined: SelfReference[]): void {
  const text = ctx.fold;
  for (const m of text.matchAll(suffixPattern)) {
    let end = m.index + m[0].length;
    // Extend over a longer suffix chain: 东陵财经大学金融科技研究院, 星河金融科技集团有限公司.
    for (let again = true; again; ) {
      again = false;
      const rest = text.slice(end, end + MAX_NAME);
      const next = [...rest.matchAll(suffixPattern)].find((n) => !CHAIN_TRANSPARENT.has(n[0]));
      if (next && next.index !== undefined) {
        const between = rest.slice(0, next.index);
        const subUnit = between === '' || SUB_UNIT_SUFFIXES.has(next[0]);
        const crossesStop = [...stops].some((s) => s > end && s <= end + next.index);
        if (
          subUnit &&
          !crossesStop &&
          [...between].every((ch) => isNameChar(ch) && !HARD_STOP_CHARS.has(ch)) &&
          // 泓川银行与子午智能科技有限公司 is two institutions, not one chain.
          !/[与和及同跟]/.test(between) &&
          !NAME_LEADS.some((lead) => lead.length >= 2 && between.includes(lead)) &&
          !containsVerb(between) &&
          between.length <= 8 &&
          !stops.has(end)
        ) {
          const candidateEnd = end + next.index + next[0].length;
          if (
            !suffixBlocked(text, next[0], candidateEnd) &&
            !/^(?:[部处科组室]|中心)/.test(between) &&
            !isDepartment(text.slice(m.index, end), between, next[0])
          ) {
            end = candidateEnd;
            again = true;
          }
        }
      }
    }
    // A department of a university is part of the name: 維港大學計算機科學系.
    if (/(?:大学|学院)$/.test(text.slice(m.index, end))) {
      const department = /^[\u4e00-\u9fff]{2,8}?系(?![统列数])/.exec(text.slice(end, end + 10));
      if (department) end += department[0].length;
    }
    if (suffixBlocked(text, m[0], m.index + m[0].length) && end === m.index + m[0].length) continue;
    const abbreviation = ABBREVIATION.exec(text.slice(end, end + 30));
    const start = nameStart(ctx, m.index, end, stops, abbreviation?.[1]);
    if (start < 0 || ctx.overlapsTaken(start, end)) continue;
    const name = ctx.text.slice(start, end);
    const entity = addInstitution(
      ctx,
      name,
      start,
      end,
      [],
      undefined,
      LEGAL_FORM_END.test(foldForMatch(name)) ? 'legal-form' : 'org-suffix',
    );
    if (abbreviation?.[1]) {
      const abbrevStart = end + abbreviation[0].indexOf(abbreviation[1]);
      const abbrevEnd = abbrevStart + abbreviation[1].length;
      if (SELF_REFERENCES.has(abbreviation[1]))
        defined.push({ entity, word: abbreviation[1], at: abbrevEnd });
      else ctx.addName(entity, ctx.text.slice(abbrevStart, abbrevEnd), true);
    }
  }
}
/** Abbreviations defined after a known name: 中国证券监督管理委员会(简称“中国证监会”). */
function findDefinedAfterKnown(ctx: DocContext, defined: SelfReference[]): void {
  for (const entity of ctx.all('INSTITUTION')) {
    for (const m of entity.mentions) {
      const def = ABBREVIATION.exec(ctx.fold.slice(m.end, m.end + 30));
      if (!def?.[1] || ctx.find('INSTITUTION', def[1])) continue;
      if (SELF_REFERENCES.has(def[1]))
        defined.push({ entity, word: def[1], at: m.end + def[0].length });
      else ctx.addName(entity, def[1], true);
    }
  }
}
export function extractInstitutions(ctx: DocContext, stops: Set<number>): void {
  const defined: SelfReference[] = [];
  findKnown(ctx);
  findBySuffix(ctx, stops, defined);
  findDefinedAfterKnown(ctx, defined);
  findByContext(ctx);
  findRenamed(ctx);
  findShortNames(ctx);
  findReferences(ctx, defined);
}
