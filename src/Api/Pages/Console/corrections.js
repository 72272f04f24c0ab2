// Corrections (更正): from a line of the open household's statement, with a required reason. Nothing is edited: the
// ledger records a new entry that reverses the line, and the screen shows the balance after it, negative included.
import { el } from '/shared/dom.js';
import { $, addView, enc, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, input, message, table } from './ui.js';
import { openHousehold } from './households.js';

const correctable = new Set(['award', 'deduction', 'activity-award']);
state.correction = null; // { line, result }

export function mountCorrections(panel) {
  panel.append(
    el('h4', { 'data-i18n': 'statement.heading' }),
    table('statement-lines', [
      { key: 'statement.date' }, { key: 'statement.kind' }, { key: 'statement.member' }, { key: 'statement.reason' },
      { key: 'statement.points', num: true }, { key: 'statement.balance', num: true }, { key: 'statement.action' },
    ]),
    el('div', { id: 'correction', class: 'card inset' },
      el('h4', { 'data-i18n': 'correction.heading' }),
      el('p', { id: 'correction-line' }),
      form('correction-form',
        field('correction-reason', 'correction.reason', input('reason', { maxlength: 500, required: true }), 'correction.reasonHint'),
        el('div', { class: 'actions' },
          button('correction-submit', 'correction.submit', 'danger', 'submit'),
          button('correction-cancel', 'correction.cancel'))),
      el('p', { id: 'correction-result', class: 'result', role: 'status' }),
      message('correction')));

  $('statement-lines').addEventListener('click', event => {
    const id = event.target.closest('button[data-event]')?.dataset.event;
    if (!id) return;
    state.correction = { line: state.household.statement.lines.find(l => l.eventId === id), result: null };
    say('correction', null);
    render();
    $('correction-reason').focus();
  });
  $('correction-cancel').addEventListener('click', () => { state.correction = null; render(); });
  $('correction-form').addEventListener('submit', async event => {
    event.preventDefault();
    await correct($('correction-reason').value.trim());
    render();
  });
}

async function correct(reason) {
  if (!reason) { say('correction', 'correction.reasonMissing'); return; }
  const { line } = state.correction;
  const passbook = state.household.account.passbook;
  const answer = await postOnce('correction', `/api/households/${enc(passbook)}/corrections`, { eventId: line.eventId, reason });
  if (!answer) return;
  $('correction-reason').value = '';
  state.correction.result = answer;
  await openHousehold(passbook);
}

const kindLabel = kind => t(`kind.${kind}`);

addView(() => {
  const statement = state.household?.statement;
  if (!statement) return;
  const corrected = new Set(statement.lines.filter(l => l.correctedEventId).map(l => l.correctedEventId));
  fill($('statement-lines'), [...statement.lines].reverse().map(l => el('tr', { 'data-event': l.eventId },
    cell(l.date), cell(kindLabel(l.kind)), cell(l.member), cell([l.description, l.note].filter(Boolean).join(' · ')),
    cell(l.points, true), cell(l.runningBalance, true),
    el('td', {}, correctable.has(l.kind)
      ? corrected.has(l.eventId)
        ? el('span', { class: 'muted' }, t('correction.done'))
        : el('button', { type: 'button', class: 'secondary small', 'data-event': l.eventId }, t('correction.pick'))
      : ''))));
  const c = state.correction;
  $('correction').hidden = !c;
  if (!c) return;
  $('correction-line').textContent = t('correction.line', {
    date: c.line.date, kind: kindLabel(c.line.kind), member: c.line.member, what: c.line.description, points: c.line.points,
  });
  $('correction-form').hidden = Boolean(c.result);
  const result = $('correction-result');
  result.hidden = !c.result;
  if (c.result) {
    result.textContent = t(c.result.balance < 0 ? 'correction.negative' : 'correction.recorded',
      { points: c.result.points, balance: c.result.balance });
    result.classList.toggle('negative', c.result.balance < 0);
  }
});
