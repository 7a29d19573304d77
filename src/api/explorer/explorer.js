// The graph explorer. It talks to the server only through the public GraphQL API: `search` to
// find an entity, `neighbors` to draw and expand its neighbourhood, `node` for an entity's own
// mentions, the `graphChanged` subscription (server-sent events) to redraw what it shows when a
// seed changes the graph. Everything shown is built with DOM nodes and textContent, never from
// HTML strings. With a curation token entered, the panel also offers corrections (merge, reject,
// correct role), sent as mutations with the token as a bearer token.

const COLORS = {
  Person: '#4f7cff',
  Institution: '#f08c2e',
  Model: '#22a06b',
  Challenge: '#e5484d',
};
const EDGE_NAMES = {
  AFFILIATION: 'Affiliation',
  DEVELOPER: 'Developer',
  RAISED: 'Raised',
  CO_MENTIONED: 'Co-mentioned',
};

const EVIDENCE = `evidence { snippet snippetStart start end publishedAt document { title publisher } }`;

const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 8) {
    edges { match matchedName node { id __typename name } }
  }
}`;

const NEIGHBORS = `query Neighbors($id: ID!, $types: [EdgeType!]) {
  neighbors(id: $id, depth: 1, types: $types, first: 40) {
    truncated
    nodes { depth entity { id __typename name } }
    edges { id type role weight source { id name } target { id name } ${EVIDENCE} }
  }
}`;

const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    __typename
    ... on Entity {
      id name aliases
      mentions(first: 6) {
        totalCount
        edges { node { snippet snippetStart start end publishedAt document { title publisher } } }
      }
    }
    ... on Person { affiliations { id role institution { name } } challenges { name } }
    ... on Institution {
      category
      people(first: 20) { totalCount edges { node { name } } }
      models(first: 20) { totalCount edges { node { name } } }
    }
    ... on Model { developer { name } parameters releasedAt versions { version parameters releasedAt } }
    ... on Challenge { description people(first: 20) { totalCount edges { node { name } } } }
  }
}`;

/** Posts one operation to /graphql and returns its data, or throws its first error. */
async function graphql(query, variables, token) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

/** An element with a class and children (strings become text). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

const $ = (selector) => document.querySelector(selector);
const panel = $('#evidence');

const cy = cytoscape({
  container: $('#graph'),
  minZoom: 0.2,
  maxZoom: 1.5,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'background-color': (node) => COLORS[node.data('kind')] ?? '#98a2b3',
        width: 26,
        height: 26,
        color: '#1d2430',
        'font-size': 15,
        'font-family':
          'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-wrap': 'ellipsis',
        'text-max-width': 210,
        'text-background-color': '#f6f7f9',
        'text-background-opacity': 0.85,
        'text-background-padding': 2,
        'border-width': 2,
        'border-color': '#ffffff',
      },
    },
    { selector: 'node.expanded', style: { width: 34, height: 34, 'font-weight': 600 } },
    { selector: 'node.center', style: { 'border-color': '#1d2430', 'border-width': 3 } },
    { selector: 'node.active', style: { 'border-color': '#3563e9', 'border-width': 4 } },
    {
      selector: 'edge',
      style: {
        width: (edge) => Math.min(1.5 + edge.data('weight') * 0.5, 5),
        'line-color': '#98a2b3',
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'target-arrow-color': '#98a2b3',
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-size': 12,
        'min-zoomed-font-size': 6,
        color: '#667085',
        'text-rotation': 'autorotate',
        'text-background-color': '#f6f7f9',
        'text-background-opacity': 1,
        'text-background-padding': 1,
      },
    },
    {
      selector: 'edge[type = "DEVELOPER"]',
      style: { 'line-color': COLORS.Model, 'target-arrow-color': COLORS.Model },
    },
    {
      selector: 'edge[type = "RAISED"]',
      style: {
        'line-color': COLORS.Challenge,
        'target-arrow-color': COLORS.Challenge,
        'line-style': 'dashed',
      },
    },
    {
      selector: 'edge[type = "CO_MENTIONED"]',
      style: {
        'line-color': '#c0c6d0',
        'line-style': 'dotted',
        'target-arrow-shape': 'none',
        width: 1.5,
      },
    },
    {
      selector: 'edge.active',
      style: { 'line-color': '#3563e9', 'target-arrow-color': '#3563e9' },
    },
  ],
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

/** The mentions of distinct sentences: two names in one sentence show it once. */
function distinctSentences(mentions) {
  const seen = new Set();
  return mentions.filter((mention) => {
    const key = `${mention.document.title}|${mention.snippetStart}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A sentence with the words that state the fact highlighted. */
function snippetOf(mention) {
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

function facts(items) {
  const list = el('ul', 'facts');
  for (const item of items) list.append(el('li', null, item));
  return list;
}

function kindBadge(typename) {
  return el('span', `kind ${typename}`, typename);
}

// ---- curation ------------------------------------------------------------------------------
// The token stays in this tab only (sessionStorage), and goes only to this server's /graphql.

const tokenInput = $('#token');
tokenInput.value = sessionStorage.getItem('kg-curation-token') ?? '';
const token = () => tokenInput.value.trim();
// The panel is drawn again only when the token itself changes. A field's change event also fires
// when it loses focus, which a click on a panel button causes: drawing the panel again then
// removed the button under the pointer, and the click was lost.
let appliedToken = token();
tokenInput.addEventListener('change', () => {
  if (token() === appliedToken) return;
  appliedToken = token();
  sessionStorage.setItem('kg-curation-token', token());
  const active = cy.elements('.active')[0];
  if (active?.isNode()) showEntity(active.id());
  else if (active) showEdge(active.id());
});

const MERGE = `mutation Merge($keep: ID!, $remove: ID!, $reason: String) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) { id summary }
}`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectFact(id: $id, reason: $reason) { id summary } }`;
const CORRECT = `mutation Correct($id: ID!, $role: String!) { correctRole(affiliation: $id, role: $role) { id summary } }`;

/** Sends a correction, then redraws the neighbourhood of the entity in the middle. */
async function curate(query, variables) {
  return busy(async () => {
    try {
      const data = await graphql(query, variables, token());
      setStatus(`Done: ${Object.values(data)[0].summary}`);
      const center = cy.nodes('.center')[0];
      const keep = variables.keep ? { id: variables.keep, name: variables.keepName } : null;
      const entity = keep ?? (center && { id: center.id(), name: center.data('label') });
      if (entity) await open({ ...entity, __typename: variables.kind ?? center?.data('kind') });
    } catch (error) {
      setStatus(`Not done: ${error.message}`);
    }
  });
}

function button(label, onClick) {
  const node = el('button', 'curate-action', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** The relation a drawn edge stands for (AFFILIATION:12 is the Affiliation with id 12). */
function relationId(edgeId) {
  const match = /^(AFFILIATION|DEVELOPER|RAISED):(\d+)$/.exec(edgeId);
  if (!match) return null;
  const type = { AFFILIATION: 'Affiliation', DEVELOPER: 'Development', RAISED: 'Raised' }[match[1]];
  return btoa(`${type}:${match[2]}`);
}

/**
 * A button that opens a small form in place of the buttons beside it: one text field, a button
 * that sends it and one that closes the form. Inline rather than prompt(): the panel stays one
 * page a screen reader, a keyboard and a test can read, and what is typed can be seen whole.
 */
function inlineEdit(label, { placeholder, value = '', submit, onSubmit }) {
  const opener = button(label, () => {
    const holder = opener.parentElement;
    const field = el('input', 'curate-field');
    field.placeholder = placeholder;
    field.value = value;
    const form = el(
      'form',
      'curate-edit',
      field,
      button(submit, () => form.requestSubmit()),
      button('Cancel', () => form.replaceWith(...kept)),
    );
    const kept = [...holder.querySelectorAll(':scope > .curate-action')];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = field.value.trim();
      if (text) onSubmit(text);
    });
    for (const other of kept.slice(1)) other.remove();
    kept[0].replaceWith(form);
    field.focus();
  });
  return opener;
}

function rejectButton(id, what) {
  return inlineEdit('Reject', {
    placeholder: `Why is "${what}" wrong?`,
    submit: 'Confirm reject',
    onSubmit: (reason) => curate(REJECT, { id, reason }),
  });
}

function correctRoleButton(id, role) {
  return inlineEdit('Correct role', {
    placeholder: 'The correct role',
    value: role,
    submit: 'Save role',
    onSubmit: (next) => {
      if (next !== role) curate(CORRECT, { id, role: next });
    },
  });
}

/** Merging the entity shown into another one of the same kind, found by name. */
function mergeForm(node) {
  const field = el('input', 'curate-field');
  field.placeholder = `Merge ${node.name} into… (name)`;
  const form = el(
    'form',
    'curate-merge',
    field,
    button('Merge', () => form.requestSubmit()),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = field.value.trim();
    if (!query) return;
    const { search } = await graphql(SEARCH, { query });
    const keep = search.edges
      .map((edge) => edge.node)
      .find((hit) => hit.__typename === node.__typename && hit.id !== node.id);
    if (!keep) {
      setStatus(`No other ${node.__typename} called ${query}.`);
      return;
    }
    // Asked in place: what will be merged into what, and a button to go ahead.
    form.querySelector('.curate-confirm')?.remove();
    const question = el(
      'p',
      'curate-confirm',
      `Merge ${node.name} into ${keep.name}? Its names and facts move there. `,
      button('Confirm merge', () =>
        curate(MERGE, {
          keep: keep.id,
          keepName: keep.name,
          kind: node.__typename,
          remove: node.id,
        }),
      ),
    );
    form.append(question);
  });
  return form;
}

/** The corrections offered for an entity, when a token is entered. */
function entityCuration(node) {
  if (!token()) return null;
  const rows = (node.affiliations ?? []).map((a) =>
    el(
      'li',
      null,
      `${a.role}, ${a.institution.name} `,
      rejectButton(a.id, `${node.name}: ${a.role}, ${a.institution.name}`),
      correctRoleButton(a.id, a.role),
    ),
  );
  return el(
    'section',
    'curation',
    el('h3', null, 'Correct'),
    rows.length ? el('ul', 'curate-list', ...rows) : null,
    mergeForm(node),
  );
}

/** The corrections offered for a drawn relation, when a token is entered. */
function edgeCuration(edge, relation) {
  const id = relationId(edge.id);
  if (!token() || !id) return null;
  return el(
    'section',
    'curation',
    el('h3', null, 'Correct'),
    rejectButton(id, relation),
    edge.type === 'AFFILIATION' ? correctRoleButton(id, edge.role) : null,
  );
}

function showEntity(id) {
  return busy(() => renderEntity(id));
}

/** The names of a page of entities, and how many more there are. */
function namesOf(connection) {
  const names = connection.edges.map((edge) => edge.node.name).join('、');
  const more = connection.totalCount - connection.edges.length;
  return more > 0 ? `${names} … (+${more})` : names;
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
