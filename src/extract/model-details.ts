import type { DocContext, Entity } from './context.ts';
import type { ExtractedModelVersion } from './types.ts';

// The spans where each model is named, and the details stated beside them: parameter counts
// (130亿参数, -7B) and release dates (a date right before 发布/推出/上线).

const UNITS: Record<string, number> = {
  万亿: 1e12,
  千亿: 1e11,
  百亿: 1e10,
  亿: 1e8,
  B: 1e9,
  b: 1e9,
};
const PARAMS_BEFORE = /(\d+(?:\.\d+)?)\s*(万亿|千亿|百亿|亿|B|b)\s*(?:个)?参数/g;
const PARAMS_AFTER =
  /参数(?:规模|量)?(?:为|约|达|达到|超过|是|约为)?\s*(\d+(?:\.\d+)?)\s*(万亿|千亿|百亿|亿|B)/g;
const DATE =
  /(?:(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?|(今年|去年|前年)(?:(\d{1,2})月)?|(\d{1,2})月(?:(\d{1,2})日)?)(?:[^,。;]{0,6}?)(?:正式|刚刚|升级)?(?:发布|推出|上线|面世|亮相)/g;

export interface ModelSpan {
  model: Entity;
  start: number;
  end: number;
  version?: ExtractedModelVersion;
}

export function modelSpans(ctx: DocContext): ModelSpan[] {
  const spans: ModelSpan[] = [];
  for (const model of ctx.all('MODEL')) {
    for (const m of model.mentions) {
      const version = model.versions?.find((v) => v.evidence.start === m.start);
      spans.push({ model, start: m.start, end: version?.evidence.end ?? m.end, version });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

export function clauseBounds(ctx: DocContext, at: number): { start: number; end: number } {
  const s = ctx.sentences[ctx.evidence({ start: at, end: at }).sentence];
  const from = s?.start ?? 0;
  const to = s?.end ?? ctx.text.length;
  let start = at;
  while (start > from && !/[,;:]/.test(ctx.fold[start - 1] ?? '')) start--;
  let end = at;
  while (end < to && !/[,;:。]/.test(ctx.fold[end] ?? '')) end++;
  return { start, end };
}

/** Records a parameter count on the version the span names, or on the model itself. */
function setParameters(span: ModelSpan | undefined, value: string, unit: string): void {
  if (!span) return;
  const parameters = `${value}${unit}`;
  const parameterCount = Number(value) * (UNITS[unit] ?? 1);
  if (span.version) {
    span.version.parameters ??= parameters;
    span.version.parameterCount ??= parameterCount;
  } else {
    span.model.parameters ??= { text: parameters, count: parameterCount };
  }
}

/** Parameter counts stated next to a model: 130亿参数大模型“X”, X…参数规模为200亿. */
export function findParameters(ctx: DocContext, spans: ModelSpan[]): void {
  const sentenceOf = (at: number) => ctx.evidence({ start: at, end: at }).sentence;
  for (const m of ctx.fold.matchAll(PARAMS_BEFORE)) {
    const next = spans.find(
      (s) =>
        s.start > m.index && s.start - m.index < 30 && sentenceOf(s.start) === sentenceOf(m.index),
    );
    setParameters(next, m[1] ?? '', m[2] ?? '');
  }
  for (const m of ctx.fold.matchAll(PARAMS_AFTER)) {
    const previous = spans
      .filter((s) => s.start < m.index && sentenceOf(s.start) === sentenceOf(m.index))
      .at(-1);
    setParameters(previous, m[1] ?? '', m[2] ?? '');
  }
}

function isoDate(ctx: DocContext, m: RegExpMatchArray, at: number): string | undefined {
  const docYear = Number((ctx.doc.publishedAt ?? '').slice(0, 4)) || undefined;
  const pad = (n: string | undefined) => (n ? n.padStart(2, '0') : undefined);
  if (m[1]) return [m[1], pad(m[2]), pad(m[3])].filter(Boolean).join('-');
  if (m[4] && docYear) {
    const year = docYear - (m[4] === '去年' ? 1 : m[4] === '前年' ? 2 : 0);
    return [String(year), pad(m[5])].filter(Boolean).join('-');
  }
  if (m[6]) {
    // A month alone belongs to the last year written before it in the sentence, else to the page's.
    const sentence = ctx.sentences[ctx.evidence({ start: at, end: at }).sentence];
    const before = ctx.fold.slice(sentence?.start ?? 0, at);
    const year =
      [...before.matchAll(/(\d{4})年/g)].at(-1)?.[1] ?? (docYear ? String(docYear) : undefined);
    return year ? [year, pad(m[6]), pad(m[7])].filter(Boolean).join('-') : undefined;
  }
  return undefined;
}

/** Release dates: a date right before 发布/推出/上线, for the model that clause names. */
export function findReleaseDates(ctx: DocContext, spans: ModelSpan[]): void {
  for (const m of ctx.fold.matchAll(DATE)) {
    const date = isoDate(ctx, m, m.index);
    if (!date) continue;
    const clause = clauseBounds(ctx, m.index);
    const dateEnd = m.index + m[0].length;
    // 问策3.0于2024年6月发布: the model before the date; 于2024年4月发布自研大模型“帆语”: after.
    const before = spans.filter((s) => s.end <= m.index && s.start >= clause.start).at(-1);
    const after = spans.find((s) => s.start >= dateEnd && s.start <= clause.end);
    const target = before ?? after;
    if (!target) continue;
    if (target.version) target.version.releasedAt ??= date;
    else target.model.releasedAt ??= date;
  }
}
