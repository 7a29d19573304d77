// Person names: a surname from the lexicon followed by one or two given-name characters, or a
// Latin-letter name. Where a name runs straight into the next word (副行长黄进众邦银行), the
// document decides its length: a name that also stands elsewhere without the next character is
// the shorter one.
import { Jieba, type TaggedWord } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { DocContext } from './context.ts';
import { honorifics, patterns, roleTitleSet, surnames } from './lexicon.ts';

const honorificSet = new Set(honorifics);

import { memoized } from './memo.ts';
import { countOccurrences, foldForMatch, isCjk } from './text.ts';

/** Characters that end a name when they follow two name characters (也 in 杜蘅也谈到). */
const AFTER_NAME = new Set([...'也则还又亦都就更在与和对同等称说表认指坦透提谈介曾将已正']);
/** Adverbs that stand between a subject and its verb (也谈到, 则认为). */
const ADVERB_AFTER_NAME = new Set([...'也则还又亦都就更曾将已正']);
/**
 * Verbs of meeting and appointment reports that follow a name but that jieba's dictionary tags
 * as nouns (列席会议 is one noun to it), so opensFunctionWord cannot see them: 乐正弦列席会议.
 */
const NOUN_TAGGED_VERBS = [
  '列席',
  '出席',
  '缺席',
  '主持',
  '莅临',
  '到会',
  '参会',
  '与会',
  '陪同',
  '带队',
  '出任',
  '兼任',
  '履新',
  '卸任',
  '离任',
];
/** Characters that join two names or nouns (张三和李四), unless a name ends right after. */
const CONJUNCTIONS = new Set([...'和与及同']);
/** Characters no given name uses. */
const NOT_IN_NAME = new Set([...'的了是着把被这那们个等与或及']);

let jieba: Jieba | undefined;

/** jieba's part-of-speech tagging of `text` (no HMM), asked once per distinct text. */
const tag = memoized((text: string): TaggedWord[] => {
  jieba ??= Jieba.withDict(dict);
  return jieba.tag(text, false);
});

/** A word of jieba's segmentation with its offset in the text segmented. */
export interface Word {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** jieba's segmentation of `text` with offsets (words are contiguous and cover the text). */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let at = 0;
  for (const { word, tag: t } of tag(text)) {
    out.push({ word, tag: t, start: at, end: at + word.length });
    at += word.length;
  }
  return out;
}

/** Conjunctions, prepositions, pronouns and particles (而, 为, 从, 其, 如果, 以及). */
const FUNCTION_WORD = /^(?:c|p|r|rr|rz|u|uj|ul|uz|ug|uv|ud|y|e|o)$/;
/** Adverbs and idioms of two or more characters (无法, 非常适合). Verbs are left to scoring: jieba
 * files many coined names' parts as verbs (排排网). */
const BREAKING_MULTI = /^(?:d|ad|i|t)$/;

/**
 * Whether a word of jieba's segmentation is one a name never holds, so a name in front of an
 * institutional suffix starts after it (而|中小银行, 能为|中小银行, 2024年|上海财险). Unknown names
 * fall apart into single characters that jieba tags as it can (天|弘|基金, 上海金融与发展实验室,
 * 万|联|证券), so a one-character function word breaks only after a one-character verb, adverb
 * or pronoun (能为…, 其在…; 和洲人寿 keeps its 和), and a numeral or measure word only after
 * digits (2024|年) or as a word of its own (更多).
 */
export function isBreakingWord(word: Word, previous?: Word): boolean {
  const single = word.word.length === 1;
  if (FUNCTION_WORD.test(word.tag))
    return !single || (previous?.word.length === 1 && /^[vdr]/.test(previous.tag));
  if (/^(?:m|q|mq)$/.test(word.tag))
    return /\d/.test(word.word) || !single || /\d/.test(previous?.word ?? '');
  return !single && BREAKING_MULTI.test(word.tag);
}

/** Whether one character is a verb, adverb, numeral or function word on its own (有, 将, 更). */
export function isFunctionCharacter(ch: string): boolean {
  const [w] = tag(ch);
  return w !== undefined && /^(?:v|d|m|q|p|c|r|u|uj|y|e)$/.test(w.tag);
}

/** The words of `text` as jieba segments and tags them (no HMM). */
export function taggedWordsOf(text: string): TaggedWord[] {
  return tag(text);
}

/** Whether `word` is an ordinary dictionary word (公司, 高管, 田野), not only a name. */
export function isDictionaryWord(word: string): boolean {
  const parts = tag(word);
  return parts.length === 1 && parts[0]?.word === word;
}

/**
 * Whether `word` is one ordinary dictionary word that jieba does not know as a person's name
 * (时间, 全面), though it starts with a surname; 田野 is tagged as a name and is not one.
 */
export function isCommonWordNotName(word: string): boolean {
  return isDictionaryWord(word) && !/^nr/.test(tag(word)[0]?.tag ?? '');
}

/** Parts of speech that names are not made of: verbs, adverbs, pronouns, prepositions… */
const FUNCTION_TAGS = /^(?:v|vd|vg|d|dg|p|c|r|rr|rz|u|uj|ul|uz|ug|uv|ud|m|mq|q|t|tg|y|e|o|ad|an)$/;

/** Whether `text` reads as ordinary words with a verb or function word in it (如何借助, 覆盖明德). */
export function isOrdinaryPhrase(text: string): boolean {
  return tag(text).some((t) => t.word.length >= 2 && FUNCTION_TAGS.test(t.tag));
}

/** Whether `word` is one dictionary word used as a common noun (部门, 会议), not a verb. */
export function isCommonNoun(word: string): boolean {
  if (!isDictionaryWord(word)) return false;
  return tag(word)[0]?.tag === 'n';
}

/** Whether a two-character word is a verb or an adverb (牵头, 专门), never a name's end. */
function opensFunctionWord(word: string): boolean {
  if (word.length !== 2 || !isDictionaryWord(word)) return false;
  return tag(word).some((t) => /^(?:v|vd|vn|d|ad|p|c)$/.test(t.tag));
}

/** Whether a window starts with a verb of two or more characters (担任, 主持). */
function opensVerb(window: string): boolean {
  const [first] = tag(window);
  return first !== undefined && first.word.length >= 2 && /^v/.test(first.tag);
}

/** Whether a window starts with a two-character word followed by a verb (专门|负责). */
function opensWordBeforeVerb(window: string): boolean {
  const [first, second] = tag(window);
  return first?.word.length === 2 && second !== undefined && /^v/.test(second.tag);
}

const PROPER_TAGS = /^(?:nz|nr|nrt|nrfg|ns|nt|j|x|eng)$/;
const OPENING_FUNCTION_TAGS = /^(?:c|d|df|p|r|rr|rz|u|uj|ul|uz|ug|uv|ud|y|e|o)$/;

/**
 * Whether `name` reads as a coined name (天衡, 墨枢, 招联智鹿) rather than ordinary words
 * (放大, 金融语料, 既懂): no multi-character common word in it, no function word opening it.
 */
export function looksCoined(name: string): boolean {
  const tokens = tag(name);
  if (tokens.some((t) => t.word.length >= 2 && !PROPER_TAGS.test(t.tag))) return false;
  return !OPENING_FUNCTION_TAGS.test(tokens[0]?.tag ?? '');
}

/** The length of the surname starting at `i` (2 for 欧阳, 1 for 王), or 0. */
export function surnameLength(text: string, i: number): number {
  // Folded, so that traditional surnames (歐陽, 劉) are found too.
  const head = foldForMatch(text.slice(i, i + 2));
  if (surnames.compound.has(head)) return 2;
  return surnames.single.has(head[0] ?? '') ? 1 : 0;
}

export interface NameMatch {
  name: string;
  start: number;
  end: number;
}

const LATIN_NAME = /^[A-Z][a-z]+(?:[ ·.-][A-Z][a-z]+)+$/;

/** A Latin-letter person name at `i`: two or more capitalised words (David Wang). */
function latinNameAt(text: string, i: number): NameMatch | null {
  if (/[A-Za-z]/.test(text[i - 1] ?? '')) return null;
  const m = /^[A-Z][a-z]+(?:[ ·.-][A-Z][a-z]+)+/.exec(text.slice(i, i + 40));
  return m ? { name: m[0], start: i, end: i + m[0].length } : null;
}

/**
 * A Latin-letter person name that ends at `end` (David Chen介绍, Grace Lin(…)): two or more
 * capitalised words, not glued to more letters on either side.
 */
export function latinNameEndingAt(text: string, end: number): NameMatch | null {
  if (/[A-Za-z]/.test(text[end] ?? '')) return null;
  const m = /(?:^|[^A-Za-z ·.-])([A-Z][a-z]+(?:[ ·.-][A-Z][a-z]+)+)$/.exec(
    text.slice(Math.max(0, end - 41), end),
  );
  const name = m?.[1];
  return name ? { name, start: end - name.length, end } : null;
}

function givenNameOk(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const ch = text[k];
    if (!isCjk(ch) || NOT_IN_NAME.has(ch ?? '')) return false;
  }
  return true;
}

/** Whether a name ending at `end` is followed by something that plainly ends a name. */
export function endsCleanly(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined || !isCjk(next)) return true;
  const rest = text.slice(end, end + 12);
  return AFTER_NAME.has(next) || patterns.speechVerbAt.test(rest);
}

/**
 * The person name that starts at `i`, or null. `known` names of the document win; otherwise
 * the length is chosen from how often each reading stands in the document.
 */
export function personNameAt(
  ctx: DocContext,
  i: number,
  known: Iterable<string> = [],
): NameMatch | null {
  const text = ctx.fold;
  for (const name of [...known].sort((a, b) => b.length - a.length)) {
    if (text.startsWith(name, i))
      return { name: ctx.text.slice(i, i + name.length), start: i, end: i + name.length };
  }
  const latin = latinNameAt(text, i);
  if (latin) return latin;
  const s = surnameLength(text, i);
  if (s === 0) return null;
  const short = i + s + 1;
  const long = i + s + 2;
  const shortOk = givenNameOk(text, i + s, short);
  const longOk = shortOk && givenNameOk(text, short, long);
  if (!shortOk) return null;
  const pick = (end: number): NameMatch => ({ name: ctx.text.slice(i, end), start: i, end });
  if (!longOk) return pick(short);
  const shortCount = countOccurrences(text, text.slice(i, short));
  const longCount = countOccurrences(text, text.slice(i, long));
  if (shortCount > longCount) return pick(short);
  // 杜蘅也谈到: an adverb then a speech verb ends the shorter name; 李清和认为: a speech verb
  // right after the longer one keeps it, though 和 can be a conjunction.
  const verbAfterLong =
    patterns.speechVerbAt.test(text.slice(long, long + 12)) &&
    !ADVERB_AFTER_NAME.has(text[short] ?? '');
  if (verbAfterLong) return pick(long);
  // 欧阳清和在…: 和 followed by what ends a name is the name's last character, not "and".
  if (CONJUNCTIONS.has(text[short] ?? '') && AFTER_NAME.has(text[long] ?? '')) return pick(long);
  // 裘致和担任: "and" cannot stand before a verb, so 和 ends the name.
  if (CONJUNCTIONS.has(text[short] ?? '') && opensVerb(text.slice(long, long + 4)))
    return pick(long);
  if (AFTER_NAME.has(text[short] ?? '')) return pick(short);
  // 乐正弦列席会议: the third character opens a verb the dictionary files as a noun.
  if (NOUN_TAGGED_VERBS.some((verb) => text.startsWith(verb, short))) return pick(short);
  // 郜川牵头: the third character opens a verb or an adverb with the next one.
  if (opensFunctionWord(text.slice(short, long + 1))) return pick(short);
  // 钟离澈专门负责: the third character opens a word that a verb follows.
  if (opensWordBeforeVerb(text.slice(short, short + 4))) return pick(short);
  if (endsCleanly(text, short) && !endsCleanly(text, long)) return pick(short);
  return pick(long);
}

/** Whether `name` can be a person's name at all (not a title, not an ordinary word). */
export function plausiblePersonName(written: string, strict: boolean): boolean {
  if (LATIN_NAME.test(written)) return true;
  const name = foldForMatch(written);
  if (name.length < 2 || name.length > 4 || ![...name].every((ch) => isCjk(ch))) return false;
  const s = surnameLength(name, 0);
  if (s === 0 || name.length - s < 1 || name.length - s > 2) return false;
  if (roleTitleSet.has(name) || honorificSet.has(name.slice(s))) return false;
  if (readsAsWords(name)) return false;
  return !strict || !isDictionaryWord(name);
}

/**
 * Whether a would-be name is plainly ordinary words: a function word or verb (都在, 任职), or a
 * conjunction before a noun (和模型). Names jieba knows as names (nr) are kept.
 */
function readsAsWords(name: string): boolean {
  const tokens = tag(name);
  const [first, second] = tokens;
  if (tokens.length === 1 && first && /^(?:d|p|c|r|v|vd|vn|u|m|q|t|f|ad|an)$/.test(first.tag))
    return true;
  // 都在问: a preposition among the given-name characters (若, 之, 然 in names are tagged as
  // conjunctions and particles, so only prepositions count).
  if (tokens.slice(1).some((t) => t.tag === 'p')) return true;
  return (
    first?.word.length === 1 &&
    /^(?:c|p|d|r|u|uj)$/.test(first.tag) &&
    second !== undefined &&
    second.word.length >= 2 &&
    !PROPER_TAGS.test(second.tag)
  );
}

/** Whether jieba puts a word boundary at `at`, reading a few characters on each side. */
export function wordBoundaryAt(text: string, at: number): boolean {
  const from = Math.max(0, at - 4);
  let offset = from;
  for (const word of tag(text.slice(from, at + 4))) {
    if (offset >= at) return offset === at;
    offset += word.word.length;
  }
  return offset === at;
}
