import type { DocContext, Entity } from './context.ts';
import {
  alternation,
  developVerbs,
  generationWords,
  knownModels,
  modelWords,
  productWords,
  versionWords,
} from './lexicon.ts';
import { launchPattern, usePattern } from './model-cues.ts';
import { clauseBounds, type ModelSpan } from './model-details.ts';
import { taggedWordsOf } from './names.ts';
import { isCjk } from './text.ts';

// Who built each model: an institution in the model's name, the subject of the clause that
// launches it, a possessive or 由…研发; deployers of known foundation models are not makers.

/** The first institution of the sentence, when it opens a clause: the sentence's subject. */
function sentenceSubject(ctx: DocContext, sentenceIndex: number): string | undefined {
  const s = ctx.sentences[sentenceIndex];
  if (!s) return undefined;
  // A dateline's media (东岳财经网讯…) reports the sentence; it is not its subject.
  const first = ctx
    .takenWithin(s.start, s.end, 'INSTITUTION')
    .find((t) => ctx.entities.get(t.ref)?.institutionKind !== 'media');
  return first?.ref;
}

function gapIsClean(ctx: DocContext, from: number, to: number): boolean {
  const gap = ctx.fold.slice(from, to);
  return (
    !/[,;。]/.test(gap) && !usePattern.test(gap) && ctx.takenWithin(from, to, 'MODEL').length === 0
  );
}

/** Whether the stretch between a launch verb and a model may be read through (gapIsClean), or
 * ends in a noun phrase the verb governs (上线基于DeepSeek模型的智能助手应用“AI小渝”). */
function governedGap(ctx: DocContext, from: number, to: number): boolean {
  if (gapIsClean(ctx, from, to)) return true;
  const gap = ctx.fold.slice(from, to);
  return !/[,;。]/.test(gap) && /的[\u4e00-\u9fffA-Za-z]{0,8}[“「『"‘]?$/.test(gap);
}

/** Model words, product words and version words: what may follow a model's own name. */
const MODEL_TAIL = new Set([...modelWords, ...productWords, ...versionWords, ...generationWords]);

/** Whether the model's name is followed by a noun of another thing (客户服务模块, 投顾业务). */
function modifiesNounAfter(ctx: DocContext, span: ModelSpan): boolean {
  const after = ctx.fold.slice(span.end, span.end + 8);
  if (!isCjk(after[0])) return false;
  const [next] = taggedWordsOf(after);
  if (!next || MODEL_TAIL.has(next.word) || [...MODEL_TAIL].some((w) => after.startsWith(w)))
    return false;
  return /^(?:n|nz|vn|nr|ns|nt|j)$/.test(next.tag) && next.word.length >= 2;
}

/** The institution that built a model, from the sentence that says so, with the evidence. */
function developerOf(ctx: DocContext, span: ModelSpan): { ref: string; basis: string } | undefined {
  const sentence = ctx.evidence(span).sentence;
  const clause = clauseBounds(ctx, span.start);
  // [institution]“[model]”, [institution](…)(自研|发布…)的 … [model]
  const institutions = ctx.takenWithin(clause.start, span.start, 'INSTITUTION');
  const nearest = institutions.at(-1);
  if (nearest) {
    let from = nearest.end;
    const def = /^\([^)]{0,24}\)/.exec(ctx.fold.slice(from));
    if (def) from += def[0].length;
    const gap = ctx.fold.slice(from, span.start);
    if (/^[“「『"‘']?$/.test(gap)) return { ref: nearest.ref, basis: 'possessive-developer' };
    const of = gap.lastIndexOf('的');
    if (of >= 0 && gapIsClean(ctx, from + of, span.start) && !usePattern.test(gap.slice(0, of)))
      return { ref: nearest.ref, basis: 'possessive-developer' };
  }
  // … 发布/推出/开发/应用于 … [model], the developer being the clause's or the sentence's subject
  const verbs = [...ctx.fold.slice(clause.start, span.start).matchAll(launchPattern)];
  const verb = verbs.at(-1);
  // 上线DeepSeek客户服务模块: a noun after the model makes it the modifier of what was launched
  // (a module built on it); the launcher is that product's maker, not the model's.
  if (verb && !modifiesNounAfter(ctx, span)) {
    const verbStart = clause.start + verb.index;
    if (governedGap(ctx, verbStart + verb[0].length, span.start)) {
      const subject = ctx.takenWithin(clause.start, verbStart, 'INSTITUTION').at(-1);
      if (subject) return { ref: subject.ref, basis: 'clause-subject-developer' };
      const first = sentenceSubject(ctx, sentence);
      if (first) return { ref: first, basis: 'sentence-subject-developer' };
    }
  }
  // [model] … 由[institution] … 研发
  const after = ctx.fold.slice(span.end, clause.end);
  const by = /^[^,。;]{0,8}?由/.exec(after);
  if (by) {
    const inst = ctx.takenStartingAt(span.end + by[0].length, 'INSTITUTION');
    const rest = inst ? ctx.fold.slice(inst.end, clause.end) : '';
    if (inst && new RegExp(`^[^,。;]{0,12}?(?:${alternation(developVerbs)})`).test(rest))
      return { ref: inst.ref, basis: 'by-developer' };
  }
  // 其/旗下 … [model]: the sentence's subject
  if (
    /(?:其|旗下)(?:[^,。;]{0,16}的[^,。;]{0,10}|[^,。;的]{0,12})$/.test(
      ctx.fold.slice(clause.start, span.start),
    )
  ) {
    const first = sentenceSubject(ctx, sentence);
    if (first) return { ref: first, basis: 'pronoun-developer' };
  }
  return undefined;
}

/** The evidence that a model was built by whoever the sentence is about, not by name. */
const SUBJECT_EVIDENCE = new Set([
  'clause-subject-developer',
  'sentence-subject-developer',
  'pronoun-developer',
]);
/** Institutions that put foundation models to use in finance; they do not make them. */
const DEPLOYING_KINDS = new Set(['bank', 'insurer', 'broker', 'fund', 'consumer_finance']);

/** Whether `name` is a publicly known foundation model or one of its versions (DeepSeek-V3). */
function isKnownFoundationModel(written: string): boolean {
  // Case as written varies (Deepseek, DeepSeek).
  const name = written.toLowerCase();
  return knownModels.some((k) =>
    [k.name, ...k.aliases].some((known) => {
      const n = known.toLowerCase();
      return name === n || (name.startsWith(n) && /^[-\s·.\d]/.test(name.slice(n.length)));
    }),
  );
}

/**
 * A publicly known foundation model credited to a bank, insurer, broker or fund only because the
 * sentence is about it: such institutions deploy those models (接入, 部署, 集成, 升级为), and
 * the text names their maker as the owner (X的Y) or the author (由X研发) when it means it.
 */
function deployerTakenForMaker(
  ctx: DocContext,
  model: Entity,
  found: { ref: string; basis: string },
): boolean {
  const names = [...model.names.values()].map((n) => n.name);
  if (!SUBJECT_EVIDENCE.has(found.basis) || !names.some(isKnownFoundationModel)) return false;
  const kind = ctx.entities.get(found.ref)?.institutionKind;
  return kind !== undefined && DEPLOYING_KINDS.has(kind);
}

/** The institution that built each model: named in the model's name, or by its sentence. */
export function findDevelopers(
  ctx: DocContext,
  spans: ModelSpan[],
  namedDevelopers: Map<string, string>,
): void {
  for (const span of spans) {
    const named = namedDevelopers.get(span.model.ref);
    const found = named ? { ref: named, basis: 'name-prefix-developer' } : developerOf(ctx, span);
    if (found && !deployerTakenForMaker(ctx, span.model, found))
      ctx.developments.push({
        a: span.model.ref,
        b: found.ref,
        evidence: ctx.evidence(span),
        basis: found.basis,
      });
  }
}
