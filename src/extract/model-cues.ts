import { alternation, developVerbs, intoVerbs, useVerbs } from './lexicon.ts';

// The verb cues that both finding models (models.ts) and finding their developers
// (model-developers.ts) read.

/** Verbs of using a model: between an institution and a model they break the developer tie. */
export const usePattern = new RegExp(alternation(useVerbs));
/** Verbs that launch a product, or put something into one (应用于“小邮助手”). */
export const launchPattern = new RegExp(`(?:${alternation([...developVerbs, ...intoVerbs])})`, 'g');
