// AI models: quoted names next to a model word (大模型“招联智鹿”, 「墨枢」保险大模型), unquoted
// names right before 大模型, Latin names with sizes and versions (FinSage-7B), and the models
// the lexicon knows. Versions written after a name (2.0, -2, 二代, Pro) fold into one model;
// parameter counts, release dates and the developer come from the sentence that states them.
import type { DocContext, Entity } from './context.ts';
import {
  alternation,
  developVerbs,
  editionWords,
  generationWords,
  genericModelTerms,
  genericModelWords,
  HARD_STOP_CHARS,
  institutionSuffixes,
  knownModels,
  modelWords,
  productWords,
  strongModelWords,
} from './lexicon.ts';
import { launchPattern, usePattern } from './model-cues.ts';
import { findParameters, findReleaseDates, modelSpans } from './model-details.ts';
import { findDevelopers } from './model-developers.ts';
import { looksCoined } from './names.ts';
import { isCjk, isNameChar } from './text.ts';

const QUOTED = /[“「『"《‘]([^”」』"》’\n“「『《‘]{1,24})[”」』"》’]/g;
// Between a quoted name and its model word only modifiers stand (「墨枢」保险大模型), never a
// bracket, a verb or a clause (“曜石数科”)在杭州发布金融大模型).
const modelWordAfter = new RegExp(
  `^(?:[\\u4e00-\\u9fffA-Za-z0-9]{0,8}?)(?:${alternation(strongModelWords)})`,
);
const modelWordBefore = new RegExp(`(?:${alternation([...modelWords])})$`);
const versionAfter = new RegExp(
  `^(?:(\\s?[vV]?\\d+(?:\\.\\d+)*(?:-\\d+(?:\\.\\d+)?[BbMm](?![A-Za-z]))?)|(-\\d+(?:\\.\\d+)*[A-Za-z]?)|(${alternation(generationWords)})|(\\s?(?:${alternation(editionWords)})))`,
);
const versionNear =
  /^[”」』"》]?(?:(?:的|已经升级到|升级到|升级至|已迭代至|迭代至|完成)(\d+(?:\.\d+)+|\d+)(?:版本|版)|(?:大模型|模型)(\d+\.\d+)(?![\d.]))/;
const developTest = new RegExp(alternation(developVerbs));
/** Where an unquoted model name may end: right before 大模型, or before a version and 模型. */
const UNQUOTED_END = /(?=大模型)|(?=\d+(?:\.\d+)*(?:大模型|模型))/g;
const LATIN = /[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+/g;
/** A parameter size at the end of a Latin model name: -7B, -72B, -1.5B. */
const LATIN_SIZE = /-(\d+(?:\.\d+)?)([BbMm])$/;
/** A strong model word right after or right before a quoted name: 大模型“澄心”, “松果”大模型. */
const strongWordRightAfter = new RegExp(`^(?:${alternation(strongModelWords)})`);
const strongWordRightBefore = new RegExp(`(?:${alternation(strongModelWords)})$`);

/**
 * Whether the words before a quotation introduce a model's name (金融大模型“澄心”, 智能体“松果”).
 * A bare 模型 does not: 模型“放大”, 模型“自由发挥” quote what a model does.
 */
function introducedBy(before: string): boolean {
  const word = strongWordRightBefore.exec(before)?.[0];
  return word !== undefined && word !== '模型';
}
/** A product word ending a name (“小邮助手”, “天秤系统”). */
const productWordEnd = new RegExp(`(?:${alternation(productWords)})$`);
/** A product word after a quoted name, a few modifiers allowed (“人保智绘”图文生成工具). */
const productWordAfter = new RegExp(`^[\u4e00-\u9fffA-Za-z]{0,6}?(?:${alternation(productWords)})`);
/** A product head right before a quoted name (智能助手应用“AI小渝”, 服务平台“智慧小苏”). */
const productHeadBefore = new RegExp(`(?:${alternation(productWords)})(?:应用|产品)?$`);
/** A Latin word right before 模型 (0xAI模型). */
const LATIN_BEFORE_MODEL = /(?<![A-Za-z0-9.-])([A-Za-z0-9][A-Za-z0-9.-]{2,15})(?=大?模型)/g;
/** An institution's word after a name (盘古智库, 某某科技公司): the name is the institution's. */
const institutionWordAt = new RegExp(
  `^(?:智库|公司|${alternation(institutionSuffixes.map((x) => x.suffix))})`,
);

/**
 * Whether a launch verb stands before `at` in its clause (推出的“…”, 自主研发的“…”, 上线基于
 * DeepSeek模型的智能助手应用“…”): no clause break between them.
 */
function launchedBefore(ctx: DocContext, at: number, reach = 24): boolean {
  const from = Math.max(0, at - reach);
  const stretch = ctx.fold.slice(from, at);
  const clauseStart = Math.max(
    stretch.lastIndexOf(','),
    stretch.lastIndexOf('。'),
    stretch.lastIndexOf(';'),
  );
  return [...stretch.slice(clauseStart + 1).matchAll(launchPattern)].length > 0;
}

/** Whether a quoted product name is a name at all (not a sentence, not only generic words). */
function plausibleProductName(name: string): boolean {
  if (name.length < 3 || name.length > 16 || /[,。、:;!?\s]/.test(name)) return false;
  return ![...name].some((ch) => HARD_STOP_CHARS.has(ch));
}

const knownByName = new Map<string, (typeof knownModels)[number]>();
for (const k of knownModels) for (const n of [k.name, ...k.aliases]) knownByName.set(n, k);
const knownPattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternation(knownByName.keys())})`, 'g');

function isGenericModelName(name: string): boolean {
  let core = name;
  for (let changed = true; changed && core; ) {
    changed = false;
    for (const term of genericModelTerms) {
      if (core.startsWith(term)) {
        core = core.slice(term.length);
        changed = true;
      }
    }
  }
  return core.length === 0 || genericModelWords.has(name) || modelWords.includes(name);
}

function plausibleModelName(name: string): boolean {
  if (name.length < 2 || name.length > 16 || /[,。、:;!?\s]/.test(name)) return false;
  if (
    [...name].some((ch) => HARD_STOP_CHARS.has(ch)) ||
    usePattern.test(name) ||
    developTest.test(name)
  )
    return false;
  if (/^\d/.test(name) || /^[A-Za-z]{1,3}$/.test(name)) return false;
  return !isGenericModelName(name);
}

/** Adds a model named `name`; returns it. */
function addModel(ctx: DocContext, name: string, start: number): Entity {
  const model = ctx.entity('MODEL', name, true);
  model.versions ??= [];
  ctx.mention(model, { start, end: start + name.length });
  return model;
}

/** A model name found, the evidence that introduced it, and its developer where the name says. */
interface ModelName {
  basis: string;
  /** The institution whose short name opens the model's name (人保大模型). */
  developer?: string;
}

/** Records a name with its evidence; the first evidence found for a name is kept. */
function note(names: Map<string, ModelName>, name: string, found: ModelName): void {
  if (!names.has(name)) names.set(name, found);
}

/**
 * Whether a quoted name reads as a product: it ends in a product word after a distinctive head
 * (“小邮助手”, “天秤系统”, “医家医专属AI助理”), or a product word follows it (“智能理赔”系统).
 */
function productEvidence(name: string, after: string): 'name' | 'after' | undefined {
  const word = productWordEnd.exec(name)?.[0];
  if (word) {
    const head = name.slice(0, -word.length);
    if (head.length >= 2 && !isGenericModelName(head)) return 'name';
  }
  return productWordAfter.test(after) ? 'after' : undefined;
}

/** Names that the text introduces as models, with the evidence for each. */
function findModelNames(ctx: DocContext): Map<string, ModelName> {
  const text = ctx.fold;
  const names = new Map<string, ModelName>();
  for (const m of text.matchAll(QUOTED)) {
    const name = (m[1] ?? '').trim();
    const open = m.index;
    const close = open + m[0].length;
    // A quotation that is an institution's name is not a model (“曜石数科”); one that holds
    // an institution's short name may be its product (“人保智绘”).
    if (
      ctx
        .takenWithin(open + 1, close - 1, 'INSTITUTION')
        .some((t) => t.end - t.start === name.length)
    )
      continue;
    const after = text.slice(close, close + 12);
    const before = text.slice(Math.max(0, open - 10), open);
    const product = productEvidence(name, after);
    // A product name may hold a verb (“开发助手”); other names may not.
    if (product !== 'name' ? !plausibleModelName(name) : !plausibleProductName(name)) continue;
    // Quoted right next to a model word (大模型“澄心”, “松果”大模型) the name may be an ordinary
    // word; further away it must read as a coined name.
    const adjacent =
      name.length <= 4 &&
      (strongWordRightAfter.test(after) || introducedBy(before)) &&
      !/[地得]/.test(name);
    const coined = !isCjk(name[0]) || looksCoined(name);
    const launched = launchedBefore(ctx, open);
    if (
      (adjacent || coined) &&
      (modelWordAfter.test(after) ||
        modelWordBefore.test(before) ||
        versionNear.test(text.slice(close - 1, close + 12)))
    ) {
      note(names, name, { basis: 'quoted-model-word' });
    } else if (
      product &&
      (launched || coined || /[A-Za-z]/.test(name) || ctx.takenEndingAt(open, 'INSTITUTION'))
    ) {
      // 推出的“智能理赔”系统, 应用于“小邮助手”, 以“医家医专属AI助理”为例, 招行‘天秤系统’.
      note(names, name, {
        basis: launched ? 'quoted-after-launch-verb' : `quoted-product-${product}`,
      });
    } else if (launched && coined && productHeadBefore.test(before)) {
      note(names, name, { basis: 'quoted-after-launch-verb' });
    }
  }
  for (const m of text.matchAll(UNQUOTED_END)) {
    // Try the names of two to four characters that end here; the one after a boundary wins.
    for (const length of [2, 3, 4]) {
      const start = m.index - length;
      if (start < 0) break;
      const name = text.slice(start, m.index);
      const before = text[start - 1];
      const bounded =
        start === 0 || !isNameChar(before) || '的以建于用将在与和'.includes(before ?? '');
      if (!bounded || !/^[\u4e00-\u9fff]+$/.test(name)) continue;
      // 人保大模型: an institution's short name before 大模型 names its model.
      const owner = ctx.takenStartingAt(start, 'INSTITUTION');
      if (owner && owner.end === m.index && text.startsWith('大模型', m.index)) {
        note(names, `${name}大模型`, { basis: 'institution-model-name', developer: owner.ref });
        break;
      }
      if (!plausibleModelName(name)) break;
      // 金融大模型——轩辕大模型: a name set beside a model word and before 大模型 is one.
      const apposed = /(?:大模型|模型)(?:——|—|:)$/.test(text.slice(Math.max(0, start - 6), start));
      if ((looksCoined(name) || apposed) && !ctx.overlapsTaken(start, m.index))
        note(names, name, { basis: 'unquoted-before-model-word' });
      break;
    }
  }
  for (const m of text.matchAll(LATIN)) {
    const name = m[0];
    const after = text.slice(m.index + name.length, m.index + name.length + 10);
    const size = LATIN_SIZE.exec(name);
    // 发布金融大模型Onyx-Fin 3.0: a Latin name right after a model word is one, digits or not;
    // so is one a launch verb introduces with a version (推出了大模型垂直应用信美Chat-Trust3.0).
    const afterModelWord = /(?:大模型|模型|助手|智能体|应用|产品)\s?$/.test(
      text.slice(Math.max(0, m.index - 4), m.index),
    );
    const trailingVersion = /\d+(?:\.\d+)+$/.exec(name);
    const launchedWithVersion = trailingVersion !== null && launchedBefore(ctx, m.index, 16);
    if (
      ((/\d/.test(name) && (size || /^(?:等)?[\u4e00-\u9fff]{0,6}?(?:模型|大模型)/.test(after))) ||
        afterModelWord ||
        launchedWithVersion) &&
      name.length >= 4
    ) {
      // FinSage-7B and FinSage-14B are sizes of one model, FinSage; Chat-Trust3.0 a version.
      let base = size ? name.slice(0, size.index) : name;
      if (trailingVersion && /[A-Za-z]{3}/.test(base.slice(0, trailingVersion.index)))
        base = base.slice(0, trailingVersion.index);
      note(names, /[A-Za-z]{2}/.test(base) && base.length >= 3 ? base : name, {
        basis: 'latin-model-name',
      });
    }
  }
  // 0xAI模型: a Latin word with a digit or a lower-case letter right before 模型 is its name
  // (AI模型, LLM模型 are generic).
  for (const m of text.matchAll(LATIN_BEFORE_MODEL)) {
    const name = m[1] ?? '';
    if (
      /\d|[a-z]/.test(name) &&
      /[A-Za-z]/.test(name) &&
      !ctx.overlapsTaken(m.index, m.index + name.length)
    )
      note(names, name, { basis: 'latin-model-name' });
  }
  for (const m of text.matchAll(knownPattern)) {
    const after = text[m.index + m[0].length];
    if (after && /[A-Za-z]/.test(after)) continue;
    // 盘古智库: a known model's name opening an institution's name is not the model.
    if (institutionWordAt.test(text.slice(m.index + m[0].length))) continue;
    note(names, m[0], { basis: 'known-model' });
  }
  // A versioned reading of a name already found (支小助2.0) is not a model of its own.
  for (const name of [...names.keys()]) {
    for (const other of names.keys())
      if (other !== name && name.startsWith(other) && versionAfter.test(name.slice(other.length)))
        names.delete(name);
  }
  return names;
}

/**
 * A model name that holds an institution's short name (人保大模型, “人保智绘”) takes that span:
 * the institution keeps its other mentions. Only for names found with evidence of their own, and
 * only where the institution is named elsewhere too.
 */
function releaseInstitutionsWithin(
  ctx: DocContext,
  start: number,
  end: number,
  basis: string | undefined,
): void {
  if (basis !== 'institution-model-name' && !basis?.startsWith('quoted-')) return;
  for (const t of ctx.takenWithin(start, end, 'INSTITUTION')) {
    if (t.start === start && t.end === end) continue;
    const entity = ctx.entities.get(t.ref);
    if (!entity || entity.mentions.length < 2) continue;
    entity.mentions = entity.mentions.filter((m) => m.start !== t.start || m.end !== t.end);
    ctx.taken.splice(ctx.taken.indexOf(t), 1);
  }
}

function versionString(raw: string): string {
  return raw.trim().replace(/^[vV-]/, '');
}

/** Every mention of every model name, with the version written after it. */
function findMentions(
  ctx: DocContext,
  names: Map<string, ModelName>,
  namedDevelopers: Map<string, string>,
): void {
  const text = ctx.fold;
  const ordered = [...names.keys()].sort((a, b) => b.length - a.length);
  for (const name of ordered) {
    const known = knownByName.get(name);
    const canonical =
      known && name !== known.name && names.has(known.name) ? known.name : (known?.name ?? name);
    let at = text.indexOf(name);
    while (at >= 0) {
      const end = at + name.length;
      const latinGlued =
        /[A-Za-z0-9]/.test(name) &&
        /[A-Za-z0-9]/.test(text[end] ?? '') &&
        !versionAfter.test(text.slice(end));
      releaseInstitutionsWithin(ctx, at, end, names.get(name)?.basis);
      if (
        !ctx.overlapsTaken(at, end) &&
        !latinGlued &&
        !(isCjk(name[0]) && isCjk(text[at - 1]) && ctx.overlapsTaken(at - 1, at, 'INSTITUTION'))
      ) {
        // A model the lexicon does not know is named as the page writes it (翎語, not 翎语).
        const written = known ? canonical : ctx.text.slice(at, end);
        const model = addModel(ctx, written, at);
        const found = names.get(name);
        if (found) {
          ctx.support(model, found.basis);
          if (found.developer && ctx.entities.has(found.developer))
            namedDevelopers.set(model.ref, found.developer);
        }
        if (known && canonical !== name) ctx.addName(model, name, true);
        const direct = versionAfter.exec(text.slice(end, end + 12));
        const near = direct ? null : versionNear.exec(text.slice(end, end + 16));
        const raw = direct?.[0] ?? near?.[1] ?? near?.[2];
        if (
          raw &&
          !(
            direct &&
            /^\d/.test(raw) &&
            /^\d+(?:\.\d+)?\s*(?:亿|万|B|%|年|月)/.test(text.slice(end))
          )
        ) {
          const version = versionString(raw);
          const label = direct
            ? ctx.text.slice(at, end + raw.length)
            : `${ctx.text.slice(at, end)}${version}`;
          ctx.addName(model, label, true);
          const span = {
            start: at,
            end: direct ? end + raw.length : end + (near?.[0].length ?? 0),
          };
          model.versions?.push({ version, label, evidence: ctx.evidence(span) });
        }
      }
      at = text.indexOf(name, end);
    }
  }
}

/** Finds models, their versions, parameters, release dates and developers. */
export function extractModels(ctx: DocContext): void {
  const names = findModelNames(ctx);
  const namedDevelopers = new Map<string, string>();
  findMentions(ctx, names, namedDevelopers);
  const spans = modelSpans(ctx);
  findParameters(ctx, spans);
  findReleaseDates(ctx, spans);
  findDevelopers(ctx, spans, namedDevelopers);
}
