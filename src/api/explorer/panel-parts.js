import { el } from './dom.js';

// The parts of the evidence panel: sentences, facts, badges and lists of names.

/** The mentions of distinct sentences: two names in one sentence show it once. */
export function distinctSentences(mentions) {
  const seen = new Set();
  return mentions.filter((mention) => {
    const key = `${mention.document.title}|${mention.snippetStart}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A sentence with the words that state the fact highlighted. */
export function snippetOf(mention) {
  const quote = el('blockquote');
  const from = mention.start - mention.snippetStart;
  const to = mention.end - mention.snippetStart;
  const text = mention.snippet;
  if (from >= 0 && to <= text.length && from < to) {
    quote.append(text.slice(0, from), el('mark', null, text.slice(from, to)), text.slice(to));
  } else {
    quote.append(text);
  }
  const date = mention.publishedAt ? mention.publishedAt.slice(0, 10) : 'undated';
  const source = [mention.document.title, mention.document.publisher, date].filter(Boolean);
  return el('li', 'snippet', quote, el('cite', null, source.join(' · ')));
}

export function facts(items) {
  const list = el('ul', 'facts');
  for (const item of items) list.append(el('li', null, item));
  return list;
}

export function kindBadge(typename) {
  return el('span', `kind ${typename}`, typename);
}

/** The names of a page of entities, and how many more there are. */
export function namesOf(connection) {
  const names = connection.edges.map((edge) => edge.node.name).join('、');
  const more = connection.totalCount - connection.edges.length;
  return more > 0 ? `${names} … (+${more})` : names;
}
