// A published honour roll checked against its recomputation, and the NDJSON export downloaded with the key in a
// header (fetch, then a blob the browser saves): never a link carrying the key.
import { $, disableForm, el, showMessage } from '/shared/dom.js';

export function createChecks(desk) {
  let communities = [];
  let verification = null;
  let rollMessage = null;
  let exportMessage = null;

  async function load() {
    communities = await desk.api.get('/api/communities');
    const select = $('roll-form').communityId;
    select.replaceChildren(...communities.map(c => el('option', { value: c.id }, `${c.name}（${c.id}）`)));
  }

  function render() {
    const verdict = $('roll-verdict');
    verdict.hidden = !verification;
    if (verification) {
      verdict.className = `verdict ${verification.ok ? 'ok' : 'bad'}`;
      verdict.textContent = verification.ok
        ? desk.t('rolls.ok', { position: verification.ledgerPosition })
        : desk.t('rolls.bad', { count: verification.differences.length, position: verification.ledgerPosition });
    }
    const differences = verification?.differences ?? [];
    $('roll-table').hidden = differences.length === 0;
    $('roll-table').tBodies[0].replaceChildren(...differences.map(d => el('tr', { class: 'problem' },
      el('td', {}, d.kind), el('td', { class: 'mono' }, d.passbook ?? ''), el('td', {}, d.published ?? ''), el('td', {}, d.recomputed ?? ''))));
    showMessage($('roll-message'), rollMessage, desk.t);
    showMessage($('export-message'), exportMessage, desk.t);
  }

  $('roll-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const cid = form.communityId.value;
    const period = form.period.value.trim() || 'all';
    if (!cid) return;
    disableForm(form, true);
    try {
      verification = await desk.api.get(`/api/communities/${encodeURIComponent(cid)}/honor-rolls/${encodeURIComponent(period)}/verify`);
      rollMessage = null;
    } catch (error) {
      verification = null;
      rollMessage = desk.describe(error);
    } finally {
      disableForm(form, false);
    }
    render();
  });

  $('export-start').addEventListener('click', async () => {
    const button = $('export-start');
    button.disabled = true;
    exportMessage = { key: 'export.running', tone: 'ok' };
    render();
    try {
      const response = await fetch('/api/audit/export', { cache: 'no-store', credentials: 'omit', headers: { 'X-Api-Key': desk.key } });
      if (!response.ok) throw Object.assign(new Error('export'), { status: response.status });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: `ledger-${new Date().toISOString().slice(0, 10)}.ndjson`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      exportMessage = { key: 'export.done', params: { size: blob.size }, tone: 'ok' };
    } catch (error) {
      exportMessage = error.status === 401 ? { key: 'problem.unauthorized' } : error.status === 403 ? { key: 'problem.forbidden' } : { key: 'network.down' };
    } finally {
      button.disabled = false;
    }
    render();
  });

  return { load, render };
}
