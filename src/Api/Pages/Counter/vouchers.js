// Service vouchers at the counter: a resident back for a service shows the voucher number printed on the receipt, or
// the clerk picks it from the household's open vouchers, or from the whole community's (a provider come to deliver a
// service to several households); marking it used (POST /api/vouchers/{vid}/fulfil) happens once.
import { $, el } from '/shared/dom.js';
import { formatTime } from './receipt.js';
import { api, enc, postOnce, say, sayError, state } from './state.js';

/** The looked-up household's open vouchers, oldest first. */
export async function loadVouchers() {
  const passbook = state.household?.passbook;
  if (!passbook) { state.vouchers = []; return; }
  try {
    const answer = await api.get(`/api/communities/${enc(state.me.communityId)}/vouchers?status=open&passbook=${enc(passbook)}`);
    // As with the history, a slow answer must not fill in the vouchers of the household before.
    if (state.household?.passbook === passbook) state.vouchers = answer?.vouchers ?? [];
  } catch (error) {
    sayError('vouchers', error);
  }
}

/** Every open voucher of the community, oldest first: loaded while its list is open, so a quiet counter asks nothing. */
export async function loadCommunityVouchers() {
  if (!$('community-vouchers').open) { state.communityVouchers = null; return; }
  try {
    const answer = await api.get(`/api/communities/${enc(state.me.communityId)}/vouchers?status=open`);
    state.communityVouchers = answer?.vouchers ?? [];
  } catch (error) {
    sayError('vouchers', error);
  }
}

export async function fulfilVoucher(voucherId) {
  if (!voucherId) return say('vouchers', 'vouchers.missingId');
  const sent = await postOnce('vouchers', `/api/vouchers/${enc(voucherId)}/fulfil`, undefined);
  if (!sent) return;
  state.shift = null;
  say('vouchers', 'vouchers.done', { id: sent.answer?.voucherId ?? voucherId, name: sent.answer?.name ?? '' }, 'ok');
  $('fulfil-id').value = '';
  await Promise.all([loadVouchers(), loadCommunityVouchers()]);
}

/** Draws vouchers with a button that picks one; the community's list also names the household each belongs to. */
export function renderVouchers(list, vouchers, lang, t, editable, onPick, withHolder = false) {
  list.replaceChildren(...vouchers.map(v => {
    const use = el('button', {
      type: 'button', class: 'secondary', 'data-focus-id': `voucher-${v.voucherId}`,
      'aria-label': t('vouchers.pickLabel', { id: v.voucherId }), disabled: !editable,
    }, t('vouchers.pick'));
    use.addEventListener('click', () => onPick(v.voucherId));
    return el('li', { class: withHolder ? 'voucher-item with-holder' : 'voucher-item', 'data-vid': v.voucherId },
      el('span', { class: 'voucher-name' }, v.name),
      ...(withHolder ? [el('span', { class: 'voucher-holder' }, `${v.passbook} ${v.member}`)] : []),
      el('span', { class: 'voucher-id' }, v.voucherId),
      el('span', { class: 'history-time' }, t('vouchers.issued', { time: formatTime(v.issuedAt, lang) })),
      use);
  }));
}
