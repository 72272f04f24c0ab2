// The open vouchers of the services this partner provides (GET /api/communities/{cid}/vouchers?status=open answers a
// partner's key with its own only), each with a button that marks it served (POST /api/vouchers/{vid}/fulfil). That
// POST keeps its Idempotency-Key until a definite answer, so a lost answer retried never serves a voucher twice.
import { isRetryable, newIdempotencyKey } from '/shared/api.js';
import { formatTime } from '/shared/desk-session.js';
import { $, el, keepingFocus, showMessage } from '/shared/dom.js';

const enc = encodeURIComponent;

export function createVouchers(desk) {
  let me = null;
  let vouchers = [];
  let message = null;
  let busy = null;
  const attempts = new Map(); // voucherId -> the Idempotency-Key of a POST without a definite answer yet

  async function load() {
    try {
      const answer = await desk.api.get(`/api/communities/${enc(me.communityId)}/vouchers?status=open`);
      vouchers = answer?.vouchers ?? [];
    } catch (error) {
      message = desk.describe(error);
    }
    render();
  }

  async function serve(voucher) {
    const key = attempts.get(voucher.voucherId) ?? newIdempotencyKey('partner');
    attempts.set(voucher.voucherId, key);
    busy = voucher.voucherId;
    message = null;
    render();
    try {
      await desk.api.postIdempotent(`/api/vouchers/${enc(voucher.voucherId)}/fulfil`, undefined, key);
      attempts.delete(voucher.voucherId);
      message = { key: 'vouchers.served', params: { name: voucher.name, member: voucher.member }, tone: 'ok' };
    } catch (error) {
      if (!isRetryable(error)) attempts.delete(voucher.voucherId);
      message = isRetryable(error) ? { key: 'network.unconfirmed' } : desk.describe(error);
    } finally {
      busy = null;
    }
    await load();
  }

  function item(v) {
    const button = el('button', {
      type: 'button', class: 'primary', 'data-focus-id': `serve-${v.voucherId}`, disabled: busy !== null,
      'aria-label': desk.t('vouchers.serveLabel', { name: v.name, member: v.member }),
    }, desk.t(busy === v.voucherId ? 'vouchers.serving' : 'vouchers.serve'));
    button.addEventListener('click', () => serve(v));
    return el('li', { 'data-vid': v.voucherId },
      el('span', { class: 'service' }, v.name),
      el('span', { class: 'who-for' }, desk.t('vouchers.for', { member: v.member, passbook: v.passbook }),
        el('br'), el('span', { class: 'muted' }, desk.t('vouchers.issued', { time: formatTime(v.issuedAt, desk.lang) }))),
      el('span', { class: 'id' }, v.voucherId),
      button);
  }

  function render() {
    keepingFocus(() => {
      $('voucher-list').replaceChildren(...vouchers.map(item));
      $('vouchers-empty').hidden = vouchers.length > 0 || !me;
    });
    showMessage($('vouchers-message'), message, desk.t);
  }

  $('vouchers-refresh').addEventListener('click', () => { message = null; load(); });

  return {
    start(caller) { me = caller; return load(); },
    render,
  };
}
