// The lexicons in ./data, loaded and compiled once per process: sets for membership tests and
// longest-first alternations for scanning, so extraction never rebuilds a pattern per document.

import type { InstitutionKind } from '../domain/entities.ts';
import {
  challengesData,
  institutionsData,
  knownInstitutionsData,
  modelsData,
  rolesData,
  speechData,
  surnamesData,
} from './data.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLengthDesc = (a: string, b: string) => b.length - a.length || a.localeCompare(b);

/** An alternation that prefers the longest term at any position. */
export function alternation(terms: Iterable<string>): string {
  return [...new Set(terms)].sort(byLengthDesc).map(escapeRegExp).join('|');
}

export interface ChallengeKind {
  key: string;
  name: string;
  label: string;
  description: string;
  triggers: string[];
}

export interface KnownInstitution {
  name: string;
  aliases: string[];
  kind: InstitutionKind;
}

export const surnames = {
  compound: new Set(surnamesData.compound),
  single: new Set([...surnamesData.single]),
};

export const roleTitles = [...rolesData.titles].sort(byLengthDesc);
export const roleTitleSet = new Set(roleTitles);
/** Titles the list cannot enumerate: an opening, a few characters and a head (首席股权投资官). */
const titleForms = rolesData.forms.map(
  (f) =>
    `${escapeRegExp(f.opening)}[\\u4e00-\\u9fffA-Za-z]{1,${f.inner}}?(?:${alternation(f.heads)})`,
);
/**
 * A job title as a regular expression source: prefixes that belong to any title (代理, 联席,
 * 长聘), then a listed title or a title form. Every title matcher is built from it.
 */
export const roleTitleSource = `(?:${alternation(rolesData.prefixes)})*(?:${[alternation(roleTitles), ...titleForms].join('|')})`;
/** Titles that open a body's name when 会, 部 or 处 follows (董事会, 委员会, 编辑部). */
export const titlesBeforeBody = rolesData.notBeforeBody;
export const qualifierEnds = rolesData.qualifierEnds;
export const domainWords = rolesData.domainWords;
const domain = new Set(domainWords);
/** Whether a word is made of words of a line of work only (保险业务 = 保险 + 业务). */
export function isDomainWord(word: string): boolean {
  if (domain.has(word)) return true;
  for (let cut = 1; cut < word.length; cut++)
    if (domain.has(word.slice(0, cut)) && isDomainWord(word.slice(cut))) return true;
  return false;
}
export const subUnitEnds = rolesData.subUnitEnds;
/** Words before a title that date it (原, 时任): part of neither the employer nor the title. */
export const tenureMarkers = [...rolesData.tenureMarkers].sort(byLengthDesc);
export const honorifics = [...rolesData.honorifics].sort(byLengthDesc);
export const bylineRoles = [...rolesData.bylines].sort(byLengthDesc);
export const bylineSources = [...rolesData.bylineSources].sort(byLengthDesc);
export const bylineStaff = new Set(rolesData.bylineStaff);
/** Words joining two titles one person holds (副总经理兼首席信息官), besides 、. */
export const titleJoiners = rolesData.titleJoiners;
/** Ranks that open a compound title (首席数码及数据总监): a title, never a unit. */
export const rankOpenings = rolesData.rankOpenings;
/** Words ending a plural group of people listed before a title (高级管理人员及). */
export const groupWords = rolesData.groupWords;
/** Verbs an announcement writes right before the person it appoints (聘任X女士为). */
export const appointVerbs = rolesData.appointVerbs;
/** Verbs giving the person before them the role after them (X现任…, X辞去…职务). */
export const rolePredicates = rolesData.rolePredicates;

export const speechVerbs = [...speechData.verbs].sort(byLengthDesc);
export const speechAdverbs = [...speechData.adverbs].sort(byLengthDesc);
export const pronouns = new Set(speechData.pronouns);

export const legalForms = [...institutionsData.legalForms].sort(byLengthDesc);
export const institutionSuffixes = [...institutionsData.suffixes].sort((a, b) =>
  byLengthDesc(a.suffix, b.suffix),
) as { suffix: string; kind: InstitutionKind }[];
export const suffixNotBefore = institutionsData.notBefore as Record<string, string>;
export const institutionKindHints = institutionsData.kindHints as {
  contains: string;
  kind: InstitutionKind;
}[];
export const genericInstitutionTerms = [...institutionsData.generic].sort(byLengthDesc);
export const places = [...institutionsData.places].sort(byLengthDesc);
/** Foreign countries written before a foreign institution as a descriptor (日本X集团). */
export const countries = [...institutionsData.countries].sort(byLengthDesc);
/** Words after a known brand: its own line of business (京东金融), or the brand itself (华为集团). */
export const brandArms = {
  business: [...institutionsData.arms.business].sort(byLengthDesc),
  same: [...institutionsData.arms.same].sort(byLengthDesc),
};
export const knownInstitutions = knownInstitutionsData.institutions as KnownInstitution[];

export const modelWords = [...modelsData.modelWords].sort(byLengthDesc);
export const strongModelWords = [...modelsData.strongModelWords].sort(byLengthDesc);
export const genericModelWords = new Set(modelsData.generic);
export const genericModelTerms = [...modelsData.generic].sort(byLengthDesc);
export const developVerbs = [...modelsData.developVerbs].sort(byLengthDesc);
export const useVerbs = [...modelsData.useVerbs].sort(byLengthDesc);
export const productWords = [...modelsData.productWords].sort(byLengthDesc);
export const intoVerbs = [...modelsData.intoVerbs].sort(byLengthDesc);
export const generationWords = [...modelsData.generationWords].sort(byLengthDesc);
export const versionWords = [...modelsData.versionWords].sort(byLengthDesc);
export const editionWords = [...modelsData.editionWords].sort(byLengthDesc);
export const knownModels = modelsData.known;

export const challengeKinds = challengesData.challenges as ChallengeKind[];
export const challengeByKey = new Map(challengeKinds.map((c) => [c.key, c]));

/** Every challenge trigger, longest first, with the kind it names. */
export const challengeTriggers = new Map<string, string>();
for (const kind of challengeKinds) {
  for (const trigger of kind.triggers) challengeTriggers.set(trigger, kind.key);
}

// Compiled scanners (global, sticky-free: callers use matchAll).
export const patterns = {
  roleTitle: new RegExp(roleTitleSource, 'g'),
  institutionSuffix: new RegExp(alternation(institutionSuffixes.map((s) => s.suffix)), 'g'),
  challengeTrigger: new RegExp(alternation(challengeTriggers.keys()), 'gi'),
  speechVerbAt: new RegExp(`^(?:${alternation(speechAdverbs)})*(?:${alternation(speechVerbs)})`),
  honorificAt: new RegExp(`^(?:${alternation(honorifics)})`),
  modelWordAt: new RegExp(`^(?:${alternation(modelWords)})`),
};

/** Characters that never occur inside an institution or model name. */
export const HARD_STOP_CHARS = new Set([...institutionsData.boundaries.hardStops]);

/** Words a name often follows: the name starts right after them (来自鹤年人寿, 作为深蓝智算). */
export const NAME_LEADS: readonly string[] = institutionsData.boundaries.leads;

/** Words a text defines for the institution it speaks for (以下简称“本行”): never names. */
export const selfReferences = new Set(institutionsData.selfReferences);
/** Words that stand for the reporting outlet itself (本报记者, 该报记者): never an outlet's name. */
export const selfOutlets = new Set(institutionsData.selfOutlets);
/** Verbs of speech, making or use that never stand inside a name (…发布, …表示). */
export const nameBreakingVerbs: readonly string[] = institutionsData.nameBreakingVerbs;

/** Function characters that a name rarely starts with, unless the text shows it does. */
export const WEAK_START_CHARS = new Set([...institutionsData.boundaries.weakStarts]);

const titleAfterQualifier = new RegExp(`^[\\u4e00-\\u9fffA-Za-z]{0,6}?${roleTitleSource}`);

/** Whether `text` opens with a job title, a short qualifier allowed (财富管理部总经理). */
export function startsWithTitle(text: string): boolean {
  return titleAfterQualifier.test(text);
}
