// The challenge taxonomy (data/challenges.json) compiled once per process into one scanner:
// strong triggers, cues that need a marker nearby, and compounds that block both. Every term is
// one alternative of a single longest-first pattern, so a compound (替换成本) is consumed before
// the shorter term inside it (成本) could match.
import { challengesData } from './data.ts';

export type CueScope = 'clause' | 'sentence';

/** Words of which one must be near a cue; `regulator` also takes a regulator's name. */
export interface MarkerGroup {
  words: string[];
  regulator: boolean;
}

/** What a term found in the text means. */
export type TermMeaning =
  | { role: 'trigger'; key: string }
  | { role: 'cue'; key: string; needs: MarkerGroup[]; scope: CueScope; blocks: boolean }
  | { role: 'block' };

interface CueData {
  terms: string[];
  needs: string[][];
  scope?: CueScope;
}

interface KindData {
  key: string;
  triggers: string[];
  cues?: CueData[];
  notInside?: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const markerLists = challengesData.markers as Record<string, string[]>;

const alternationOf = (words: string[]) => words.map(escapeRegExp).join('|');
const comparedBefore = new RegExp(`(?:${alternationOf(challengesData.comparisonBase.before)})$`);
const comparedAfter = new RegExp(
  `^.{0,3}?(?:${alternationOf(challengesData.comparisonBase.after)})`,
);
const skillBefore = new RegExp(`(?:${alternationOf(challengesData.skillBefore)})$`);

/**
 * Whether a term between `before` and `after` (the rest of its sentence on each side) is read as
 * something other than a problem: a comparison base (比合规更棘手), a skill (又懂模型验证) or a
 * problem going away (降低了成本).
 */
export function readAsOther(before: string, after: string): boolean {
  return (
    (comparedBefore.test(before) && comparedAfter.test(after)) ||
    skillBefore.test(before) ||
    relieved(before)
  );
}

const reliefWords = new RegExp(alternationOf(challengesData.relief));

/**
 * Whether the clause before a term says the problem goes away (降低了训练成本, 摆脱对外部供应商
 * 的依赖, 较低的成本): a problem solved is not raised.
 */
function relieved(before: string): boolean {
  const clause = before.split(/[，,；;：:。！？!?]/).at(-1) ?? '';
  return reliefWords.test(clause);
}

const kinds = challengesData.challenges as KindData[];

/** A `…` in a term: a short gap inside the sentence (既懂信贷业务、又懂). */
const GAP = '…';
const GAP_PATTERN = '[^。！？；!?;\\n]{1,15}?';

/** Marker groups with every @list spelled out. */
function expandNeeds(needs: string[][], where: string): MarkerGroup[] {
  return needs.map((group) => ({
    words: group.flatMap((word) => {
      if (!word.startsWith('@')) return [word];
      const list = markerLists[word.slice(1)];
      if (!list) throw new Error(`challenges.json: unknown marker list ${word} in ${where}`);
      return list;
    }),
    regulator: group.includes('@regulator'),
  }));
}

/** Every term with its meaning; a term listed twice is a data error, a block yields to a term. */
function collectTerms(): Map<string, TermMeaning> {
  const terms = new Map<string, TermMeaning>();
  const claim = (term: string, meaning: TermMeaning) => {
    const id = term.toLowerCase();
    const known = terms.get(id);
    if (known && known.role !== 'block')
      throw new Error(`challenges.json: ${term} is listed twice (${meaning.role})`);
    terms.set(id, meaning);
  };
  for (const kind of kinds) {
    for (const trigger of kind.triggers) claim(trigger, { role: 'trigger', key: kind.key });
    for (const cue of kind.cues ?? []) {
      const needs = expandNeeds(cue.needs, kind.key);
      for (const term of cue.terms)
        claim(term, {
          role: 'cue',
          key: kind.key,
          needs,
          scope: cue.scope ?? 'clause',
          blocks: false,
        });
    }
  }
  // A blocking compound that is another kind's cue stays blocking when the cue does not hold
  // (替换成本 without a vendor in sight is still not compute cost).
  for (const kind of kinds) {
    for (const compound of kind.notInside ?? []) {
      const known = terms.get(compound.toLowerCase());
      if (!known) terms.set(compound.toLowerCase(), { role: 'block' });
      else if (known.role === 'cue') known.blocks = true;
    }
  }
  return terms;
}

const termMeanings = collectTerms();
const gapTerms = [...termMeanings.keys()]
  .filter((t) => t.includes(GAP))
  .map((term) => ({
    term,
    at: new RegExp(term.split(GAP).map(escapeRegExp).join(GAP_PATTERN), 'iy'),
  }));

// Longest first by written length; a gapped term sorts by its fixed characters.
const alternatives = [...termMeanings.keys()]
  .sort((a, b) => b.replaceAll(GAP, '').length - a.replaceAll(GAP, '').length || a.localeCompare(b))
  .map((t) => t.split(GAP).map(escapeRegExp).join(GAP_PATTERN));

/** Scans folded text for every challenge term (global: use with matchAll). */
export const challengeTermPattern = new RegExp(alternatives.join('|'), 'gi');

/** Whether `text` is a term as written (not a stretch matched by a gapped term). */
export function isLiteralTerm(text: string): boolean {
  return termMeanings.has(text.toLowerCase());
}

/** The meaning of a match of challengeTermPattern found at `index` of `text`. */
export function meaningOf(match: string, text: string, index: number): TermMeaning | undefined {
  const literal = termMeanings.get(match.toLowerCase());
  if (literal) return literal;
  for (const { term, at } of gapTerms) {
    at.lastIndex = index;
    const m = at.exec(text);
    if (m && m[0].length === match.length) return termMeanings.get(term);
  }
  return undefined;
}
