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

import { boundedBefore, linkAppositions, nameEndingAt, plausibleEmployer } from './appositions.ts';
import { findBylines } from './bylines.ts';
import type { DocContext, Entity, TakenSpan } from './context.ts';
import { alternation, appointVerbs, rolePredicates } from './lexicon.ts';
import { linkNamesBeforeTitles } from './name-title.ts';
import { personNameAt, plausiblePersonName, surnameLength } from './names.ts';
import {
  affiliate,
  findNamesAfterTitles,
  findRolePhrases,
  type RolePhrase,
  skipDefinition,
  speechPattern,
  type Title,
  titleAtEnd,
} from './role-phrases.ts';
import { foldForMatch } from './text.ts';

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
const APPOINT_VERBS = new RegExp(`(?:${alternation(appointVerbs)})$`);

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

const ROLE_PREDICATE = new RegExp(
  `(?:女士|先生)?[^。;!?\\n]{0,30}?(?:${alternation(rolePredicates)})$`,
);

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
