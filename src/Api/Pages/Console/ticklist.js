// The tick list of an activity's participants: every household of the community with its members, searchable, hundreds
// ticked at once. Members already in are shown ticked and cannot be ticked again. Drawn only when its data or filter
// changes (thousands of boxes are too many to redraw on every render), and ticks are kept in a Set, not in the boxes.
import { el } from '/shared/dom.js';
import { $, cid, load, render, state, t } from './state.js';
import { fill, input } from './ui.js';

const households = { list: [], loadedFor: null };
const ticked = new Set();
const key = (passbook, member) => `${passbook}\u0000${member}`;

export function mountTickList(host) {
  host.append(
    el('div', { class: 'tick-tools' },
      el('label', { for: 'tick-filter', 'data-i18n': 'tick.filter' }),
      input('filter', { id: 'tick-filter', type: 'search', maxlength: 100 }),
      el('button', { type: 'button', id: 'tick-all', class: 'secondary', 'data-i18n': 'tick.all' }),
      el('button', { type: 'button', id: 'tick-clear', class: 'secondary', 'data-i18n': 'tick.clear' })),
    el('p', { id: 'tick-shown', class: 'hint' }),
    el('ul', { id: 'tick-list', class: 'tick-list' }));
  $('tick-filter').addEventListener('input', drawTickList);
  $('tick-list').addEventListener('change', event => {
    const box = event.target;
    if (box.type !== 'checkbox') return;
    if (box.checked) ticked.add(box.value); else ticked.delete(box.value);
    render();
  });
  $('tick-all').addEventListener('click', () => {
    $('tick-list').querySelectorAll('input[type=checkbox]:not(:disabled)').forEach(box => { box.checked = true; ticked.add(box.value); });
    render();
  });
  $('tick-clear').addEventListener('click', () => { ticked.clear(); drawTickList(); render(); });
}

/** Forgets the ticks (another activity was opened). */
export function resetTicks() { ticked.clear(); }

/** Loads the community's households once per sign-in (an open household or a new account reloads it on the next activity). */
export async function loadTickList() {
  const answer = await load('participants', `/api/communities/${cid()}/households?limit=5000`);
  if (answer) households.list = answer.households;
}

/** The ticked members not yet in the activity, as the participants request wants them. */
export function selectedParticipants() {
  const already = alreadyIn();
  return [...ticked].filter(k => !already.has(k)).map(k => {
    const [passbook, member] = k.split('\u0000');
    return { passbook, member };
  });
}

function alreadyIn() { return new Set((state.activity?.participants ?? []).map(p => key(p.passbook, p.member))); }

export function drawTickList() {
  const words = $('tick-filter').value.trim().toLowerCase();
  const shown = households.list.filter(h => !words
    || h.passbook.toLowerCase().includes(words) || h.members.some(m => m.toLowerCase().includes(words)));
  const already = alreadyIn();
  $('tick-shown').textContent = t('tick.shown', { shown: shown.length, total: households.list.length });
  fill($('tick-list'), shown.map(h => el('li', {},
    el('span', { class: 'tick-household' }, `${h.headName} · ${h.passbook}`),
    ...h.members.map(m => {
      const k = key(h.passbook, m);
      const isIn = already.has(k);
      return el('label', { class: isIn ? 'tick in' : 'tick' },
        el('input', { type: 'checkbox', value: k, checked: isIn || ticked.has(k), disabled: isIn }), ' ', m);
    }))));
}
