// The clerk counter: sign in with a clerk key, find a household by passbook, fill a basket, redeem, print the
// receipt, cancel a mistaken redemption, mark a service voucher used, record goods received, close the day. This
// module wires the page's controls to the actions and starts it.
import { cancelRedemption, discardPending, redeem, submitPending } from './checkout.js';
import { $ } from '/shared/dom.js';
import { rememberLanguage } from './i18n.js';
import { loadCatalog, loadCommunityName, lookUp, signIn } from './ledger.js';
import { loadPending, session } from './session.js';
import { openStatement } from '/shared/statement-window.js';
import { loadShiftClose } from './shift.js';
import { receiveStock } from './stock.js';
import { fulfilVoucher, loadCommunityVouchers } from './vouchers.js';
import { render, say, sayError, setView, state } from './state.js';
import { draw } from './view.js';

setView(draw);

async function afterSignIn() {
  render();
  $('passbook').focus();
  loadCommunityName();
  await loadCatalog();
  state.pending = loadPending(state.me.id);
  if (state.pending) {
    state.household = state.pending.snapshot.household;
    state.member = state.pending.snapshot.member;
    state.basket = state.pending.snapshot.lines.map(l => ({ sku: l.sku, quantity: l.quantity }));
    say('basket', 'pending.message');
  }
  render();
}

function signOut() {
  session.key = null;
  // An unconfirmed redemption stays in this window's storage and is offered again when the same key signs in.
  Object.assign(state, {
    me: null, communityName: null, household: null, catalog: [], basket: [], member: null, receipt: null, pending: null,
    vouchers: [], communityVouchers: null, attempts: {}, shift: null,
  });
  state.messages = {};
  // The next clerk opens the community's vouchers when wanted; closing it drops the list (see loadCommunityVouchers).
  $('community-vouchers').open = false;
  render();
  $('api-key').value = '';
  $('api-key').focus();
}

function on(id, event, handler) { $(id).addEventListener(event, handler); }

on('signin-form', 'submit', async event => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) { say('signin', 'signin.missing'); render(); return; }
  if (await signIn(key)) await afterSignIn();
  else { render(); $('api-key').select(); }
});
on('sign-out', 'click', signOut);
on('lang-switch', 'click', () => {
  state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  rememberLanguage(state.lang);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) { url.searchParams.set('lang', state.lang); history.replaceState(null, '', url); }
  render();
});
on('lookup-form', 'submit', async event => {
  event.preventDefault();
  await lookUp($('passbook').value.trim());
  render();
  $('passbook').focus();
  $('passbook').select();
});
on('member', 'change', () => { state.member = $('member').value; });
// The resident's statement, printed in Chinese whatever the browser's language; the key never goes into an address.
on('household-statement', 'click', async () => {
  try {
    await openStatement(session.key, state.household.passbook, { print: true });
  } catch (error) {
    sayError('lookup', error);
    render();
  }
});
on('redeem', 'click', redeem);
on('pending-retry', 'click', submitPending);
on('pending-discard', 'click', discardPending);
// The last print button pressed says what a print shows (the receipt unless the day was asked for), so a print
// from the browser's menu prints the same.
function print(what) {
  document.body.dataset.print = what;
  window.print();
}

on('receipt-print', 'click', () => print('receipt'));
on('receipt-cancel', 'click', () => {
  $('cancel-id').value = state.receipt.redemptionId;
  $('cancel-reason').focus();
});
on('receipt-next', 'click', () => {
  Object.assign(state, { household: null, basket: [], member: null, receipt: null });
  state.messages = {};
  $('passbook').value = '';
  render();
  $('passbook').focus();
});
on('stock-form', 'submit', async event => {
  event.preventDefault();
  await receiveStock($('stock-sku').value, $('stock-quantity').value, $('stock-note').value.trim());
  render();
});
on('community-vouchers', 'toggle', async () => {
  await loadCommunityVouchers();
  render();
});
on('fulfil-form', 'submit', async event => {
  event.preventDefault();
  await fulfilVoucher($('fulfil-id').value.trim());
  render();
});
on('shift-form', 'submit', async event => {
  event.preventDefault();
  await loadShiftClose($('shift-date').value);
  render();
});
on('shift-print', 'click', () => print('shift'));
on('cancel-form', 'submit', async event => {
  event.preventDefault();
  await cancelRedemption($('cancel-id').value.trim(), $('cancel-reason').value.trim());
  render();
});

(async function start() {
  render();
  if (session.key && await signIn(session.key)) await afterSignIn();
  else { render(); $('api-key').focus(); }
  // Tells automated checks (and anyone curious) that the page has settled after loading.
  document.documentElement.dataset.ready = 'true';
})();
