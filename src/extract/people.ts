// People and their roles. The patterns Chinese news uses to introduce a person:
//   [institution][qualifier][title][name]      江苏苏商银行股份有限公司副行长黄进
//   titles joined by 、 or 兼                  党委书记、董事长欧阳明远
//   several institutions for one person         南溪大学法学院教授、观微数据独立董事麦芃
//   name(institution title)                     程立言(鼎信证券银行业首席分析师)
//   name,institution title,                     上官若岚,鹤年人寿保险股份有限公司首席数据官,
//   来自[institution]的[name] … 这位[title]     同样来自鹤年人寿的邹凯 … 这位理赔运营部总经理
//   bylines and sign-offs                       界面新闻记者 | 何柳颖, (责任编辑:卢骁)
//   a name before a speech verb                 黄进介绍, 冉翀则认为, 据上官若岚介绍
//   Q&A transcripts                             张三:…

import { findBylines } from './bylines.ts';
import type { DocContext, Entity, TakenSpan } from './context.ts';
import { employerBeforeTitle, tenureBefore, unitAfterInstitution } from './employers.ts';
import { isGenericName } from './institution-names.ts';
import {
  alternation,
  HARD_STOP_CHARS,
  patterns,
  qualifierEnds,
  roleTitleSource,
  speechAdverbs,
  speechVerbs,
  titlesBeforeBody,
} from './lexicon.ts';
import { linkNamesBeforeTitles } from './name-title.ts';
import {
  endsCleanly,
  isCommonWordNotName,
  isDictionaryWord,
  isOrdinaryPhrase,
  latinNameEndingAt,
  type NameMatch,
  personNameAt,
  plausiblePersonName,
  surnameLength,
} from './names.ts';
import { foldForMatch, isCjk, isNameChar } from './text.ts';

export interface Title {
  start: number;
  end: number;
}

/** A run of titles that one person holds at one institution: 副总经理兼首席信息官. */
export interface RolePhrase {
  /** Where the role starts (its qualifier included) and ends. */
  start: number;
  end: number;
  role: string;
  institution?: string;
}

const titleAt = new RegExp(`^${roleTitleSource}`);
const titleAtEnd = new RegExp(`${roleTitleSource}$`);
const titleBeforeBody = new RegExp(alternation(titlesBeforeBody));
const JOINERS = /^,?(?:、|兼任|兼|及|和|并兼任|并任|同时担任)$/;
const JOINER_THEN_UNIT = /^,?(?:、|兼任|兼|并兼任|并任|同时担任)(.{2,10})$/;

/**
 * Whether the text between two titles joins them into one person's role: 党委书记、董事长,
 * 副总经理兼首席信息官, and with a unit before the second, 行长助理兼信用卡中心总经理.
 */
function joinsTitles(gap: string): boolean {
  if (JOINERS.test(gap)) return true;
  const unit = JOINER_THEN_UNIT.exec(gap)?.[1];
  return unit !== undefined && isUnit(unit);
}
const ROLE_LEADS = ['现任', '时任', '曾任', '担任', '出任', '兼任', '这位', '该', '一位', '位'];
const speechPattern = new RegExp(
  `(?:${alternation(speechAdverbs)})*(?:${alternation(speechVerbs)})`,
  'g',
);
/** Every core title in the text, outside names already taken. */
export function findTitles(ctx: DocContext): Title[] {
  const titles: Title[] = [];
  for (const m of ctx.fold.matchAll(patterns.roleTitle)) {
    const start = m.index;
    const end = start + m[0].length;
    const next = ctx.fold[end] ?? '';
    if (/[会部处]/.test(next) && titleBeforeBody.test(m[0])) continue;
    if (/[A-Za-z]/.test(m[0]) && /[A-Za-z]/.test(next + (ctx.fold[start - 1] ?? ''))) continue;
    titles.push({ start, end });
  }
  return titles;
}

function roleHoldsName(ctx: DocContext, name: NameMatch): boolean {
  const given = ctx.fold.slice(name.start + 1);
  return !titleAt.test(given) && !titleAt.test(ctx.fold.slice(name.start + 2));
}

/**
 * Names written right after a title (副行长黄进). They are found before institutions so that
 * an institution name never swallows the person in front of it (黄进|众邦银行).
 */
export function findNamesAfterTitles(ctx: DocContext, titles: Title[]): Map<number, Entity[]> {
  const byTitleEnd = new Map<number, Entity[]>();
  const known = () =>
    ctx
      .all('PERSON')
      .flatMap((p) => [...p.names.values()].filter((n) => n.strong).map((n) => n.name));
  for (const title of titles) {
    const name = personNameAt(ctx, title.end, known());
    if (!name || !plausiblePersonName(name.name, false) || !roleHoldsName(ctx, name)) continue;
    if (ctx.overlapsTaken(name.start, name.end)) continue;
    // 董事长时间超过: an ordinary word after a title is a name only where a name would end.
    if (isCommonWordNotName(name.name) && !endsCleanly(ctx.fold, name.end)) continue;
    const person = ctx.entity('PERSON', name.name, true);
    ctx.mention(person, name);
    byTitleEnd.set(title.end, [person, ...listedAfter(ctx, name.end, known)]);
  }
  return byTitleEnd;
}

/** The further names of a list that shares one title: 独立董事阚明修、濮阳澈、容若谷. */
function listedAfter(ctx: DocContext, end: number, known: () => string[]): Entity[] {
  const listed: Entity[] = [];
  for (let at = end; /^(?:、|和|及)/.test(ctx.fold.slice(at, at + 1)); ) {
    const next = personNameAt(ctx, at + 1, known());
    if (!next || !plausiblePersonName(next.name, true) || ctx.overlapsTaken(next.start, next.end))
      break;
    const person = ctx.entity('PERSON', next.name, true);
    ctx.mention(person, next);
    listed.push(person);
    at = next.end;
  }
  return listed;
}

/** Offsets no institution name may extend back across: the ends of titles and names. */
export function nameStops(ctx: DocContext, titles: Title[]): Set<number> {
  const stops = new Set<number>();
  for (const t of titles) stops.add(t.end);
  for (const t of ctx.taken) if (t.kind === 'PERSON') stops.add(t.end);
  return stops;
}

/**
 * Skips back over an abbreviation definition "(以下简称“X”)" or a ticker "(300348)",
 * "(NYSE.OCFT;6638.HK)" that ends at `at`: the name they belong to ends before them.
 */
function skipDefinition(text: string, at: number): number {
  if (text[at - 1] !== ')') return at;
  const open = text.lastIndexOf('(', at - 1);
  if (open < 0 || at - open > 30) return at;
  const inside = text.slice(open + 1, at - 1);
  return /简称|下称|以下称/.test(inside) || /^[A-Z0-9.:;,\s]+$/.test(inside) ? open : at;
}

/** A rank that opens a compound title: 首席数码及数据总监, 高级投资副总裁. */
const RANK_OPENING = /^(?:首席|高级|资深|执行|常务)/;
/** A plural group of people joined to what follows (高级管理人员及, 董事会成员和). */
const GROUP_BEFORE_TITLE = /(?:人员|成员|代表|们)[及和与]$/;

/** Whether words before a title name a unit of an institution (研究所, 科技信息部). */
function isUnit(qualifier: string): boolean {
  return (
    qualifierEnds.some((end) => qualifier.endsWith(end)) &&
    !/[由在与和及对从向为将把被是]/.test(qualifier)
  );
}

/** The qualifier before a title (科技信息部, 银行业, 金融AI) and the institution before that. */
function qualifierAndInstitution(
  ctx: DocContext,
  titleStart: number,
  personFollows: boolean,
): { start: number; roleStart: number; institution: string | undefined } {
  const text = ctx.fold;
  // 协会原副会长, 星河银行时任行长: the word dating the title belongs to neither side; what is
  // before it is read as if the title started there, and the role is the title itself.
  const tenure = tenureBefore(text, titleStart);
  if (tenure > 0) {
    const dated = titleStart - tenure;
    const found = qualifierAndInstitution(ctx, dated, personFollows);
    return { ...found, roleStart: found.roleStart === dated ? titleStart : found.roleStart };
  }
  let q = titleStart;
  while (q > 0 && titleStart - q < 16) {
    const ch = text[q - 1];
    if (!isNameChar(ch) || HARD_STOP_CHARS.has(ch ?? '')) break;
    if (ctx.takenEndingAt(q, 'INSTITUTION') || ctx.takenEndingAt(q, 'PERSON')) break;
    if (titleAt.test(text.slice(q - 1)) && q !== titleStart) break;
    // 监事、高级管理人员及董事会秘书乐正弦: a group of people listed before the title is not
    // its qualifier.
    if (GROUP_BEFORE_TITLE.test(text.slice(Math.max(0, q - 5), q))) break;
    q--;
  }
  let qualifier = text.slice(q, titleStart);
  const lead = ROLE_LEADS.find((l) => qualifier.includes(l));
  if (lead) {
    q += qualifier.lastIndexOf(lead) + lead.length;
    qualifier = text.slice(q, titleStart);
    return { start: q, roleStart: q, institution: undefined };
  }
  let at = skipDefinition(text, q);
  if (text[at - 1] === '的') at--;
  const institution = ctx.takenEndingAt(at, 'INSTITUTION');
  if (institution && qualifier && at === q) {
    // 工信部信息通信经济专家委员会委员, 螞蟻國際董事長: the words after the institution name a
    // unit of its own or continue its name; the title is held there.
    const unit = unitAfterInstitution(ctx, institution, titleStart);
    if (unit) return { start: institution.start, roleStart: unit.roleStart, institution: unit.ref };
  }
  if (!institution && personFollows) {
    // 易观千帆分析师胡精华, 青禾国际首席技术官陈默: a clause that opens with words, a title and a
    // name names the employer in those words, though no legal form says so.
    const employer = employerBeforeTitle(ctx, skipDefinition(text, titleStart), (i) =>
      titleAt.test(text.slice(i)),
    );
    if (employer)
      return { start: employer.start, roleStart: employer.roleStart, institution: employer.ref };
  }
  if (
    !institution &&
    qualifier &&
    q > 0 &&
    isNameChar(text[q - 1]) &&
    !HARD_STOP_CHARS.has(text[q - 1] ?? '')
  ) {
    // The qualifier did not reach back to anything known: it is not a qualifier.
    return { start: titleStart, roleStart: titleStart, institution: undefined };
  }
  if (!institution && qualifier && !isUnit(qualifier) && !RANK_OPENING.test(qualifier)) {
    // Without an institution before it, only a unit (研究所, 科技信息部) belongs to the role;
    // other words (这件事由) stay out of it, though a speaker list may name an employer there.
    return { start: q, roleStart: titleStart, institution: undefined };
  }
  return { start: q, roleStart: q, institution: institution?.ref };
}

/** Groups titles into role phrases and links each to the institution written before it. */
export function findRolePhrases(
  ctx: DocContext,
  titles: Title[],
  named: Map<number, Entity[]>,
): RolePhrase[] {
  const phrases: RolePhrase[] = [];
  for (let i = 0; i < titles.length; i++) {
    const first = titles[i];
    if (!first) continue;
    let end = first.end;
    while (i + 1 < titles.length) {
      const next = titles[i + 1];
      if (!next || !joinsTitles(ctx.fold.slice(end, next.start))) break;
      // 教授、观微数据独立董事: an institution between the titles starts another role.
      if (ctx.takenWithin(end, next.start, 'INSTITUTION').length > 0) break;
      end = next.end;
      i++;
    }
    const { start, roleStart, institution } = qualifierAndInstitution(
      ctx,
      first.start,
      named.has(end),
    );
    phrases.push({ start, end, role: ctx.text.slice(roleStart, end), institution });
  }
  return phrases;
}

function affiliate(
  ctx: DocContext,
  person: Entity,
  institution: string | undefined,
  role: string,
  at: { start: number; end: number },
) {
  if (!institution) {
    if (role) ctx.unplacedRoles.push({ person: person.ref, role, evidence: ctx.evidence(at) });
    return;
  }
  ctx.affiliations.push({ a: person.ref, b: institution, role, evidence: ctx.evidence(at) });
}

/** The phrases chained before `phrase` by 、 (教授、观微数据独立董事麦芃). */
function chainBefore(ctx: DocContext, phrases: RolePhrase[], phrase: RolePhrase): RolePhrase[] {
  const chain = [phrase];
  let current = phrase;
  for (;;) {
    const inst = current.institution
      ? ctx.takenEndingAt(skipDefinition(ctx.fold, current.start), 'INSTITUTION')
      : undefined;
    const head = inst?.start ?? current.start;
    const previous = phrases.find((p) => p.end === head - 1 && ctx.fold[p.end] === '、');
    if (!previous) return chain;
    chain.unshift(previous);
    current = previous;
  }
}

/** [institution][title][name] chains, with every institution of the chain. */
function linkTitleNames(
  ctx: DocContext,
  phrases: RolePhrase[],
  named: Map<number, Entity[]>,
): void {
  for (const phrase of phrases) {
    const people = named.get(phrase.end) ?? [];
    const chain = people.length ? chainBefore(ctx, phrases, phrase) : [];
    for (const person of people) {
      let lastInstitution: string | undefined;
      for (const p of chain) {
        lastInstitution = p.institution ?? lastInstitution;
        affiliate(ctx, person, p.institution ?? lastInstitution, p.role, {
          start: p.start,
          end: phrase.end,
        });
      }
    }
  }
}

/** The person whose name ends right before `end` (2 to 4 characters, after a boundary). */
function nameEndingAt(ctx: DocContext, end: number, strict: boolean): NameMatch | null {
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
function boundedBefore(text: string, start: number): boolean {
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
function plausibleEmployer(name: string): boolean {
  const folded = foldForMatch(name);
  if (!/^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$/.test(folded)) return false;
  if (isGenericName(folded) || qualifierEnds.some((end) => folded.endsWith(end))) return false;
  return !isOrdinaryPhrase(folded);
}

/**
 * name(institution title), name,institution title, and the lines of speaker lists:
 * 谷雨桐 | 岚山银行首席数据官, 左丘明远 — 松柏人寿…副总经理, 主持人:邵一鸣|湾区财经周刊副主编.
 */
function linkAppositions(
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

/**
 * Rows of a guest or speaker list laid out in columns, one person a line (cleaning has made the
 * column gaps single spaces): · 东方既白 启元证券股份有限公司 首席信息官兼首席数据官,
 * · Henrik Aalto Nordlys AI 亚太区总裁. The last column must end in a title; the middle one is
 * the employer even without a legal suffix (a known institution where one was found there).
 */
function linkRosterRows(ctx: DocContext): void {
  const row =
    /^[ \t\u3000]*(?:[·•・*\-–—][ \t\u3000]*)?(\S+(?:[ \t\u3000]+\S+){2,4})[ \t\u3000]*$/gm;
  for (const m of ctx.text.matchAll(row)) {
    const columns = m[1] ?? '';
    const rowStart = m.index + m[0].indexOf(columns);
    const words = [...columns.matchAll(/\S+/g)].map((w) => ({
      text: w[0],
      start: rowStart + w.index,
      end: rowStart + w.index + w[0].length,
    }));
    const role = words.at(-1)!;
    if (!roleEndsInTitle(role.text)) continue;
    // A Latin name takes two words (Henrik Aalto), a Chinese one a column.
    const latin = words.slice(0, 2).every((w) => /^[A-Z][a-z]+$/.test(w.text));
    const name = words.slice(0, latin ? 2 : 1);
    const employer = words.slice(name.length, -1);
    if (employer.length === 0) continue;
    const nameSpan = { start: name[0]!.start, end: name.at(-1)!.end };
    const nameText = ctx.text.slice(nameSpan.start, nameSpan.end).replace(/[\t\u3000]+/g, ' ');
    if (!latin && !plausiblePersonName(nameText, true)) continue;
    const employerSpan = { start: employer[0]!.start, end: employer.at(-1)!.end };
    let institution = ctx.takenWithin(employerSpan.start, employerSpan.end, 'INSTITUTION')[0]?.ref;
    if (!institution) {
      const employerText = employer.map((w) => w.text).join(' ');
      // A column of capitalised Latin words is a name (Nordlys AI), though it ends like a
      // qualifier (金融AI); Chinese words must read as an employer.
      const latinName = /^[A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)*$/.test(employerText);
      if (!latinName && !plausibleEmployer(employerText.replace(/ /g, ''))) continue;
      const entity = ctx.entity('INSTITUTION', employerText, true);
      entity.institutionKind ??= 'other';
      ctx.mention(entity, employerSpan);
      // Known from here on wherever the text names it, for the models and relations that
      // follow (Nordlys AI总部位于赫尔辛基).
      mentionFreeOccurrences(ctx, entity, foldForMatch(employerText));
      institution = entity.ref;
    }
    const person = ctx.find('PERSON', nameText) ?? ctx.entity('PERSON', nameText, true);
    ctx.mention(person, nameSpan);
    affiliate(ctx, person, institution, role.text, { start: nameSpan.start, end: role.end });
  }
}

/**
 * Mentions `entity` at every occurrence of `form` (searched in the folded text) that no other
 * mention takes. A form with a Latin letter or digit at an edge is not read inside a longer word
 * (Leo Xu in Leo Xuan).
 */
function mentionFreeOccurrences(ctx: DocContext, entity: Entity, form: string): void {
  const glued = (edge: string | undefined, next: string | undefined) =>
    /[a-z0-9]/i.test(edge ?? '') && /[a-z0-9]/i.test(next ?? '');
  for (let at = ctx.fold.indexOf(form); at >= 0; at = ctx.fold.indexOf(form, at + form.length)) {
    const end = at + form.length;
    if (glued(form[0], ctx.fold[at - 1]) || glued(form.at(-1), ctx.fold[end])) continue;
    if (!ctx.overlapsTaken(at, end)) ctx.mention(entity, { start: at, end });
  }
}

/** Whether a column reads as a role: a title at its end (亚太区总裁, 首席信息官兼首席数据官). */
function roleEndsInTitle(role: string): boolean {
  return titleAtEnd.test(foldForMatch(role));
}

/** 来自[institution]的[name] … 这位[title]: the role comes a sentence later. */
function linkFromInstitution(ctx: DocContext, phrases: RolePhrase[]): void {
  for (const t of ctx.taken.filter((x) => x.kind === 'INSTITUTION')) {
    if (ctx.fold.slice(t.start - 2, t.start) !== '来自' || ctx.fold[t.end] !== '的') continue;
    const name = personNameAt(
      ctx,
      t.end + 1,
      ctx.all('PERSON').flatMap((p) => [...p.names.values()].map((n) => n.name)),
    );
    if (!name || !plausiblePersonName(name.name, false)) continue;
    const person = ctx.entity('PERSON', name.name, true);
    ctx.mention(person, name);
    const later = phrases.find(
      (p) =>
        p.start > name.end &&
        /^(这位|该)/.test(ctx.fold.slice(p.start - 2, p.start)) &&
        p.start - name.end < 120,
    );
    affiliate(ctx, person, t.ref, later?.role ?? '', {
      start: t.start - 2,
      end: later?.end ?? name.end,
    });
  }
}

/** Verbs that write the person being appointed right after them: 聘任上官文澜女士为… */
const APPOINT_VERBS = /(?:聘任|任命|选举|提名|聘请|推举|同意|收到|免去|解聘)$/;

/**
 * Names followed by 女士/先生 (上官文澜女士, 蒲星河先生): announcements write people so. The
 * name starts after punctuation or an appointing verb; four characters need a compound surname.
 */
function findCourtesyNames(ctx: DocContext): void {
  for (const m of ctx.fold.matchAll(/女士|先生/g)) {
    if (ctx.takenEndingAt(m.index, 'PERSON')) continue;
    for (const length of [4, 3, 2]) {
      const start = m.index - length;
      if (start < 0) continue;
      const name = ctx.fold.slice(start, m.index);
      if (length === 4 && surnameLength(name, 0) !== 2) continue;
      const bounded =
        boundedBefore(ctx.fold, start) || APPOINT_VERBS.test(ctx.fold.slice(start - 2, start));
      if (!bounded || !plausiblePersonName(name, false) || ctx.overlapsTaken(start, m.index))
        continue;
      const person = ctx.entity('PERSON', ctx.text.slice(start, m.index), true);
      ctx.mention(person, { start, end: m.index });
      break;
    }
  }
}

/** A verb that gives the person before it the role after it: 为, 现任, 辞去, 兼任… */
/** A person not yet found, named right before 是 at `head` (公冶长风是…). */
function nameBeforeCopula(ctx: DocContext, head: number): TakenSpan | undefined {
  const copula = /(?:也|就|则|即)?(?:是|系)$/.exec(ctx.fold.slice(Math.max(0, head - 2), head));
  if (!copula) return undefined;
  const name = nameEndingAt(ctx, head - copula[0].length, true);
  if (!name) return undefined;
  const person = ctx.entity('PERSON', name.name, true);
  ctx.mention(person, name);
  return ctx.takenEndingAt(name.end, 'PERSON');
}

/** 公冶长风是岱宗证券首席信息官: a role said with 是 right after the name. */
const COPULA = /^(?:也|就|则|即)?(?:是|系)$/;

/**
 * 作为江渚银行首席合规官，晁景明…: the role is the next person's, named right after the comma.
 */
function linkAsRoles(ctx: DocContext, phrases: RolePhrase[], named: Map<number, Entity[]>): void {
  for (const phrase of phrases) {
    if (named.has(phrase.end) || !phrase.institution || ctx.fold[phrase.end] !== ',') continue;
    const inst = ctx.takenEndingAt(skipDefinition(ctx.fold, phrase.start), 'INSTITUTION');
    const head = inst?.start ?? phrase.start;
    if (!ctx.fold.slice(Math.max(0, head - 2), head).endsWith('作为')) continue;
    const name = personNameAt(
      ctx,
      phrase.end + 1,
      ctx.all('PERSON').flatMap((p) => [...p.names.values()].map((n) => n.name)),
    );
    if (!name || !plausiblePersonName(name.name, false)) continue;
    const person = ctx.entity('PERSON', name.name, true);
    ctx.mention(person, name);
    affiliate(ctx, person, phrase.institution, phrase.role, { start: head - 2, end: name.end });
  }
}

const ROLE_PREDICATE =
  /(?:女士|先生)?[^。;!?\n]{0,30}?(?:为|现任|时任|担任|出任|兼任|升任|调任|辞去|辞任|卸任)$/;

/**
 * Roles said of the person a sentence is about: 同意聘任上官文澜女士为本行首席人工智能官,
 * 蒲星河先生因工作调整原因,辞去本行副行长职务. The role's institution is written with it; the
 * person is the last one named before it in the sentence, with nobody else in between.
 */
function linkPredicateRoles(
  ctx: DocContext,
  phrases: RolePhrase[],
  named: Map<number, Entity[]>,
): void {
  for (const phrase of phrases) {
    if (named.has(phrase.end) || !phrase.institution) continue;
    const inst = ctx.takenEndingAt(skipDefinition(ctx.fold, phrase.start), 'INSTITUTION');
    const head = inst?.start ?? phrase.start;
    const sentence = ctx.sentences[ctx.evidence({ start: head, end: head }).sentence];
    if (!sentence) continue;
    const person =
      ctx.takenWithin(sentence.start, head, 'PERSON').at(-1) ?? nameBeforeCopula(ctx, head);
    if (!person) continue;
    const gap = ctx.fold.slice(person.end, head);
    const said = ROLE_PREDICATE.test(gap) || COPULA.test(gap);
    if (!said || ctx.takenWithin(person.end, head, 'INSTITUTION').length) continue;
    const entity = ctx.entities.get(person.ref);
    if (entity)
      affiliate(ctx, entity, phrase.institution, phrase.role, {
        start: person.start,
        end: phrase.end,
      });
  }
}

/** Names right before a speech verb: 黄进介绍, 冉翀则认为, 据上官若岚介绍. */
function findSpeakers(ctx: DocContext): void {
  for (const m of ctx.fold.matchAll(speechPattern)) {
    const name = nameEndingAt(ctx, m.index, true);
    if (!name || ctx.takenEndingAt(m.index, 'PERSON')) continue;
    const person = ctx.find('PERSON', name.name) ?? ctx.entity('PERSON', name.name, true);
    ctx.mention(person, name);
  }
}

/** Q&A transcripts: a paragraph that opens with "name:" is that person speaking. */
function findTranscriptSpeakers(ctx: DocContext): void {
  for (const m of ctx.fold.matchAll(/(?:^|\n)([^\n:：]{2,4})[:：]/g)) {
    const start = m.index + (m[0].startsWith('\n') ? 1 : 0);
    const name = m[1] ?? '';
    if (!plausiblePersonName(name, true) || ctx.overlapsTaken(start, start + name.length)) continue;
    const person = ctx.entity('PERSON', ctx.text.slice(start, start + name.length), true);
    ctx.mention(person, { start, end: start + name.length });
  }
}

/** Every later mention of a person's full name. */
function findRepeatMentions(ctx: DocContext): void {
  for (const person of ctx.all('PERSON')) {
    for (const { name, strong } of [...person.names.values()]) {
      if (strong) mentionFreeOccurrences(ctx, person, name);
    }
  }
}

/** People found before institutions: bylines and names after titles. */
export function extractPeopleBeforeInstitutions(
  ctx: DocContext,
  titles: Title[],
): Map<number, Entity[]> {
  findBylines(ctx);
  return findNamesAfterTitles(ctx, titles);
}

/** Roles and the remaining people, once institutions are known. */
export function extractPeopleAfterInstitutions(
  ctx: DocContext,
  titles: Title[],
  named: Map<number, Entity[]>,
): void {
  const phrases = findRolePhrases(ctx, titles, named);
  linkTitleNames(ctx, phrases, named);
  linkAppositions(ctx, phrases, named);
  linkRosterRows(ctx);
  linkFromInstitution(ctx, phrases);
  linkNamesBeforeTitles(ctx, titles);
  findCourtesyNames(ctx);
  findSpeakers(ctx);
  findTranscriptSpeakers(ctx);
  findRepeatMentions(ctx);
  linkPredicateRoles(ctx, phrases, named);
  linkAsRoles(ctx, phrases, named);
}
