// Institutions named without an institutional suffix (微纳核芯, 易观千帆, 财联社, 摩尔线程),
// found from the words around them rather than from their own form: a job title and a person
// right after (X首席科学家叶乐), 记者 right after (对X记者表示: an outlet), a list in which
// another member is a known institution or which closes with 等公司/等企业, and a descriptive
// noun right before (管理公司X，). Each candidate names that evidence; its confidence comes from
// data/evidence.json. What stands between the anchor and the nearest boundary is the candidate;
// segmentation moves its start past the words a name never holds.
import type { DocContext } from './context.ts';
import { isGenericName } from './institution-names.ts';
import { NAME_LEADS, patterns, roleTitleSet, selfOutlets } from './lexicon.ts';
import {
  isOrdinaryPhrase,
  personNameAt,
  plausiblePersonName,
  type Word,
  wordsOf,
} from './names.ts';
import { isCjk } from './text.ts';

const MAX_NAME = 10;
/** Parts of speech of proper names (and of words jieba does not know). */
const PROPER_TAG = /^(?:nr|nrt|nrfg|ns|nt|nz|j|x|eng|zg|ng|vg|ag)$/;
/** Departments and offices inside an institution (人力资源部, 总工办), and title chains (董事长兼). */
const NOT_AN_EMPLOYER_END = /(?:部|处|室|科|组|办|中心|兼|联席|团队|条线)$/;
/** Characters a name holds: ideographs, Latin letters, digits and the space between words. */
const NAME_CHAR = /[\u3400-\u9fffA-Za-z0-9]/;
/** Nouns that describe what follows as an institution (管理公司普惠立信, 科技机构X). */
const DESCRIPTOR_BEFORE = /(?:公司|机构|企业|集团|平台|酒吧|餐厅|品牌|厂商|服务商|基金)$/;
/** The end of a list that names institutions (华为、摩尔线程等人工智能龙头企业). */
/** Speech verbs after 对X (对澎湃新闻表示, 对X分析称). */
/** 表示 and 分析 also take an object (对前景表示乐观): only before what is said they are speech. */
const SPEECH_AFTER = '(?:表示|分析)(?=[,:“"])|介绍|指出|分析称|透露|坦言|直言';
const LIST_CLOSER = /^等[\u4e00-\u9fff]{0,8}?(?:公司|企业|机构|银行|券商|平台|厂商|巨头|大厂)/;

type Candidate = { start: number; end: number; basis: string };

/**
 * The candidate name that ends at `end`: back to the nearest boundary (punctuation, a name found
 * before, a lead word), then past the last word a name never holds.
 */
function nameEndingAt(ctx: DocContext, end: number): { start: number; end: number } | undefined {
  const text = ctx.fold;
  let start = end;
  while (start > 0 && end - start < MAX_NAME) {
    const ch = text[start - 1] ?? '';
    const spaced =
      ch === ' ' && /[A-Za-z]/.test(text[start - 2] ?? '') && /[A-Za-z]/.test(text[start] ?? '');
    if (!NAME_CHAR.test(ch) && !spaced) break;
    if (ctx.takenEndingAt(start)) break;
    start--;
  }
  const bounded = start === 0 || !NAME_CHAR.test(text[start - 1] ?? '') || ctx.takenEndingAt(start);
  const words = wordsOf(text.slice(start, end));
  let from = start;
  for (const w of words) if (breaksBefore(w)) from = start + w.end;
  // Without a boundary or a breaking word within reach the stretch is part of a longer phrase.
  if (!bounded && from === start) return undefined;
  return from < end ? { start: from, end } : undefined;
}

/**
 * Words a name without a suffix does not hold, so it starts after them: lead words (来自, 公司),
 * verbs, adverbs and function words of any length, numerals in digits. A numeral word may open a
 * name (第一财经), so it does not break.
 */
function breaksBefore(w: Word): boolean {
  if (NAME_LEADS.includes(w.word)) return true;
  if (/^(?:c|p|r|rr|rz|u|uj|ul|uz|ug|uv|ud|y|e|o)$/.test(w.tag)) return true;
  if (/\d/.test(w.word)) return true;
  return w.word.length >= 2 && /^(?:v|vd|d|ad|i|t)$/.test(w.tag);
}

/** Whether a name is only common dictionary words (港口, 铁路枢纽, 争相布局): a phrase, not a name. */
function onlyCommonWords(name: string): boolean {
  const words = wordsOf(name);
  return words.every((w) => w.word.length >= 2 && !PROPER_TAG.test(w.tag));
}

/** Whether a candidate reads as a name: not generic, not ordinary words, not a person or title. */
function plausible(ctx: DocContext, start: number, end: number, basis: string): boolean {
  const name = ctx.fold.slice(start, end);
  if (name.length < 2 || name.length > MAX_NAME || /^\d+$/.test(name)) return false;
  if (ctx.overlapsTaken(start, end)) return false;
  if (selfOutlets.has(name) || roleTitleSet.has(name) || isGenericName(name)) return false;
  if (isCjk(name[0]) && plausiblePersonName(name, true)) return false;
  if (NOT_AN_EMPLOYER_END.test(name) || name.includes('的')) return false;
  if ([...ctx.fold.slice(start, end).matchAll(patterns.roleTitle)].length) return false;
  // A Latin name is all Latin (MiniMax, AGI Bar; AI策略 is a phrase); a Chinese one must not
  // read as a phrase with a verb in it, nor be common words only.
  if (basis === 'latin-company') return !roleTitleSet.has(name.slice(0, -2));
  if (/[A-Za-z]/.test(name)) return /^[A-Za-z][A-Za-z0-9 .&-]*$/.test(name);
  // An outlet is often named by common words and numerals (时代财经, 第一财经, 澎湃新闻): the
  // place it stands in is the evidence; only a function word in it makes a phrase, or a verb
  // after its first word (jieba files some outlets' first words as verbs: 澎湃/v 新闻).
  if (basis.startsWith('outlet-')) {
    const words = wordsOf(name);
    return !words.some(
      (w, i) =>
        /^(?:c|p|r|u|d)$/.test(w.tag) || (i > 0 && w.word.length >= 2 && /^(?:v|vd)$/.test(w.tag)),
    );
  }
  return !isOrdinaryPhrase(name) && !onlyCommonWords(name);
}

/** X首席科学家叶乐, X分析师胡精华: the words right before a title that a person follows. */
function beforeTitle(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(patterns.roleTitle)) {
    const titleEnd = m.index + m[0].length;
    const person =
      ctx.takenStartingAt(titleEnd, 'PERSON') ??
      (ctx.fold[titleEnd] === '兼' ? { start: titleEnd } : undefined) ??
      personNameAt(ctx, titleEnd) ??
      titledPersonAfterList(ctx, titleEnd);
    if (!person) continue;
    const span = nameEndingAt(ctx, m.index);
    if (span) found.push({ ...span, basis: 'subject-before-title' });
  }
  return found;
}

/**
 * X首席研究员、Y副主任董某: a title that a list mark follows belongs to the person after the
 * list's last title, in the same clause.
 */
function titledPersonAfterList(ctx: DocContext, titleEnd: number): { start: number } | undefined {
  if (ctx.fold[titleEnd] !== '、') return undefined;
  const clause = /^[^,。;:!?\n“”"]{1,30}/.exec(ctx.fold.slice(titleEnd + 1))?.[0] ?? '';
  for (const m of clause.matchAll(patterns.roleTitle)) {
    const end = titleEnd + 1 + m.index + m[0].length;
    const person = ctx.takenStartingAt(end, 'PERSON') ?? personNameAt(ctx, end);
    if (person) return person;
  }
  return undefined;
}

/** 对X记者表示, X记者发现: the outlet a reporter writes for. */
function beforeReporter(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(/记者/g)) {
    const span = nameEndingAt(ctx, m.index);
    if (span) found.push({ ...span, basis: 'outlet-before-reporter' });
  }
  return found;
}

/** 对X表示 where X is no person: the outlet spoken to (对澎湃新闻表示). */
function addressed(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  const pattern = new RegExp(`对(?!于)([\\u4e00-\\u9fffA-Za-z]{2,8}?)(?=${SPEECH_AFTER})`, 'g');
  for (const m of ctx.fold.matchAll(pattern)) {
    const name = m[1] ?? '';
    if (
      name.includes('记者') ||
      ctx.takenWithin(m.index + 1, m.index + 1 + name.length, 'PERSON').length
    )
      continue;
    found.push({ start: m.index + 1, end: m.index + 1 + name.length, basis: 'outlet-addressed' });
  }
  return found;
}

/** 来源：X, 本文来自X: the outlet a text comes from. */
function sourceLine(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(
    /(?<!图片|图)(?:来源|本文来自|本文来源)\s*[:|｜]?\s*([\u4e00-\u9fffA-Za-z]{2,8}?)(?=\s|作者|$|[,。\n])/gm,
  )) {
    const name = m[1] ?? '';
    const start = m.index + m[0].length - name.length;
    found.push({ start, end: start + name.length, basis: 'outlet-source-line' });
  }
  return found;
}

/** X官网, X官方网站, X公众号: what has a website or an official account is an institution. */
function ownsSite(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(/官网|官方网站|官方微信|官微|微信公众号/g)) {
    const span = nameEndingAt(ctx, m.index);
    if (span) found.push({ ...span, basis: 'owns-official-site' });
  }
  return found;
}

/** X与Y, X和Y where Y is an institution found already: X is named as its peer. */
function pairedWithInstitution(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(/[与和及]/g)) {
    if (!ctx.takenStartingAt(m.index + 1, 'INSTITUTION')) continue;
    const span = nameEndingAt(ctx, m.index);
    if (span && span.end - span.start <= 8)
      found.push({ ...span, basis: 'listed-with-institution' });
  }
  return found;
}

/** 科技机构金融壹账通(NYSE…): a name between a noun that describes an institution and a bracket. */
function afterDescriptor(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  const text = ctx.fold;
  for (const m of text.matchAll(/\(/g)) {
    const span = nameEndingAt(ctx, m.index);
    if (!span || span.end - span.start > 6) continue;
    if (DESCRIPTOR_BEFORE.test(text.slice(Math.max(0, span.start - 6), span.start)))
      found.push({ ...span, basis: 'descriptor-before-name' });
  }
  return found;
}

/**
 * Members of a list (A、B、C等公司; A、B和C) in which another member is an institution already
 * found, or which closes with 等 and an institutional noun.
 */
function listed(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  const text = ctx.fold;
  for (const m of text.matchAll(/[^,。;:!?\n()“”"「」]+/g)) {
    const clause = m[0];
    if (!clause.includes('、')) continue;
    const items: { start: number; end: number }[] = [];
    let at = m.index;
    for (const part of clause.split(/、/)) {
      items.push({ start: at, end: at + part.length });
      at += part.length + 1;
    }
    const last = items.at(-1);
    if (!last) continue;
    // The last member ends before 等 or before the clause goes on (B和C都是…).
    const closer = /等/.exec(text.slice(last.start, last.end));
    if (closer) last.end = last.start + closer.index;
    const closes = LIST_CLOSER.test(text.slice(last.end, last.end + 12));
    const members = items.map((item) => nameEndingAt(ctx, item.end) ?? item);
    const known = members.some((item) =>
      ctx.takenWithin(item.start, item.end, 'INSTITUTION').some((t) => t.end === item.end),
    );
    if (!known && !closes) continue;
    for (const item of members) {
      if (item.end - item.start > 8) continue;
      found.push({ start: item.start, end: item.end, basis: 'listed-with-institution' });
    }
  }
  return found;
}

/**
 * DeepSeek公司, Anthropic公司: a Latin name with 公司 after it is a company, though the same name
 * alone may be its product. The whole written form is the name, so the product's mentions stay
 * the model's.
 */
function latinCompany(ctx: DocContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of ctx.fold.matchAll(
    /(?<![A-Za-z0-9.-])[A-Z][A-Za-z0-9]*(?:[ -][A-Z][A-Za-z0-9]*)*公司/g,
  )) {
    if (ctx.text[m.index - 1] === '子') continue;
    found.push({ start: m.index, end: m.index + m[0].length, basis: 'latin-company' });
  }
  return found;
}

/** Institutions the context names, added with the evidence that found them. */
export function findByContext(ctx: DocContext): void {
  const candidates = [
    ...beforeTitle(ctx),
    ...beforeReporter(ctx),
    ...addressed(ctx),
    ...sourceLine(ctx),
    ...afterDescriptor(ctx),
    ...listed(ctx),
    ...ownsSite(ctx),
    ...pairedWithInstitution(ctx),
    ...latinCompany(ctx),
  ];
  for (const c of candidates) {
    if (!plausible(ctx, c.start, c.end, c.basis)) continue;
    const name = ctx.text.slice(c.start, c.end);
    const entity = ctx.entity('INSTITUTION', name, true);
    entity.institutionKind ??= c.basis.startsWith('outlet-') ? 'media' : 'other';
    ctx.support(entity, c.basis);
    ctx.mention(entity, { start: c.start, end: c.end });
  }
}
