import { ENTITY, graphql, NEIGHBORS, SEARCH } from './api.js';
import { createCuration } from './curation.js';
import { $, el } from './dom.js';
import { GRAPH_STYLE } from './graph-style.js';
import { distinctSentences, facts, kindBadge, namesOf, snippetOf } from './panel-parts.js';

// The graph explorer. It talks to the server only through the public GraphQL API: `search` to
// find an entity, `neighbors` to draw and expand its neighbourhood, `node` for an entity's own
// mentions, the `graphChanged` subscription (server-sent events) to redraw what it shows when a
// seed changes the graph. Everything shown is built with DOM nodes and textContent, never from
// HTML strings. With a curation token entered, the panel also offers corrections (merge, reject,
// correct role), sent as mutations with the token as a bearer token.

const EDGE_NAMES = {
  AFFILIATION: 'Affiliation',
  DEVELOPER: 'Developer',
  RAISED: 'Raised',
  CO_MENTIONED: 'Co-mentioned',
};

const panel = $('#evidence');

const cy = cytoscape({
  container: $('#graph'),
  minZoom: 0.2,
  maxZoom: 1.5,
  style: GRAPH_STYLE,
});
// For scripts and tests driving the page: `busy` counts the requests and layouts under way,
// `updates` the graph changes received, `live` whether the subscription is open.
const state = { cy, busy: 0, updates: 0, live: false };
window.explorer = state;

/** Runs `task` while counting it as busy. */
async function busy(task) {
  state.busy++;
  try {
    return await task();
  } finally {
    state.busy--;
  }
}

/** Edge data by edge id: the evidence the panel shows when an edge is clicked. */
const edges = new Map();

function edgeTypes() {
  return [...document.querySelectorAll('.types input:checked')].map((input) => input.value);
}

function addNeighborhood(neighborhood, around) {
  const origin = around.position();
  const fresh = neighborhood.nodes.filter(({ entity }) => cy.getElementById(entity.id).empty());
  fresh.forEach(({ entity }, i) => {
    // On a circle around the node being expanded: the layout then only has to refine.
    const angle = (2 * Math.PI * i) / fresh.length + Math.random() * 0.2;
    cy.add({
      group: 'nodes',
      data: { id: entity.id, label: entity.name, kind: entity.__typename },
      position: { x: origin.x + 160 * Math.cos(angle), y: origin.y + 160 * Math.sin(angle) },
    });
  });
  for (const edge of neighborhood.edges) {
    edges.set(edge.id, edge);
    if (cy.getElementById(edge.id).nonempty()) continue;
    cy.add({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source.id,
        target: edge.target.id,
        type: edge.type,
        weight: edge.weight,
        label: edge.role ?? '',
      },
    });
  }
}

function runLayout() {
  state.busy++;
  const layout = cy.layout({
    name: 'cose',
    animate: true,
    animationDuration: 450,
    randomize: false,
    padding: 60,
    nodeDimensionsIncludeLabels: true,
    nodeRepulsion: () => 400000,
    idealEdgeLength: (edge) => (edge.data('label') ? 140 : 100),
    edgeElasticity: () => 100,
    nodeOverlap: 20,
    gravity: 60,
    numIter: 1500,
    componentSpacing: 80,
  });
  layout.one('layoutstop', () => state.busy--);
  layout.run();
}

function expand(id) {
  return busy(async () => {
    const node = cy.getElementById(id);
    const { neighbors } = await graphql(NEIGHBORS, { id, types: edgeTypes() });
    if (!neighbors) return;
    addNeighborhood(neighbors, node);
    node.addClass('expanded');
    setStatus(neighbors.truncated ? 'Only the 40 closest neighbours are shown.' : '');
    runLayout();
  });
}

async function open(entity) {
  cy.elements().remove();
  edges.clear();
  $('#hint').hidden = true;
  const node = cy.add({
    group: 'nodes',
    data: { id: entity.id, label: entity.name, kind: entity.__typename },
    position: { x: 0, y: 0 },
    classes: 'center',
  });
  activate(node);
  await Promise.all([expand(entity.id), showEntity(entity.id)]);
}

function setStatus(text) {
  let status = $('#status');
  if (!status) {
    status = el('p', 'hint status');
    status.id = 'status';
    $('#graph').append(status);
  }
  status.textContent = text;
  status.hidden = text === '';
}

const { entityCuration, edgeCuration } = createCuration({
  cy,
  busy,
  setStatus,
  open,
  showEntity,
  showEdge,
});

function showEntity(id) {
  return busy(() => renderEntity(id));
}

async function renderEntity(id) {
  panel.replaceChildren(el('p', 'empty', 'Loading…'));
  try {
    const { node } = await graphql(ENTITY, { id });
    if (!node) {
      panel.replaceChildren(el('p', 'empty', 'This entity no longer exists.'));
      return;
    }
    const lines = [];
    if (node.category) lines.push(`Category: ${node.category.toLowerCase().replace('_', ' ')}`);
    for (const a of node.affiliations ?? []) lines.push(`${a.role}, ${a.institution.name}`);
    if (node.developer) lines.push(`Developed by ${node.developer.name}`);
    for (const v of node.versions ?? []) {
      lines.push([`Version ${v.version}`, v.parameters, v.releasedAt].filter(Boolean).join(' · '));
    }
    if (node.challenges?.length)
      lines.push(`Raised: ${node.challenges.map((c) => c.name).join('、')}`);
    if (node.models?.totalCount) lines.push(`Models: ${namesOf(node.models)}`);
    if (node.people?.totalCount) lines.push(`People: ${namesOf(node.people)}`);
    if (node.description) lines.push(node.description);
    const mentions = distinctSentences(node.mentions.edges.map((edge) => edge.node)).map(snippetOf);
    panel.replaceChildren(
      kindBadge(node.__typename),
      el('h2', null, node.name),
      el('p', 'sub', node.aliases.length ? `Also: ${node.aliases.join('、')}` : ''),
      lines.length ? facts(lines) : null,
      el('h3', null, `Mentions (${node.mentions.totalCount})`),
      el('ul', 'snippets', ...mentions),
      entityCuration(node),
    );
  } catch (error) {
    panel.replaceChildren(el('p', 'error', error.message));
  }
}

function showEdge(id) {
  const edge = edges.get(id);
  if (!edge) return;
  const relation = edge.role
    ? `${edge.source.name} — ${edge.role} — ${edge.target.name}`
    : `${edge.source.name} — ${edge.target.name}`;
  const weight =
    edge.type === 'CO_MENTIONED'
      ? `Named together in ${edge.weight} document${edge.weight === 1 ? '' : 's'}`
      : `Stated ${edge.weight} time${edge.weight === 1 ? '' : 's'}`;
  panel.replaceChildren(
    el('span', 'kind edge', EDGE_NAMES[edge.type]),
    el('h2', null, relation),
    el('p', 'sub', weight),
    el('h3', null, 'Evidence'),
    el('ul', 'snippets', ...distinctSentences(edge.evidence).map(snippetOf)),
    edgeCuration(edge, relation),
  );
}

/** Marks the node or edge whose evidence the panel shows. */
function activate(element) {
  cy.elements('.active').removeClass('active');
  element.addClass('active');
}

cy.on('tap', 'node', (event) => {
  const node = event.target;
  activate(node);
  showEntity(node.id());
  if (!node.hasClass('expanded')) expand(node.id()).catch((error) => setStatus(error.message));
});
// Other edge types: draw the neighbourhood of the centre again with them.
for (const box of document.querySelectorAll('.types input')) {
  box.addEventListener('change', () => {
    const center = cy.nodes('.center')[0];
    if (center) {
      open({ id: center.id(), name: center.data('label'), __typename: center.data('kind') }).catch(
        (error) => setStatus(error.message),
      );
    }
  });
}

cy.on('tap', 'edge', (event) => {
  activate(event.target);
  showEdge(event.target.id());
});

// Search: results as the user types, arrow keys and Enter to pick one.
const input = $('#search');
const results = $('#results');
let hits = [];
let active = -1;
let pending;

function renderResults() {
  results.replaceChildren(
    ...hits.map((hit, i) => {
      const item = el(
        'li',
        null,
        kindBadge(hit.node.__typename),
        hit.node.name,
        hit.matchedName !== hit.node.name ? el('span', 'via', `(${hit.matchedName})`) : null,
      );
      item.classList.toggle('active', i === active);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(i);
      });
      return item;
    }),
  );
  if (hits.length === 0 && input.value.trim()) results.append(el('li', 'none', 'No match'));
  results.hidden = input.value.trim() === '';
}

function pick(i) {
  const hit = hits[i];
  if (!hit) return;
  results.hidden = true;
  input.value = hit.node.name;
  open(hit.node).catch((error) => setStatus(error.message));
}

input.addEventListener('input', () => {
  clearTimeout(pending);
  const query = input.value.trim();
  if (!query) {
    hits = [];
    renderResults();
    return;
  }
  pending = setTimeout(
    () =>
      busy(async () => {
        try {
          const { search } = await graphql(SEARCH, { query });
          if (input.value.trim() !== query) return;
          hits = search.edges;
          active = hits.length ? 0 : -1;
          renderResults();
        } catch (error) {
          setStatus(error.message);
        }
      }),
    150,
  );
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    active = (active + step + hits.length) % Math.max(hits.length, 1);
    renderResults();
  } else if (event.key === 'Enter') {
    pick(Math.max(active, 0));
  } else if (event.key === 'Escape') {
    results.hidden = true;
  }
});
input.addEventListener('blur', () => {
  results.hidden = true;
});

// Live updates: when a seed changes the graph, the neighbourhoods drawn and the panel are read
// again (the nodes expanded stay expanded) and the status line says what changed.
const GRAPH_CHANGED = `subscription GraphChanged {
  graphChanged { added changed removed counts { documents people institutions models challenges } }
}`;

function describeChange({ added, changed, removed, counts }) {
  const parts = [];
  if (added.length) parts.push(`${added.length} added`);
  if (changed.length) parts.push(`${changed.length} changed`);
  if (removed.length) parts.push(`${removed.length} removed`);
  const documents = parts.length ? `documents ${parts.join(', ')}` : 'entities changed';
  return `Graph updated: ${documents} · ${counts.documents} documents, ${counts.people} people, ${counts.institutions} institutions, ${counts.models} models.`;
}

async function refresh(change) {
  const expanded = cy.nodes('.expanded').map((node) => node.id());
  const shown = cy.nodes('.active').map((node) => node.id())[0];
  await busy(async () => {
    for (const id of expanded) {
      const node = cy.getElementById(id);
      const { neighbors } = await graphql(NEIGHBORS, { id, types: edgeTypes() });
      if (neighbors && node.nonempty()) addNeighborhood(neighbors, node);
    }
    if (expanded.length) runLayout();
    if (shown) await showEntity(shown);
  });
  state.updates++;
  setStatus(describeChange(change));
}

function subscribe() {
  const source = new EventSource(`/graphql?query=${encodeURIComponent(GRAPH_CHANGED)}`);
  source.addEventListener('open', () => {
    state.live = true;
  });
  source.addEventListener('next', (event) => {
    const { data } = JSON.parse(event.data);
    if (data?.graphChanged) refresh(data.graphChanged).catch((error) => setStatus(error.message));
  });
  source.addEventListener('error', () => {
    // EventSource reconnects by itself; until then the page is not live.
    state.live = false;
  });
}
subscribe();
