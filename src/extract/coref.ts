// Later references to people already named: a surname with an honorific (张行长, 诸葛总,
// 欧阳董事长) and the pronouns 他/她; then who speaks in each sentence.

import type { Sentence } from '../domain/document.ts';
import { sentenceAt } from '../ingest/segment.ts';
import type { DocContext, Entity } from './context.ts';
import { honorifics, patterns, pronouns, startsWithTitle } from './lexicon.ts';
import { surnameLength } from './names.ts';
import { type QuoteRegion, quoteRegions } from './quotes.ts';
import { foldForMatch, isNameChar } from './text.ts';

const honorificAlternation = honorifics.join('|');

function surnameOf(name: string): string {
  return name.slice(0, Math.max(1, surnameLength(name, 0)));
}

/** 张行长 / 诸葛总: the person of that surname named most recently before. */
export function resolveHonorifics(ctx: DocContext): void {
  const people = ctx
    .all('PERSON')
    .filter((p) =>
      [...p.names.values()].some((n) => n.strong && /^[\u4e00-\u9fff]+$/.test(n.name)),
    );
  const surnames = new Set(people.map((p) => surnameOf(firstStrongName(p))));
  if (!surnames.size) return;
  const pattern = new RegExp(
    `(${[...surnames].sort((a, b) => b.length - a.length).join('|')})(${honorificAlternation})`,
    'g',
  );
  for (const m of ctx.fold.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (ctx.overlapsTaken(start, end)) continue;
    if (isNameChar(ctx.fold[start - 1]) && !'据在对由和与'.includes(ctx.fold[start - 1] ?? ''))
      continue;
    const candidates = people.filter((p) => surnameOf(firstStrongName(p)) === m[1]);
    const person = latestBefore(candidates, start) ?? candidates[0];
    if (!person) continue;
    ctx.addName(person, ctx.text.slice(start, end), false);
    ctx.mention(person, { start, end });
  }
}

function firstStrongName(p: Entity): string {
  return [...p.names.values()].find((n) => n.strong)?.name ?? '';
}

function latestBefore(people: Entity[], at: number): Entity | undefined {
  let best: { person: Entity; at: number } | undefined;
  for (const person of people) {
    for (const m of person.mentions)
      if (m.start < at && (!best || m.start > best.at)) best = { person, at: m.start };
  }
  return best?.person;
}

/** 他/她 opening a clause: the person who spoke last, in this paragraph or the one before. */
export function resolvePronouns(ctx: DocContext): void {
  for (const m of ctx.fold.matchAll(/[他她](?!们)/g)) {
    const start = m.index;
    const before = ctx.fold[start - 1];
    if (before !== undefined && isNameChar(before) && !'据在对'.includes(before)) continue;
    if (!pronouns.has(m[0]) || !patterns.speechVerbAt.test(ctx.fold.slice(start + 1, start + 14)))
      continue;
    const sentence = ctx.evidence({ start, end: start + 1 }).sentence;
    const paragraph = ctx.sentences[sentence]?.paragraph ?? 0;
    const person = latestBefore(
      ctx.all('PERSON').map((p) => ({
        ...p,
        mentions: p.mentions.filter(
          (x) => (ctx.sentences[x.sentence]?.paragraph ?? 0) >= paragraph - 1,
        ),
      })),
      start,
    );
    const target = person ? ctx.entities.get(person.ref) : undefined;
    if (target) ctx.mention(target, { start, end: start + 1 });
  }
}

/**
 * The speaker of each sentence: the first person it mentions; else, inside a quote, whoever the
 * quote is attributed to (see quoteSpeaker); else the speaker of the sentence before in the same
 * paragraph; else the first person the paragraph mentions later. A sentence opening with 这位 +
 * title is the last speaker's; one that reports what a study shows (报告显示) speaks for nobody.
 */
export function sentenceSpeakers(ctx: DocContext): (string | undefined)[] {
  const first = firstPersonOf(ctx);
  const regions = quoteRegions(ctx.fold, ctx.sentences);
  const regionOf = new Map<number, QuoteRegion>();
  for (const region of regions) for (const i of region.sentences) regionOf.set(i, region);
  const regionSpeakers = new Map<QuoteRegion, string | undefined>();
  const speakers: (string | undefined)[] = ctx.sentences.map(() => undefined);
  const silent = ctx.sentences.map(
    (s, i) => !first[i] && REPORTED.test(ctx.fold.slice(s.start, s.end)),
  );

  for (const paragraph of paragraphsOf(ctx.sentences)) {
    for (const i of paragraph) {
      const region = regionOf.get(i);
      speakers[i] = first[i];
      if (speakers[i] || silent[i]) continue;
      if (region) {
        if (!regionSpeakers.has(region))
          regionSpeakers.set(region, quoteSpeaker(ctx, region, first, speakers));
        speakers[i] = regionSpeakers.get(region);
      } else if (refersBackByTitle(ctx.fold.slice(ctx.sentences[i]!.start, ctx.sentences[i]!.end)))
        speakers[i] = speakers.slice(0, i).findLast((s) => s !== undefined);
    }
    let last: string | undefined;
    for (const i of paragraph) {
      if (silent[i]) continue;
      speakers[i] ??= last;
      last = speakers[i];
    }
    last = undefined;
    for (const i of [...paragraph].reverse()) {
      if (silent[i]) continue;
      speakers[i] ??= last;
      last = speakers[i];
    }
  }
  return interviewTurns(ctx, speakers);
}

/**
 * The person each sentence has speak: the first one named right before a speech verb (李四的团队由
 * 张三领导，张三表示… is 张三's), else the first one it mentions.
 */
function firstPersonOf(ctx: DocContext): (string | undefined)[] {
  const first: (string | undefined)[] = ctx.sentences.map(() => undefined);
  const rank: number[] = ctx.sentences.map(() => Number.POSITIVE_INFINITY);
  const labelled = labelledParagraphs(ctx);
  for (const person of ctx.all('PERSON')) {
    for (const m of person.mentions) {
      const end = ctx.sentences[m.sentence]?.end ?? m.end;
      const speaks = patterns.speechVerbAt.test(ctx.fold.slice(m.end, Math.min(end, m.end + 14)));
      // Inside someone else's turn (DeepSeek：…刘建军兼任…), a person named is talked about.
      if (!speaks && labelled.has(ctx.sentences[m.sentence]?.paragraph ?? -1)) continue;
      // Speaking mentions rank before all others; within each group, the earliest wins.
      const r = (speaks ? 0 : ctx.text.length) + m.start;
      if (r < (rank[m.sentence] ?? Number.POSITIVE_INFINITY)) {
        rank[m.sentence] = r;
        first[m.sentence] = person.ref;
      }
    }
  }
  return first;
}

/** A paragraph that opens with a speaker's label (DeepSeek：, 主持人：, 问：). */
const LABEL = /^([^\s:：，,。；;“”"]{1,16})[:：]/;

/**
 * Paragraphs that open with a label that names no person (DeepSeek：…, 主持人：…): the words are
 * the label's, so people they name are talked about, not speaking.
 */
function labelledParagraphs(ctx: DocContext): Set<number> {
  const labelled = new Set<number>();
  let paragraph = -1;
  for (const s of ctx.sentences) {
    if (s.paragraph === paragraph) continue;
    paragraph = s.paragraph;
    const label = LABEL.exec(ctx.fold.slice(s.start, s.end));
    if (label?.[1] && ctx.takenWithin(s.start, s.start + label[1].length, 'PERSON').length === 0)
      labelled.add(paragraph);
  }
  return labelled;
}

/** Sentence indexes grouped by paragraph, in order. */
function paragraphsOf(sentences: Sentence[]): number[][] {
  const groups: number[][] = [];
  sentences.forEach((s, i) => {
    const group = groups.at(-1);
    if (group && sentences[group[0] ?? 0]?.paragraph === s.paragraph) group.push(i);
    else groups.push([i]);
  });
  return groups;
}

/** 这位风险管理部负责人表示 / 据该名高管介绍: a title that points back at the person just quoted. */
const BY_TITLE = /^(?:据|在)?(?:这位|该位|这名|该名)/;

function refersBackByTitle(sentence: string): boolean {
  const m = BY_TITLE.exec(sentence);
  return m !== null && startsWithTitle(sentence.slice(m[0].length));
}

/** A sentence whose subject is a study or its figures: 报告显示, 调查数据显示, 据统计. */
const REPORTED =
  /^[^，,。；]{0,12}?(?:报告|数据|调查|调研|统计|研究|测算|问卷|结果)显示|^据(?:统计|测算|调查)/;

/** What opens an attribution after a quote: “……”说这话的是X / 讲这番话的是X. */
const NAMED_AFTER = /^[\s，,。；;]*(?:说|讲)这(?:番|句)?话的是|^[\s，,。；;]*这番话(?:出自|来自)/;

/**
 * What follows a person who is said to have said the quote before: X这样说, X如是说; not
 * X这样说：, which opens the next quote.
 */
const SAID_SO = /^(?:这样|如是|这么)[^：:，,。！？!?；;]{0,14}(?:[，,。！？!?；;]|$)/;

/**
 * Who a quote is attributed to: a person named after it (“……”说这话的是X; X这样概括; “……”X说);
 * else the person of the sentence it opens in, named before the mark (X表示：“……); else, when it
 * opens a paragraph that follows one ending in a lead-in (…讲述了这三年的变化，/ 她说：), the
 * last speaker of that paragraph.
 */
function quoteSpeaker(
  ctx: DocContext,
  region: QuoteRegion,
  first: (string | undefined)[],
  speakers: (string | undefined)[],
): string | undefined {
  if (region.closed) {
    const closer = sentenceAt(ctx.sentences, region.end - 1);
    const next = ctx.sentences[closer + 1];
    const restOfCloser = ctx.fold.slice(region.end, ctx.sentences[closer]?.end ?? region.end);
    const onlyPunctuation = /^[\s。！？!?；;，,]*$/.test(restOfCloser);
    const afterEnd =
      onlyPunctuation && next ? next.end : (ctx.sentences[closer]?.end ?? region.end);
    const after = ctx.fold.slice(region.end, afterEnd);
    const named = peopleWithin(ctx, region.end, afterEnd);
    const said = named.find((m) => SAID_SO.test(ctx.fold.slice(m.end, afterEnd)));
    if (said) return said.ref;
    if (NAMED_AFTER.test(after) && named[0]) return named[0].ref;
    const right = named[0];
    if (
      right &&
      !onlyPunctuation &&
      right.start - region.end <= 2 &&
      patterns.speechVerbAt.test(ctx.fold.slice(right.end, right.end + 8))
    )
      return right.ref;
    const attribution = onlyPunctuation && next ? attributionOnly(ctx, next) : undefined;
    if (attribution) return attribution;
  }
  const opener = ctx.sentences[region.opener];
  if (region.openedMidSentence && first[region.opener]) {
    const before = peopleWithin(ctx, opener?.start ?? region.start, region.start);
    if (before[0]) return before[0].ref;
  }
  if (!region.openedMidSentence && opener) {
    const previous = ctx.sentences[region.opener - 1];
    if (previous && previous.paragraph !== opener.paragraph && /[：:，,]$/.test(previous.text))
      return speakers[region.opener - 1];
  }
  return undefined;
}

/**
 * The person a sentence does nothing but name as speaking (栖凤银行副行长令狐澄开门见山。/
 * 张三在会上说。): after a quote, that is who said it.
 */
function attributionOnly(ctx: DocContext, sentence: Sentence): string | undefined {
  const [person, ...others] = peopleWithin(ctx, sentence.start, sentence.end);
  if (!person || others.length > 0) return undefined;
  const verb = patterns.speechVerbAt.exec(ctx.fold.slice(person.end, sentence.end));
  if (!verb) return undefined;
  const rest = ctx.fold.slice(person.end + verb[0].length, sentence.end);
  return /^[\s。！？!?，,：:]*$/.test(rest) ? person.ref : undefined;
}

/** Person mentions inside [start, end), in text order. */
function peopleWithin(ctx: DocContext, start: number, end: number) {
  return ctx.takenWithin(start, end, 'PERSON');
}

/** A paragraph that asks (问:, 记者:, Q:) or answers (答:, A:) in a Q&A interview. */
const QUESTION = /^(?:问|记者|主持人|Q)\s*[:：]/;
const ANSWER = /^(?:答|A)\s*[:：]/;

/**
 * Q&A interviews: every sentence of an answer paragraph is the interviewee's, and nobody named
 * in a question raised what the question asks about.
 */
function interviewTurns(ctx: DocContext, speakers: (string | undefined)[]): (string | undefined)[] {
  const opening = new Map<number, string>();
  for (const s of ctx.sentences)
    if (!opening.has(s.paragraph)) opening.set(s.paragraph, ctx.fold.slice(s.start, s.start + 6));
  const answers = [...opening.values()].some((text) => ANSWER.test(text));
  const interviewee = answers ? intervieweeOf(ctx) : undefined;
  return speakers.map((speaker, i) => {
    const text = opening.get(ctx.sentences[i]?.paragraph ?? -1) ?? '';
    if (QUESTION.test(text)) return undefined;
    if (ANSWER.test(text)) return interviewee ?? speaker;
    return speaker;
  });
}

/**
 * The person an interview is with: the one its title names, else the one the article names
 * most often.
 */
function intervieweeOf(ctx: DocContext): string | undefined {
  const title = foldForMatch(ctx.doc.title);
  const people = ctx.all('PERSON');
  const inTitle = people.find((p) =>
    [...p.names.values()].some((n) => n.strong && title.includes(foldForMatch(n.name))),
  );
  if (inTitle) return inTitle.ref;
  return [...people].sort((a, b) => b.mentions.length - a.mentions.length)[0]?.ref;
}

/**
 * A role said without its institution inside someone's words (皇甫云峥：…这件事由副行长郜川牵头)
 * is a role at the speaker's institution, when the speaker has exactly one and the person
 * named has none yet. The speaker is the one who opens the paragraph.
 */
export function placeRolesBySpeaker(ctx: DocContext, speakers: (string | undefined)[]): void {
  const institutionsOf = (ref: string) =>
    new Set(ctx.affiliations.filter((a) => a.a === ref).map((a) => a.b));
  for (const pending of ctx.unplacedRoles) {
    if (institutionsOf(pending.person).size > 0) continue;
    const paragraph = ctx.sentences[pending.evidence.sentence]?.paragraph;
    const opening = ctx.sentences.findIndex((s) => s.paragraph === paragraph);
    const speaker = opening >= 0 ? speakers[opening] : undefined;
    const [institution, ...others] =
      speaker && speaker !== pending.person ? institutionsOf(speaker) : [];
    const placed =
      institution && others.length === 0 ? institution : institutionInView(ctx, pending);
    if (!placed) continue;
    ctx.affiliations.push({
      a: pending.person,
      b: placed,
      role: pending.role,
      evidence: pending.evidence,
    });
  }
}

/** Kinds of institution that do not employ the people an article quotes by title alone. */
const NOT_AN_EMPLOYER = new Set(['media', 'regulator', 'government', 'association']);

/**
 * The institution a title without one belongs to when nobody speaks for it (会议由董事长曲延年
 * 主持; 首席技术官Leo Xu在会上介绍): the institution the text named last before it, in this
 * paragraph or the one before, if it can employ the person (a bank for 行长).
 */
function institutionInView(
  ctx: DocContext,
  pending: { role: string; evidence: { start: number; sentence: number } },
): string | undefined {
  const paragraph = ctx.sentences[pending.evidence.sentence]?.paragraph ?? 0;
  const bankTitle = /行长/.test(pending.role);
  const last = ctx.taken
    .filter((t) => t.kind === 'INSTITUTION' && t.end <= pending.evidence.start)
    .filter((t) => (ctx.sentences[ctx.evidence(t).sentence]?.paragraph ?? 0) >= paragraph - 1)
    .map((t) => ({ t, kind: ctx.entities.get(t.ref)?.institutionKind ?? 'other' }))
    .filter(({ kind }) => !NOT_AN_EMPLOYER.has(kind) && (!bankTitle || kind === 'bank'))
    .sort((a, b) => b.t.end - a.t.end)[0];
  return last?.t.ref ?? mainInstitution(ctx, bankTitle);
}

/**
 * The institution a whole document is about: the issuer an announcement calls 本行/本公司, else
 * the one employer its title names, else the employer named at least twice as often as any other. Undefined when none stands out.
 */
function mainInstitution(ctx: DocContext, bankTitle: boolean): string | undefined {
  const employers = ctx
    .all('INSTITUTION')
    .filter((i) => !NOT_AN_EMPLOYER.has(i.institutionKind ?? 'other'))
    .filter((i) => !bankTitle || i.institutionKind === 'bank');
  const issuer = employers.find((i) =>
    i.mentions.some((m) => /^本(?:行|公司|集团)$/.test(ctx.fold.slice(m.start, m.end))),
  );
  if (issuer) return issuer.ref;
  // A news title names its subject (曜石数科发布Onyx-Fin 3.0): the one employer it names.
  const title = foldForMatch(ctx.doc.title ?? '');
  const inTitle = employers.filter((i) =>
    [...i.names.values()].some(
      ({ name }) => name.length >= 2 && title.includes(foldForMatch(name)),
    ),
  );
  if (inTitle.length === 1) return inTitle[0]!.ref;
  const [first, second] = [...employers].sort((a, b) => b.mentions.length - a.mentions.length);
  if (
    first &&
    first.mentions.length >= 2 * (second?.mentions.length ?? 0) &&
    first.mentions.length >= 3
  ) {
    return first.ref;
  }
  return undefined;
}
