import type { InstitutionKind } from '../domain/entities.ts';
import type { DocContext, Entity } from './context.ts';
import { isGenericName, isPlaceName, stripLegalForm } from './institution-names.ts';
import { countries, places } from './lexicon.ts';
import { foldForMatch, isSubsequence } from './text.ts';

// The other names of an institution already found: the short names a document defines or
// derives (以下简称“…”, 招联 for 招联消费金融股份有限公司), former names (原…，现更名为…), and
// references that are not names (本行, 该行), which become mentions.

/** 原X(，…)现更名为Y: the rename may follow X after a short clause (完成股权变更，现更名为). */
const RENAMED = /^[^。;!?\n]{0,16}?(?:现|后|已|并)?(?:正式)?(?:更名为|改名为|更名|改名)["“「]?/;
/** Y(原X…): the former name written in brackets right after the new one. */
const FORMERLY = /^\((?:原|曾用名|原名|原称|前称|旧称)[:]?["“「『]?/;
/** Y由X(于2024年9月)更名而来: the new name first, the old one after 由. */
const RENAMED_FROM = /^由$/;
const RENAMED_FROM_TAIL = /^[^。;!?\n]{0,16}?更名而来/;
/** 该行, 该公司: the institution named last. */
const BACK_REFERENCE = /该行|该公司|该集团|该机构/g;

export interface SelfReference {
  entity: Entity;
  word: string;
  /** Where the definition ends: the references follow it. */
  at: number;
}

/**
 * References to an institution that are not its names: the 本行 an announcement defines for
 * its issuer, and 该行/该公司 for the institution named last (in this paragraph or the one
 * before). They become mentions, so roles (辞去本行副行长职务) and subjects find it.
 */
export function findReferences(ctx: DocContext, defined: SelfReference[]): void {
  for (const { entity, word, at } of defined) {
    const target = ctx.entities.has(entity.ref) ? entity : undefined;
    if (!target) continue;
    for (let i = ctx.fold.indexOf(word, at); i >= 0; i = ctx.fold.indexOf(word, i + word.length)) {
      if (!ctx.overlapsTaken(i, i + word.length))
        ctx.mention(target, { start: i, end: i + word.length });
    }
  }
  for (const m of ctx.fold.matchAll(BACK_REFERENCE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (ctx.overlapsTaken(span.start, span.end)) continue;
    const paragraph = ctx.sentences[ctx.evidence(span).sentence]?.paragraph ?? 0;
    const fits = referenceFits(m[0]);
    const previous = ctx.taken
      .filter(
        (t) =>
          t.kind === 'INSTITUTION' &&
          t.end <= span.start &&
          fits(ctx.entities.get(t.ref)?.institutionKind ?? 'other') &&
          (ctx.sentences[ctx.evidence(t).sentence]?.paragraph ?? 0) >= paragraph - 2,
      )
      .sort((a, b) => b.end - a.end)[0];
    const target = previous ? ctx.entities.get(previous.ref) : undefined;
    if (target) ctx.mention(target, span);
  }
}

/** Which kinds of institution a back reference can mean: 该行 a bank, 该公司 a company. */
function referenceFits(word: string): (kind: InstitutionKind) => boolean {
  const never = new Set<InstitutionKind>([
    'media',
    'regulator',
    'government',
    'university',
    'research',
    'association',
  ]);
  if (word === '该行') return (kind) => kind === 'bank';
  return (kind) => !never.has(kind) && (word !== '该公司' || kind !== 'bank');
}

/** Renamed institutions: 原X(，…)现更名为Y and Y(原X) join as one entity with both names. */
export function findRenamed(ctx: DocContext): void {
  const text = ctx.fold;
  for (const entity of ctx.all('INSTITUTION')) {
    if (!ctx.entities.has(entity.ref)) continue;
    for (const m of [...entity.mentions]) {
      if (!ctx.entities.has(entity.ref)) break;
      const formerly = FORMERLY.exec(text.slice(m.end, m.end + 8));
      if (formerly) {
        const old = ctx.takenStartingAt(m.end + formerly[0].length, 'INSTITUTION');
        const target = old ? ctx.entities.get(old.ref) : undefined;
        if (target && target !== entity) mergeInto(ctx, target, entity);
        continue;
      }
      // Y由X…更名而来: X is the former name of Y, the entity named before 由.
      if (
        RENAMED_FROM.test(text.slice(m.start - 1, m.start)) &&
        RENAMED_FROM_TAIL.test(text.slice(m.end, m.end + 20))
      ) {
        const newName = ctx.takenEndingAt(m.start - 1, 'INSTITUTION');
        const target = newName ? ctx.entities.get(newName.ref) : undefined;
        if (target && target !== entity) {
          mergeInto(ctx, entity, target);
          break;
        }
      }
      if (text[m.start - 1] !== '原') continue;
      const renamed = RENAMED.exec(text.slice(m.end, m.end + 30));
      if (!renamed) continue;
      const newName = ctx.takenStartingAt(m.end + renamed[0].length, 'INSTITUTION');
      const target = newName ? ctx.entities.get(newName.ref) : undefined;
      if (target && target !== entity) mergeInto(ctx, entity, target);
    }
  }
}

/** Moves every name and mention of `from` onto `into`. */
export function mergeInto(ctx: DocContext, from: Entity, into: Entity): void {
  for (const { name, strong } of from.names.values()) ctx.addName(into, name, strong);
  for (const m of from.mentions) {
    if (!into.mentions.some((x) => x.start === m.start && x.end === m.end)) into.mentions.push(m);
  }
  for (const t of ctx.taken) if (t.ref === from.ref) t.ref = into.ref;
  ctx.entities.delete(from.ref);
  ctx.redirect(from.ref, into.ref);
}

/** The short names a full name may go by in the same text. */
function shortForms(full: string): string[] {
  const core = stripLegalForm(full);
  const forms = new Set<string>([core]);
  const trimmed = core.replace(
    /(?:金融科技|信息技术|网络科技|数据科技|科技|基金管理|资产管理|管理|消费金融|相互人寿|相互保险社|集团|控股|股份)+$/,
    '',
  );
  if (trimmed.length >= 2) forms.add(trimmed);
  for (const place of places) {
    if (core.startsWith(place) && core.length - place.length >= 3)
      forms.add(core.slice(place.length));
  }
  forms.delete(full);
  return [...forms].filter((f) => f.length >= 2);
}

/** The longest of the names an entity is written with (the first of equals). */
function longestName(entity: Entity) {
  return [...entity.names.values()].reduce((a, b) => (b.name.length > a.name.length ? b : a));
}

/**
 * 日本X集团, 美国X公司: a foreign country before an institution is a descriptor, so the name
 * without it is the institution's name too, though the text never writes it alone. Not when
 * what is left is only a kind (美国银行 leaves 银行) or a place and a suffix.
 */
function nameWithoutCountry(ctx: DocContext, entity: Entity): void {
  const written = longestName(entity);
  const folded = foldForMatch(written.name);
  const country = countries.find((c) => folded.startsWith(c));
  if (!country) return;
  const rest = written.name.slice(country.length);
  if (stripLegalForm(rest).length < 3 || isGenericName(rest) || isPlaceName(rest)) return;
  ctx.addName(entity, rest, written.strong);
}

/** Every later mention of an institution by a short name of its full name (招联, 数智银行). */
export function findShortNames(ctx: DocContext): void {
  for (const entity of ctx.all('INSTITUTION')) {
    // Names are kept as written (雲翎智能); the text is searched in its folded form.
    const names = [...entity.names.values()].map((n) => foldForMatch(n.name));
    const full = foldForMatch(longestName(entity).name);
    nameWithoutCountry(ctx, entity);
    const forms = new Set([...names, ...shortForms(full)]);
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      let at = ctx.fold.indexOf(form);
      while (at >= 0) {
        const end = at + form.length;
        if (
          !ctx.overlapsTaken(at, end) &&
          !insideQuote(ctx.fold, at, end) &&
          !continuesName(ctx.fold, end)
        ) {
          if (!names.includes(form)) ctx.addName(entity, ctx.text.slice(at, end), true);
          ctx.mention(entity, { start: at, end });
        }
        at = ctx.fold.indexOf(form, end);
      }
    }
  }
  // A suffix-found name that is the tail or an abbreviation of another one is that institution.
  const all = ctx.all('INSTITUTION');
  for (const short of all) {
    const shortName = [...short.names.values()][0]?.name ?? '';
    for (const long of all) {
      if (long === short || !ctx.entities.has(long.ref) || !ctx.entities.has(short.ref)) continue;
      const longCore = stripLegalForm(longestName(long).name);
      const sameCore =
        stripLegalForm(shortName) === longCore && shortName.length < longestName(long).name.length;
      // A place and a suffix name an institution of their own (重庆银行 beside 重庆农村商业银行,
      // 中国银行 beside 中国邮政储蓄银行), never an abbreviation.
      const abbreviates =
        shortName.length >= 3 &&
        !isPlaceName(shortName) &&
        shortName.length < longCore.length &&
        (longCore.endsWith(shortName) ||
          (isSubsequence(shortName, longCore) && shortName[0] === longCore[0]));
      if (sameCore || abbreviates) {
        mergeInto(ctx, short, long);
      }
    }
  }
}

/** Whether [start, end) lies inside a short quotation (“招联智鹿” names a model). */
function insideQuote(text: string, start: number, end: number): boolean {
  const open = Math.max(text.lastIndexOf('“', start - 1), text.lastIndexOf('「', start - 1));
  const close = Math.max(text.lastIndexOf('”', start - 1), text.lastIndexOf('」', start - 1));
  if (open < 0 || open < close) return false;
  const closing = text.slice(end, end + 12).search(/[”」]/);
  return closing >= 0;
}

/** Whether the characters after `end` continue a longer institution name (招联智鹿 is a model). */
function continuesName(text: string, end: number): boolean {
  const rest = text.slice(end, end + 6);
  const m = /^[\u4e00-\u9fff]{0,3}?(?:银行|证券|保险|基金|集团|公司)/.exec(rest);
  return m !== null;
}

/**
 * Finds the institutions of a document. `stops` are offsets no name extends back across (the
 * ends of person names and titles found before).
 */
