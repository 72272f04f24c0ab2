// The receipt of one redemption: what the server confirmed, completed with the names the counter showed.
import { $, el } from '/shared/dom.js';
import { formatPoints } from './basket.js';

/**
 * The receipt from the server's answer and the basket as it was sent. The answer is the authority (id, points,
 * balance, vouchers); the snapshot only supplies names and prices when the answer lacks them.
 */
export function buildReceipt(answer, snapshot) {
  const names = new Map(snapshot.lines.map(l => [l.sku, l.name]));
  const lines = Array.isArray(answer?.lines) && answer.lines.length > 0
    ? answer.lines.map(l => ({
      sku: l.sku,
      name: l.name ?? names.get(l.sku) ?? l.sku,
      quantity: l.quantity,
      points: l.points ?? l.totalPoints ?? (l.unitPoints ?? 0) * l.quantity,
    }))
    : snapshot.lines;
  return {
    redemptionId: answer?.redemptionId ?? answer?.id ?? '',
    at: answer?.at ?? new Date().toISOString(),
    clerk: answer?.clerkName ?? snapshot.clerk,
    communityId: snapshot.communityId,
    communityName: snapshot.communityName,
    passbook: snapshot.passbook,
    headName: snapshot.headName,
    member: answer?.member ?? snapshot.member,
    lines,
    points: answer?.points ?? lines.reduce((sum, l) => sum + l.points, 0),
    balance: answer?.balance,
    vouchers: vouchersOf(answer, names),
    cancelled: null,
  };
}

export function renderReceipt(receipt, lang, t) {
  const community = receipt.communityName ? `${receipt.communityName}（${receipt.communityId}）` : receipt.communityId;
  $('receipt-community').textContent = community;
  $('receipt-id').textContent = receipt.redemptionId;
  $('receipt-time').textContent = formatTime(receipt.at, lang);
  $('receipt-household').textContent = `${receipt.headName} · ${receipt.passbook}`;
  $('receipt-member').textContent = receipt.member ?? receipt.headName;
  $('receipt-clerk').textContent = receipt.clerk ?? '';
  $('receipt-lines').replaceChildren(...receipt.lines.map(line => el('tr', {},
    el('td', {}, line.name),
    el('td', { class: 'num' }, String(line.quantity)),
    el('td', { class: 'num' }, formatPoints(line.points, lang)))));
  $('receipt-total').textContent = t('basket.points', { points: formatPoints(receipt.points, lang) });
  $('receipt-balance').textContent = t('basket.points', { points: formatPoints(receipt.balance, lang) });
  $('receipt-vouchers').hidden = receipt.vouchers.length === 0;
  $('receipt-voucher-list').replaceChildren(...receipt.vouchers.map(v =>
    el('li', {}, t('receipt.voucher', { name: v.name, id: v.id }))));
  $('receipt-cancelled').hidden = !receipt.cancelled;
  $('receipt-cancelled').textContent = receipt.cancelled ? t('receipt.cancelled', receipt.cancelled) : '';
  $('receipt-cancel').disabled = Boolean(receipt.cancelled);
}

// One voucher per unit of a service, listed with the service's name: from the answer's voucher list, or else
// from the voucher ids on its service lines.
function vouchersOf(answer, names) {
  const nameOf = sku => names.get(sku) ?? sku;
  if (Array.isArray(answer?.vouchers) && answer.vouchers.length > 0) {
    return answer.vouchers.map(v => ({ id: v.voucherId ?? v.id ?? String(v), name: v.name ?? nameOf(v.sku) }));
  }
  const lines = Array.isArray(answer?.lines) ? answer.lines : [];
  return lines.flatMap(line => (Array.isArray(line.vouchers) ? line.vouchers : [])
    .map(id => ({ id: String(id), name: line.name ?? nameOf(line.sku) })));
}

export function formatTime(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
