// The partner's settlement of a month (GET /api/communities/{cid}/partners/{pid}/settlement?period=yyyy-MM): the table
// here, the printable 核销结算单 in a window this page opened (the server's HTML fetched with the key in its header,
// never in an address), and the CSV saved from a blob.
import { ApiProblem, NetworkError } from '/shared/api.js';
import { $, el, showMessage } from '/shared/dom.js';

const enc = encodeURIComponent;

export function createSettlement(desk) {
  let me = null;
  let settlement = null;
  let message = null;

  const path = (month, format) =>
    `/api/communities/${enc(me.communityId)}/partners/${enc(me.partnerId)}/settlement?period=${enc(month)}`
    + (format ? `&format=${format}&lang=${desk.lang === 'en' ? 'en' : 'zh'}` : '');

  async function load(month) {
    message = null;
    try {
      settlement = await desk.api.get(path(month));
    } catch (error) {
      settlement = null;
      message = desk.describe(error);
    }
    render();
  }

  // A file answer of the API, read with the key in its header.
  async function fetchFile(format, accept) {
    let response;
    try {
      response = await fetch(path(settlement.period, format), {
        cache: 'no-store', credentials: 'omit', headers: { Accept: accept, 'X-Api-Key': desk.key },
      });
    } catch (error) {
      throw new NetworkError(error?.message ?? 'network');
    }
    if (!response.ok) throw new ApiProblem(response.status, await response.json().catch(() => null));
    return response;
  }

  async function print() {
    // Opened at once, inside the click, so no pop-up blocker stops it; filled when the page arrives.
    const win = window.open('', '_blank');
    if (!win) return say({ key: 'settlement.popup' });
    try {
      const text = await (await fetchFile('html', 'text/html')).text();
      win.document.open();
      win.document.write(text);
      win.document.close();
      // document.open() clears listeners, so the print waits for the stylesheet from here.
      if (win.document.readyState === 'complete') win.print();
      else win.addEventListener('load', () => win.print(), { once: true });
    } catch (error) {
      win.close();
      say(desk.describe(error));
    }
  }

  async function download() {
    try {
      const blob = await (await fetchFile('csv', 'text/csv')).blob();
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: `settlement-${me.partnerId}-${settlement.period}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      say(desk.describe(error));
    }
  }

  function say(descriptor) { message = descriptor; render(); }

  const yuan = fen => (fen / 100).toFixed(2);

  function render() {
    showMessage($('settlement-message'), message, desk.t);
    $('settlement-result').hidden = !settlement;
    if (!settlement) return;
    $('settlement-title').textContent = desk.t('settlement.title', { partner: settlement.partnerName, period: settlement.period });
    const rows = settlement.lines.map(l => el('tr', {},
      el('td', {}, l.name), el('td', { class: 'num' }, String(l.count)), el('td', { class: 'num' }, String(l.points)),
      el('td', { class: 'num' }, yuan(l.amountFen))));
    $('settlement-lines').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, desk.t('settlement.none')))]));
    $('settlement-count').textContent = String(settlement.count);
    $('settlement-points').textContent = String(settlement.points);
    $('settlement-amount').textContent = yuan(settlement.amountFen);
  }

  $('settlement-form').addEventListener('submit', event => {
    event.preventDefault();
    const month = $('settlement-month').value;
    if (!/^\d{4}-\d{2}$/.test(month)) return say({ key: 'settlement.pickMonth' });
    load(month);
  });
  $('settlement-print').addEventListener('click', print);
  $('settlement-csv').addEventListener('click', download);

  return {
    start(caller) {
      me = caller;
      const now = new Date();
      $('settlement-month').value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
      return load($('settlement-month').value);
    },
    render,
  };
}
