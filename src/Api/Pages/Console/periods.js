// Month close (月结): the closed months with who closed them and when, and closing an ended month after a
// confirmation that says it is final (from then on nothing may be dated in it).
import { el } from '/shared/dom.js';
import { $, addView, api, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, table } from './ui.js';
import { ask } from './confirm.js';

state.periods = null; // { timeZone, closed: [{ period, closedBy, closedAt }] }

export function mount(section) {
  section.append(
    heading('periods-heading', 'periods.heading'),
    el('p', { class: 'hint', 'data-i18n': 'periods.intro' }),
    form('period-form',
      field('period-month', 'periods.month', input('month', { type: 'month' }), 'periods.monthHint'),
      button('period-close', 'periods.close', 'danger', 'submit')),
    message('period'),
    el('div', { class: 'card' },
      el('h3', { 'data-i18n': 'periods.closedHeading' }),
      table('period-list', [{ key: 'periods.period' }, { key: 'periods.closedBy' }, { key: 'periods.closedAt' }])));
  $('period-month').value = lastMonth();
  $('period-form').addEventListener('submit', async event => { event.preventDefault(); await close(); render(); });
}

export async function show() {
  state.periods = await load('period', `/api/communities/${cid()}/periods`);
  render();
}

function lastMonth() {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
}

async function close() {
  const month = $('period-month').value;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) { say('period', 'periods.badMonth'); return; }
  if (!await ask('periods.confirm', { month })) return;
  const answer = await postOnce('period', `/api/communities/${cid()}/periods/${enc(month)}/close`, {});
  if (!answer) return;
  say('period', 'periods.closed', { month }, 'ok');
  state.periods = await api.get(`/api/communities/${cid()}/periods`).catch(() => state.periods);
}

addView(() => {
  const closed = state.periods?.closed ?? [];
  fill($('period-list'), closed.length === 0
    ? [el('tr', {}, el('td', { colspan: 3, class: 'muted' }, t('periods.none')))]
    : closed.map(p => el('tr', {}, cell(p.period), cell(p.closedBy), cell(new Date(p.closedAt).toLocaleString(state.lang)))));
  $('period-close').disabled = state.busy;
});
