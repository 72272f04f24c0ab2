// Points that expire (积分有效期): the policy as a sentence residents can read, setting it, the households whose
// points expire within 30 days (to tell them in time), and running the expiry now.
import { el } from '/shared/dom.js';
import { $, addView, api, cid, load, postOnce, render, say, sayError, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, select, table } from './ui.js';
import { ask } from './confirm.js';

state.expiryPolicy = null; // { version, rule, afterYears, setAt }
state.expiring = null; // { today, until, households: [{ passbook, headName, balance, on, points }] }

export function mount(section) {
  const rule = select('rule');
  rule.append(el('option', { value: 'none', 'data-i18n': 'expiry.none' }), el('option', { value: 'end-of-year', 'data-i18n': 'expiry.endOfYear' }));
  section.append(
    heading('expiry-heading', 'expiry.heading'),
    el('p', { id: 'expiry-sentence', class: 'facts-line', role: 'status' }),
    form('expiry-form',
      field('expiry-rule', 'expiry.rule', rule),
      field('expiry-years', 'expiry.afterYears', input('afterYears', { type: 'number', min: 0, max: 10, step: 1, value: 1, inputmode: 'numeric' }), 'expiry.afterYearsHint'),
      button('expiry-save', 'expiry.save', 'primary', 'submit')),
    message('expiry'),
    el('div', { class: 'card' },
      el('h3', { 'data-i18n': 'expiry.soonHeading' }),
      table('expiry-soon', [
        { key: 'expiry.on' }, { key: 'expiry.head' }, { key: 'expiry.passbook' }, { key: 'expiry.points', num: true }, { key: 'expiry.balance', num: true },
      ]),
      el('div', { class: 'actions' }, button('expiry-run', 'expiry.run')),
      message('expiry-run')));
  $('expiry-rule').addEventListener('change', render);
  $('expiry-form').addEventListener('submit', async event => { event.preventDefault(); await save(); render(); });
  $('expiry-run').addEventListener('click', async () => { await run(); render(); });
}

export async function show() {
  const base = `/api/communities/${cid()}`;
  state.expiryPolicy = await load('expiry', `${base}/expiry-policy`);
  state.expiring = await load('expiry-run', `${base}/expiring?withinDays=30`);
  if (state.expiryPolicy) {
    $('expiry-rule').value = state.expiryPolicy.rule;
    if (state.expiryPolicy.afterYears !== null && state.expiryPolicy.afterYears !== undefined) $('expiry-years').value = state.expiryPolicy.afterYears;
  }

  render();
}

async function save() {
  const rule = $('expiry-rule').value;
  const years = Number($('expiry-years').value);
  if (rule === 'end-of-year' && !(Number.isInteger(years) && years >= 0 && years <= 10)) { say('expiry', 'expiry.badYears'); return; }
  if (!await ask('expiry.confirm', { sentence: sentence({ rule, afterYears: years }) })) return;
  state.busy = true;
  render();
  try {
    const body = JSON.stringify(rule === 'none' ? { rule } : { rule, afterYears: years });
    state.expiryPolicy = await api.put(`/api/communities/${cid()}/expiry-policy`, body);
    say('expiry', 'expiry.saved', { version: state.expiryPolicy.version }, 'ok');
  } catch (error) {
    sayError('expiry', error);
  } finally {
    state.busy = false;
  }
}

async function run() {
  if (!await ask('expiry.runConfirm')) return;
  const answer = await postOnce('expiry-run', `/api/communities/${cid()}/expiry-runs`, {});
  if (!answer) return;
  say('expiry-run', 'expiry.ran', { households: answer.households, points: answer.points }, 'ok');
  await show();
}

/** The policy in words a resident reads on the notice board. */
function sentence(policy) {
  if (!policy || policy.rule !== 'end-of-year') return t('expiry.sentenceNone');
  const year = new Date().getFullYear();
  return t('expiry.sentence', { years: policy.afterYears, year, until: year + policy.afterYears });
}

addView(() => {
  $('expiry-sentence').textContent = sentence(state.expiryPolicy);
  $('expiry-years').disabled = $('expiry-rule').value !== 'end-of-year';
  $('expiry-save').disabled = state.busy;
  $('expiry-run').disabled = state.busy;
  const soon = state.expiring?.households ?? [];
  fill($('expiry-soon'), soon.length === 0
    ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('expiry.noneSoon')))]
    : soon.map(h => el('tr', {}, cell(h.on), cell(h.headName), cell(h.passbook), cell(h.points, true), cell(h.balance, true))));
});
