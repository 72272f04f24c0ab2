// The clerk's day (日结), from GET /api/communities/{cid}/shift-close: what this counter took in, refunded and gave
// out, as the ledger adds it up, so the clerk can count the goods and the day's receipts against it and print it.
import { formatPoints } from './basket.js';
import { $, el } from '/shared/dom.js';
import { api, enc, render, say, sayError, state } from './state.js';

/** Loads the signed-in clerk's day: date is yyyy-mm-dd, or empty for today in the community's time zone. */
export async function loadShiftClose(date) {
  say('shift', 'shift.loading');
  render();
  try {
    const query = date ? `?date=${enc(date)}` : '';
    state.shift = await api.get(`/api/communities/${enc(state.me.communityId)}/shift-close${query}`);
    say('shift', null);
  } catch (error) {
    state.shift = null;
    sayError('shift', error);
  }
}

export function renderShift(report, lang, t) {
  $('shift-report').hidden = !report;
  if (!report) return;
  const points = value => t('basket.points', { points: formatPoints(value, lang) });
  const community = report.communityName ? `${report.communityName}（${report.communityId}）` : report.communityId;
  $('shift-title').textContent = t('shift.title', { community, clerk: report.clerkName ?? report.clerk, date: report.date });
  $('shift-redemptions').textContent = t('shift.count', { count: report.redemptions.count });
  $('shift-redeemed').textContent = points(report.points.redeemed);
  $('shift-cancellations').textContent = t('shift.count', { count: report.cancellations.count });
  $('shift-refunded').textContent = points(report.points.refunded);
  $('shift-net').textContent = points(report.points.net);
  $('shift-vouchers').textContent = `${report.vouchers.issued} / ${report.vouchers.fulfilled}`;
  $('shift-items').replaceChildren(...report.items.map(item => el('tr', { 'data-sku': item.sku },
    el('td', {}, item.name),
    el('td', { class: 'num' }, String(item.out)),
    el('td', { class: 'num' }, String(item.returned)),
    el('td', { class: 'num' }, String(item.net)))));
  $('shift-no-items').hidden = report.items.length > 0;
  const clock = clockIn(report.timeZone, lang);
  $('shift-redemptions-part').hidden = report.redemptions.list.length === 0;
  $('shift-redemption-list').replaceChildren(...report.redemptions.list.map(r => el('tr', {
    'data-rid': r.redemptionId, class: r.status === 'cancelled' ? 'cancelled' : null,
  },
  el('td', {}, clock(r.at)),
  el('td', {}, r.passbook),
  el('td', {}, r.status === 'cancelled' ? `${r.description}（${t('history.cancelled')}）` : r.description),
  el('td', { class: 'num' }, formatPoints(r.points, lang)))));
  $('shift-cancellations-part').hidden = report.cancellations.list.length === 0;
  $('shift-cancellation-list').replaceChildren(...report.cancellations.list.map(c => el('tr', { 'data-rid': c.redemptionId },
    el('td', {}, clock(c.at)),
    el('td', {}, c.passbook),
    el('td', {}, c.reason),
    el('td', { class: 'num' }, formatPoints(c.points, lang)))));
}

// Times of day in the community's own zone, where the day was closed; the browser's zone if it does not know it.
function clockIn(timeZone, lang) {
  let format;
  try { format = new Intl.DateTimeFormat(lang, { timeStyle: 'medium', timeZone }); }
  catch { format = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' }); }
  return iso => format.format(new Date(iso));
}
