import { graphql, SEARCH } from './api.js';
import { $, button, el } from './dom.js';

// Corrections from the explorer's panel (merge, reject, correct role), sent as mutations with
// the curation token as a bearer token. The token stays in this tab only (sessionStorage), and
// goes only to this server's /graphql.

const MERGE = `mutation Merge($keep: ID!, $remove: ID!, $reason: String) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) { id summary }
}`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectFact(id: $id, reason: $reason) { id summary } }`;
const CORRECT = `mutation Correct($id: ID!, $role: String!) { correctRole(affiliation: $id, role: $role) { id summary } }`;

/**
 * The curation panel of the explorer. `open` draws an entity's neighbourhood again after a
 * correction; `showEntity` and `showEdge` redraw the panel when the token changes.
 */
export function createCuration({ cy, busy, setStatus, open, showEntity, showEdge }) {
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

  /** The relation a drawn edge stands for (AFFILIATION:12 is the Affiliation with id 12). */
  function relationId(edgeId) {
    const match = /^(AFFILIATION|DEVELOPER|RAISED):(\d+)$/.exec(edgeId);
    if (!match) return null;
    const type = { AFFILIATION: 'Affiliation', DEVELOPER: 'Development', RAISED: 'Raised' }[
      match[1]
    ];
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

  return { entityCuration, edgeCuration };
}
