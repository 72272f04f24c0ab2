// One household's every entry traced: GET /api/audit/households/{passbook}/trace.
import { formatTime } from '/shared/desk-session.js';
import { $, disableForm, el, showMessage } from '/shared/dom.js';

export function createTrace(desk) {
  let trace = null;
  let message = null;

  function source(e) {
    if (e.ruleId) return desk.t('trace.rule', { rule: e.ruleId, version: e.ruleVersion ?? '?' });
    if (e.activityId) return desk.t('trace.activity', { activity: e.activityId });
    if (e.correctedEventId) return desk.t('trace.corrects', { event: e.correctedEventId });
    return '';
  }

  function render() {
    const entries = trace?.entries ?? [];
    $('trace-summary').textContent = trace
      ? desk.t('trace.summary', { head: trace.headName, community: trace.communityId, count: entries.length, balance: trace.balance })
      : '';
    $('trace-table').hidden = !trace;
    $('trace-table').tBodies[0].replaceChildren(...entries.map(e => el('tr', {},
      el('td', {}, formatTime(e.recordedAt, desk.lang)),
      el('td', {}, e.description),
      el('td', {}, source(e)),
      el('td', {}, e.member),
      el('td', { class: 'num' }, e.points > 0 ? `+${e.points}` : String(e.points)),
      el('td', { class: 'num' }, String(e.runningBalance)),
      el('td', {}, e.recordedByLabel ?? '', el('br'), el('span', { class: 'mono hint' }, e.recordedBy)),
      el('td', { class: 'mono' }, `#${e.position} `, el('span', { title: e.hash }, e.hash.slice(0, 16) + '…')))));
    showMessage($('trace-message'), message, desk.t);
  }

  $('trace-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const passbook = form.passbook.value.trim();
    if (!passbook) return;
    disableForm(form, true);
    try {
      trace = await desk.api.get(`/api/audit/households/${encodeURIComponent(passbook)}/trace`);
      message = null;
    } catch (error) {
      trace = null;
      message = desk.describe(error);
    } finally {
      disableForm(form, false);
    }
    render();
  });

  return { render };
}
