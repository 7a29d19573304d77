// DOM helpers: every element the explorer shows is built with these and textContent, never
// from HTML strings.

/** An element with a class and children (strings become text). */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

export const $ = (selector) => document.querySelector(selector);

/** A button of the curation panel. */
export function button(label, onClick) {
  const node = el('button', 'curate-action', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
