// Verify as a job: POST /api/audit/verify-jobs starts it, GET .../{jobId} is polled for progress and the report, so a
// long replay never holds a request open.
import { ApiProblem, NetworkError } from '/shared/api.js';
import { $, el, showMessage } from '/shared/dom.js';

const pollMs = 400;

export function createVerify(desk) {
  let job = null;
  let message = null;

  function render() {
    const running = job?.state === 'running';
    $('verify-start').disabled = running;
    $('verify-progress').hidden = !job;
    const head = job?.headPosition || 0;
    $('verify-bar').max = Math.max(head, 1);
    $('verify-bar').value = job?.state === 'done' ? Math.max(head, 1) : Math.min(job?.position ?? 0, head);
    $('verify-status').textContent = job
      ? desk.t('verify.running', { events: job.events, position: job.position, head: job.headPosition })
      : '';
    const report = job?.report;
    const verdict = $('verify-verdict');
    verdict.hidden = !report && job?.state !== 'failed';
    verdict.className = `verdict ${report?.ok ? 'ok' : 'bad'}`;
    verdict.textContent = !job ? ''
      : job.state === 'failed' ? desk.t('verify.failed', { error: job.error ?? '' })
      : report?.ok ? desk.t('verify.ok', { events: report.events, streams: report.streams })
      : report ? desk.t('verify.bad', { count: report.problems.length, events: report.events }) : '';
    const problems = report?.problems ?? [];
    $('problem-table').hidden = problems.length === 0;
    $('problem-table').tBodies[0].replaceChildren(...problems.map(p => el('tr', { class: 'problem', 'data-kind': p.kind },
      el('td', {}, kindName(p.kind)), el('td', { class: 'mono' }, p.stream),
      el('td', { class: 'num' }, p.position === null ? '—' : String(p.position)), el('td', {}, p.detail))));
    showMessage($('verify-message'), message, desk.t);
  }

  function kindName(kind) {
    const key = `kind.${kind}`;
    const name = desk.t(key);
    return name === key ? kind : name;
  }

  async function poll(jobId) {
    while (job?.jobId === jobId && job.state === 'running') {
      await new Promise(resolve => setTimeout(resolve, pollMs));
      try {
        job = await desk.api.get(`/api/audit/verify-jobs/${encodeURIComponent(jobId)}`);
        message = null;
      } catch (error) {
        message = desk.describe(error);
        if (error.status) break; // a definite refusal (404 from another server, a revoked key): stop polling
      }
      render();
    }
  }

  $('verify-start').addEventListener('click', async () => {
    message = null;
    try {
      job = await start();
      render();
      await poll(job.jobId);
    } catch (error) {
      message = desk.describe(error);
      render();
    }
  });

  // Starting twice is harmless (the server answers the running job), so a plain POST without an Idempotency-Key.
  async function start() {
    let response;
    try {
      response = await fetch('/api/audit/verify-jobs', {
        method: 'POST', cache: 'no-store', credentials: 'omit', headers: { Accept: 'application/json', 'X-Api-Key': desk.key },
      });
    } catch (error) {
      throw new NetworkError(error?.message ?? 'network');
    }
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new ApiProblem(response.status, json);
    return json;
  }

  return { render };
}
