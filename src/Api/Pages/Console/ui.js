// Building blocks of the console's screens. Each screen builds its fixed parts once with these (labels carry data-i18n,
// so a language switch re-labels them) and draws its data with el(), which always sets text as text.
import { el } from '/shared/dom.js';

/** A screen's heading. */
export const heading = (id, key) => el('h2', { id, 'data-i18n': key });

/** A label and its control, stacked. */
export function field(id, key, control, hintKey) {
  control.id = id;
  if (hintKey) control.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { class: 'field' },
    el('label', { for: id, 'data-i18n': key }), control, hintKey ? el('p', { id: `${id}-hint`, class: 'hint', 'data-i18n': hintKey }) : null);
}

export const input = (name, attributes = {}) =>
  el('input', { name, type: 'text', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', ...attributes });

export const select = name => el('select', { name });

export const button = (id, key, cls = 'secondary', type = 'button') => el('button', { id, type, class: cls, 'data-i18n': key });

/** Where an area's messages appear (see state.say); announced to screen readers. */
export const message = area => el('p', { id: `${area}-message`, class: 'message', role: 'alert' });

/** A form that never submits to the server by itself. */
export const form = (id, ...children) => el('form', { id, class: 'form', autocomplete: 'off', novalidate: true }, ...children);

/** A table with labelled columns; numbers right-aligned. */
export function table(bodyId, columns) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, ...columns.map(c => el('th', { scope: 'col', class: c.num ? 'num' : null, 'data-i18n': c.key })))),
    el('tbody', { id: bodyId })));
}

/** A table cell; numbers right-aligned, a negative one marked. */
export function cell(value, num = false) {
  const negative = num && Number(value) < 0;
  return el('td', { class: [num ? 'num' : '', negative ? 'negative' : ''].join(' ').trim() || null }, value === null || value === undefined ? '–' : String(value));
}

/** Replaces a node's children. */
export function fill(node, children) { node.replaceChildren(...children.filter(Boolean)); }

/** Options of a select, keeping the chosen value where it is still offered. */
export function options(node, list, placeholder) {
  const chosen = node.value;
  fill(node, [placeholder ? el('option', { value: '' }, placeholder) : null, ...list.map(o => el('option', { value: o.value }, o.label))]);
  if (list.some(o => o.value === chosen)) node.value = chosen;
}
