import type { DocContext, Entity } from './context.ts';
import { employerBeforeTitle, tenureBefore, unitAfterInstitution } from './employers.ts';
import {
  alternation,
  groupWords,
  HARD_STOP_CHARS,
  patterns,
  qualifierEnds,
  rankOpenings,
  roleTitleSource,
  speechAdverbs,
  speechVerbs,
  titleJoiners,
  titlesBeforeBody,
} from './lexicon.ts';
import {
  endsCleanly,
  isCommonWordNotName,
  type NameMatch,
  personNameAt,
  plausiblePersonName,
} from './names.ts';
import { isNameChar } from './text.ts';

// Titles and role phrases: where a run of titles (with its qualifier and institution) starts
// and ends, and the names that follow a title. people.ts links them to persons.

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

export const titleAt = new RegExp(`^${roleTitleSource}`);
export const titleAtEnd = new RegExp(`${roleTitleSource}$`);
const titleBeforeBody = new RegExp(alternation(titlesBeforeBody));
const JOINERS = new RegExp(`^,?(?:、|${alternation([...titleJoiners, '及', '和'])})$`);
const JOINER_THEN_UNIT = new RegExp(`^,?(?:、|${alternation(titleJoiners)})(.{2,10})$`);

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
export const speechPattern = new RegExp(
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
export function skipDefinition(text: string, at: number): number {
  if (text[at - 1] !== ')') return at;
  const open = text.lastIndexOf('(', at - 1);
  if (open < 0 || at - open > 30) return at;
  const inside = text.slice(open + 1, at - 1);
  return /简称|下称|以下称/.test(inside) || /^[A-Z0-9.:;,\s]+$/.test(inside) ? open : at;
}

/** A rank that opens a compound title: 首席数码及数据总监, 高级投资副总裁. */
const RANK_OPENING = new RegExp(`^(?:${alternation(rankOpenings)})`);
/** A plural group of people joined to what follows (高级管理人员及, 董事会成员和). */
const GROUP_BEFORE_TITLE = new RegExp(`(?:${alternation(groupWords)})[及和与]$`);

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

/** Records that `person` holds `role` at `institution`, or the role alone when none is named. */
export function affiliate(
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
