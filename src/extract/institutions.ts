// Institutions: names the lexicon knows (known-institutions.ts), names that end in an
// institutional suffix (银行, 股份有限公司, 研究院…), short names the document defines (以下简称“…”)
// or derives from a full name (招联 for 招联消费金融股份有限公司), and renamed institutions
// (原…，现更名为…).

import type { DocContext } from './context.ts';
import {
  findReferences,
  findRenamed,
  findShortNames,
  type SelfReference,
} from './institution-aliases.ts';
import { findByContext } from './institution-context.ts';
import { addInstitution, isGenericName, suffixBlocked } from './institution-names.ts';
import { findKnown, knownBrands, knownByName } from './known-institutions.ts';
import {
  alternation,
  HARD_STOP_CHARS,
  institutionSuffixes,
  isDomainWord,
  NAME_LEADS,
  nameBreakingVerbs,
  patterns,
  places,
  selfReferences,
  startsWithTitle,
  WEAK_START_CHARS,
} from './lexicon.ts';
import {
  isBreakingWord,
  isFunctionCharacter,
  isOrdinaryPhrase,
  taggedWordsOf,
  wordsOf,
} from './names.ts';
import { countOccurrences, foldForMatch, isCjk, isNameChar, isSubsequence } from './text.ts';

const MAX_NAME = 24;
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
  const stretchWords = wordsOf(text.slice(context, end));
  const wordStarts = new Set(stretchWords.map((w) => context + w.start));
  const organisationWords = new Set(
    stretchWords
      .filter((w) => w.tag === 'nt' && context + w.end === end)
      .map((w) => context + w.start),
  );
  const legalName = LEGAL_FORM_END.test(text.slice(suffixStart, end));
  const verbEndsAt = new Set(
    stretchWords.filter((w) => w.word.length >= 2 && w.tag === 'v').map((w) => context + w.end),
  );
  const cut = afterLastBreak(text, limit, suffixStart);
  limit = cut.at;
  let best = { start: -1, score: Number.NEGATIVE_INFINITY };
  for (let p = limit; p <= suffixStart; p++) {
    const candidate = text.slice(p, end);
    if (candidate.length < 2 || isGenericName(candidate)) continue;
    // A lead word opens the name; before a legal name, so does a verb of two characters or
    // more that segmentation ends right here (收购|捷信消费金融有限公司).
    const led =
      NAME_LEADS.some((lead) => text.endsWith(lead, p)) || (legalName && verbEndsAt.has(p));
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
    const named = ctx.find('INSTITUTION', candidate) !== undefined;
    if (named) score += 5;
    // Segmentation itself reads the candidate as one organisation's name (联想集团/nt).
    if (organisationWords.has(p)) score += 5;
    const head = text.slice(p, suffixStart);
    if (containsVerb(head)) score -= 6;
    // A conjunction, preposition or model word inside the head joins two phrases: 大模型由恒拓证券.
    if (/[与和及由把被]|模型/.test(head.slice(1))) score -= 3;
    const evidence = Boolean(abbreviation) || named || organisationWords.has(p);
    const titled = beforeTitle && p === limit && head.length <= 3;
    // Ordinary words make a phrase, not a name, unless a place opens it (长三角…创新联盟).
    const placed = places.some((pl) => head.startsWith(pl) && head.length > pl.length);
    if (!evidence && !titled && !placed && head.length >= 2 && isOrdinaryPhrase(head)) score -= 4;
    if (!evidence && head.length < 2 && !knownByName.has(candidate)) score -= 6;
    // Words of a line of work only describe (AI策略基金经理, 金融科技公司), they do not name.
    if (!evidence && isDomainWord(head.replace(/\s+/g, ''))) score -= 6;
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
  return nameBreakingVerbs.some((verb) => stretch.includes(verb));
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
      if (selfReferences.has(abbreviation[1]))
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
      if (selfReferences.has(def[1]))
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
