// Bylines and sign-offs: the journalists, authors and editors of an article, with their outlet.
//   a line of its own             界面新闻记者 | 何柳颖, 文 | 潮汐财经记者 蒋其, (编辑:闵佳)
//   fields of a line               本文来源：时代财经 作者：周梦梅, 记者：张三编辑：李四
//   a dateline                     东岳财经网讯(记者 尤嘉树), 蓝鲸新闻2月11日讯（记者 胡劼）
// The outlet is the one the byline names, else the source a field of the article names, else
// the publisher the page says.
import type { DocContext, Entity } from './context.ts';
import { alternation, bylineRoles, bylineSources, bylineStaff } from './lexicon.ts';
import { isDictionaryWord, plausiblePersonName, surnameLength } from './names.ts';
import { foldForMatch } from './text.ts';

const bylinePattern = new RegExp(
  `^(?:[(（【\\[]\\s*)?(?:文\\s*[|｜/]\\s*)?([\\u4e00-\\u9fffA-Za-z]{2,12}?)?(${alternation(bylineRoles)})\\s*[|｜:：/]?\\s*((?:[^\\s|｜:：()（）,，、]{2,4}(?:[\\s、,，]+|$|(?=[)）\\]】])))+?)(?:\\S{2,3}报道)?\\s*[)）\\]】]?$`,
);

interface Byline {
  media?: string;
  role: string;
  names: { name: string; start: number }[];
  start: number;
  end: number;
}

/** A date after a byline on its line: 星桥财经记者 蓝晓棠 · 2025-06-03. */
const TRAILING_DATE =
  /\s*[·|/]?\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
/** A byline inside a dateline: 东岳财经网讯(记者 尤嘉树), (本报记者 龙语嫣 张三). */
const INLINE_BYLINE =
  /\(\s*(?:本报|本刊|本网)?((?:特约|实习|首席)?记者)\s*([\u4e00-\u9fff]{2,4}(?:[\s、,]+[\u4e00-\u9fff]{2,4})*)\s*\)/g;

/** Bylines that stand on a line of their own: 界面新闻记者 | 何柳颖, (编辑:闵佳). */
function lineBylines(ctx: DocContext): Byline[] {
  const found: Byline[] = [];
  let offset = 0;
  for (const text of ctx.fold.split('\n')) {
    const line = { start: offset, text };
    offset += text.length + 1;
    const trimmed = line.text.trim().replace(TRAILING_DATE, '');
    if (trimmed.length > 60) continue;
    const lead = line.start + line.text.indexOf(trimmed);
    const fielded = fieldBylines(ctx, lead, trimmed);
    if (fielded) {
      found.push(...fielded);
      continue;
    }
    if (trimmed.length > 40) continue;
    const m = bylinePattern.exec(trimmed);
    if (!m?.[2] || !m[3]) continue;
    // 文 is a byline only with its separator (文 | 蒋其); 上官文澜 holds the character too.
    if (
      m[2] === '文' &&
      !/^文\s*[|｜/:：]/.test(
        trimmed.slice((m[1]?.length ?? 0) + (m.index ?? 0)).replace(/^[(（【[]\s*/, ''),
      )
    )
      continue;
    const names: { name: string; start: number }[] = [];
    const namesAt =
      lead + trimmed.indexOf(m[3], (m.index ?? 0) + (m[1]?.length ?? 0) + m[2].length);
    for (const part of m[3].matchAll(/[^\s、,，]+/g)) {
      if (/报道$/.test(part[0])) continue;
      names.push({
        name: ctx.text.slice(namesAt + part.index, namesAt + part.index + part[0].length),
        start: namesAt + part.index,
      });
    }
    // 责任|编辑: the lazy media group may have taken the front of a longer role.
    const split = /(责任|实习|特约|首席)$/.exec(m[1] ?? '');
    const mediaText = split ? (m[1] ?? '').slice(0, -split[0].length) : m[1];
    // The role as written (記者 in a traditional page), from the unfolded text.
    const roleAt = trimmed.indexOf(m[2], m[1] ? trimmed.indexOf(m[1]) + m[1].length : 0);
    const roleStart = lead + roleAt - (split?.[0].length ?? 0);
    const role = ctx.text.slice(roleStart, lead + roleAt + m[2].length);
    const media =
      mediaText && mediaText.length >= 2 && !/^(本报|本刊|本网|本台|文)$/.test(mediaText)
        ? mediaText
        : undefined;
    found.push({ media, role, names, start: lead, end: lead + trimmed.length });
  }
  return found;
}

/** Bylines in the dateline that opens a paragraph: 东岳财经网讯(记者 尤嘉树)12月4日,… */
function inlineBylines(ctx: DocContext): Byline[] {
  const found: Byline[] = [];
  for (const m of ctx.fold.matchAll(INLINE_BYLINE)) {
    const roleFolded = m[1] ?? '记者';
    const roleAt = m.index + m[0].indexOf(roleFolded);
    const role = ctx.text.slice(roleAt, roleAt + roleFolded.length);
    const namesText = m[2] ?? '';
    const namesAt =
      roleAt +
      roleFolded.length +
      m[0].slice(roleAt - m.index + roleFolded.length).indexOf(namesText);
    const names = [...namesText.matchAll(/[^\s、,]+/g)]
      .filter((part) => bylineName(part[0]))
      .map((part) => ({
        name: ctx.text.slice(namesAt + part.index, namesAt + part.index + part[0].length),
        start: namesAt + part.index,
      }));
    if (!names.length) continue;
    // 蓝鲸新闻2月11日讯, 财联社讯, 东岳财经网电: the outlet, a date perhaps, then 讯 or 电.
    const dateline = /([\u4e00-\u9fffA-Za-z]{2,12}?)(?:\d{1,2}月\d{1,2}日)?[讯电]$/.exec(
      ctx.fold.slice(Math.max(0, m.index - 20), m.index),
    );
    const media =
      dateline?.[1] && !/^(本报|本刊|本网|本台)$/.test(dateline[1]) ? dateline[1] : undefined;
    found.push({ media, role, names, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** A field key and its separator: 作者：, 来源 |, 记者 (a key of bylineRoles or bylineSources). */
const FIELD_KEY = new RegExp(
  `(${alternation([...bylineSources, ...bylineRoles])})\\s*[|｜:：]\\s*`,
  'g',
);
const SOURCE_KEYS = new Set(bylineSources);

/**
 * A line made of byline fields only (本文来源：时代财经 作者：周梦梅, 记者：张三编辑：李四,
 * 作者 | 郑理): each key's value runs to the next key. Sources name the outlet; the other keys
 * name people. Undefined when anything on the line is not a field.
 */
function fieldBylines(ctx: DocContext, start: number, text: string): Byline[] | undefined {
  const keys = [...text.matchAll(FIELD_KEY)];
  if (!keys.length || text.slice(0, keys[0]?.index).trim() !== '') return undefined;
  let media: string | undefined;
  const found: Byline[] = [];
  for (const [i, key] of keys.entries()) {
    const valueStart = key.index + key[0].length;
    const valueEnd = keys[i + 1]?.index ?? text.length;
    const value = text.slice(valueStart, valueEnd).trim();
    const role = key[1] ?? '';
    if (!value) return undefined;
    if (SOURCE_KEYS.has(role)) {
      if (!/^[\u4e00-\u9fffA-Za-z·]{2,16}$/.test(value)) return undefined;
      media = ctx.text.slice(start + valueStart, start + valueStart + value.length);
      continue;
    }
    const names: { name: string; start: number }[] = [];
    for (const part of value.matchAll(/[^\s、,，]+/g)) {
      if (!bylineName(part[0])) return undefined;
      const at = start + valueStart + part.index;
      names.push({ name: ctx.text.slice(at, at + part[0].length), start: at });
    }
    const roleAt = start + key.index;
    found.push({
      role: ctx.text.slice(roleAt, roleAt + role.length),
      names,
      start: start + key.index,
      end: start + valueEnd,
    });
  }
  for (const byline of found) byline.media = media;
  // A line of sources alone (来源 | 独角金融) names the outlet of the article's other bylines.
  if (!found.length && media)
    return [{ media, role: '', names: [], start, end: start + text.length }];
  return found;
}

/**
 * Whether a byline names a person with `name`: a byline says it is a name, so given-name
 * characters that jieba reads as words elsewhere count (史思同: 同 is a preposition there).
 */
function bylineName(name: string): boolean {
  if (plausiblePersonName(name, false)) return true;
  const folded = foldForMatch(name);
  return (
    /^[\u4e00-\u9fff]{2,4}$/.test(folded) &&
    surnameLength(folded, 0) > 0 &&
    !isDictionaryWord(folded)
  );
}

/** Bylines and sign-offs: 界面新闻记者 | 何柳颖, 文 | 潮汐财经记者 蒋其, (编辑:闵佳). */
export function findBylines(ctx: DocContext): void {
  const all = [...lineBylines(ctx), ...inlineBylines(ctx)];
  const found = all.filter((f) => f.names.length > 0);
  // A source line of its own names the outlet at the head or foot of an article; in the middle
  // it credits a picture (来源：图虫创意).
  const paragraphs = ctx.sentences.at(-1)?.paragraph ?? 0;
  const atEdge = (at: number) => {
    const paragraph = ctx.sentences[ctx.evidence({ start: at, end: at }).sentence]?.paragraph ?? 0;
    return paragraph <= 3 || paragraph >= paragraphs - 2;
  };
  const sourceLine = all.find((f) => f.names.length === 0 && f.media && atEdge(f.start));
  const houseMedia =
    found.find((f) => f.media)?.media ?? sourceLine?.media ?? ctx.doc.publisher ?? undefined;
  for (const byline of found) {
    const mediaName = byline.media ?? houseMedia;
    let institution: Entity | undefined;
    if (mediaName) {
      institution = ctx.entity('INSTITUTION', mediaName, true);
      institution.institutionKind = 'media';
      const at = byline.media ? ctx.fold.indexOf(byline.media, byline.start) : -1;
      if (at >= 0) ctx.mention(institution, { start: at, end: at + byline.media!.length });
      else if (!institution.mentions.length)
        ctx.mention(institution, { start: byline.start, end: byline.end });
    }
    for (const n of byline.names) {
      if (n.name.length < 2 || n.name.length > 4) continue;
      const person = ctx.entity('PERSON', n.name, true);
      ctx.support(person, 'byline');
      ctx.mention(person, { start: n.start, end: n.start + n.name.length });
      if (institution && !bylineStaff.has(foldForMatch(byline.role))) {
        ctx.affiliations.push({
          a: person.ref,
          b: institution.ref,
          role: byline.role,
          evidence: ctx.evidence({ start: byline.start, end: byline.end }),
          basis: byline.media ? 'byline' : 'byline-house-media',
        });
      }
    }
  }
}
