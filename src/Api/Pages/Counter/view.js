// Drawing the state: static labels, household, catalogue, basket, totals, receipt and messages.
import { basketTotal, changeQuantity, formatPoints, renderBasket, renderCatalog } from './basket.js';
import { canRedeem } from './checkout.js';
import { $, disableForm, showMessage } from '/shared/dom.js';
import { translateStatic } from '/shared/i18n.js';
import { renderHistory } from './history.js';
import { renderReceipt } from './receipt.js';
import { renderShift } from './shift.js';
import { renderStockItems } from './stock.js';
import { renderVouchers } from './vouchers.js';
import { render, state, t } from './state.js';

export function draw() {
  translateStatic(document, state.lang, t);
  document.title = t('app.title');
  $('lang-switch').lang = state.lang === 'en' ? 'zh-CN' : 'en';

  const signedIn = Boolean(state.me);
  $('signed-out').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').hidden = !signedIn;
  showMessage($('signin-message'), state.messages.signin, t);
  if (!signedIn) return;

  const community = state.communityName ? `${state.communityName}（${state.me.communityId}）` : state.me.communityId;
  $('who').textContent = t('signin.who', { label: state.me.label, community });
  drawHousehold();
  const editable = Boolean(state.household) && !state.pending && !state.busy;
  renderCatalog($('catalog'), state, t, editable, sku => { changeQuantity(state, sku, 1); render(); });
  renderBasket($('basket'), state, t, editable, (sku, delta) => { changeQuantity(state, sku, delta); render(); });
  drawTotals(editable);
  renderStockItems($('stock-sku'), state, t);
  disableForm($('stock-form'), state.busy);
  disableForm($('lookup-form'), Boolean(state.pending) || state.busy);
  $('pending').hidden = !state.pending || state.busy;
  $('basket-section').hidden = Boolean(state.receipt);
  $('receipt').hidden = !state.receipt;
  if (state.receipt) renderReceipt(state.receipt, state.lang, t);
  drawHistory();
  drawVouchers();
  disableForm($('cancel-form'), state.busy);
  renderShift(state.shift, state.lang, t);
  for (const area of ['lookup', 'catalog', 'stock', 'basket', 'history', 'vouchers', 'cancel', 'shift']) showMessage($(`${area}-message`), state.messages[area], t);
}

function drawHistory() {
  $('history').hidden = !state.household;
  $('history-empty').hidden = state.history.length > 0;
  // Picking a redemption fills the cancel form; the clerk still gives the reason and confirms.
  renderHistory($('history-list'), state, t, !state.busy, redemptionId => {
    $('cancel-id').value = redemptionId;
    $('cancel-reason').focus();
  });
}

function drawVouchers() {
  $('household-vouchers').hidden = !state.household;
  $('vouchers-empty').hidden = state.vouchers.length > 0;
  // As with a cancellation, picking a voucher fills the form: marking it used cannot be undone, so the clerk confirms.
  const pick = voucherId => {
    $('fulfil-id').value = voucherId;
    $('fulfil-submit').focus();
  };
  renderVouchers($('voucher-list'), state.vouchers, state.lang, t, !state.busy, pick);
  const community = state.communityVouchers ?? [];
  renderVouchers($('community-voucher-list'), community, state.lang, t, !state.busy, pick, true);
  $('community-vouchers-empty').hidden = state.communityVouchers === null || community.length > 0;
  disableForm($('fulfil-form'), state.busy);
}

function drawHousehold() {
  const h = state.household;
  $('household').hidden = !h;
  $('household-expiring').hidden = !h;
  if (!h) return;
  $('household-head').textContent = h.headName;
  $('household-passbook').textContent = h.passbook;
  $('household-members').textContent = (h.members ?? []).join('、');
  $('household-balance').textContent = formatPoints(h.balance, state.lang);
  $('household-balance').classList.toggle('negative', h.balance < 0);
  // Told before the sale: what of the balance expires, and on which day (the server lists them soonest first).
  const expiring = h.expiring ?? [];
  $('household-expiring').hidden = expiring.length === 0;
  $('household-expiring').textContent = expiring
    .map(e => t('household.expiring', { points: formatPoints(e.points, state.lang), date: formatDay(e.on, state.lang) }))
    .join(state.lang === 'en' ? '; ' : '；');
}

/** A day as the clerk reads it: 2026年12月31日, or 31 Dec 2026. */
function formatDay(isoDay, lang) {
  const [y, m, d] = isoDay.split('-').map(Number);
  return lang === 'en'
    ? new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    : `${y}年${m}月${d}日`;
}

function drawTotals(editable) {
  const h = state.household;
  const total = basketTotal(state);
  const members = h?.members?.length ? h.members : h ? [h.headName] : [];
  const select = $('member');
  if (select.options.length !== members.length || [...select.options].some((o, i) => o.value !== members[i])) {
    select.replaceChildren(...members.map(m => new Option(m, m)));
  }
  select.value = state.member ?? '';
  select.disabled = !editable;
  $('basket-empty').hidden = state.basket.length > 0;
  $('basket-total').textContent = t('basket.points', { points: formatPoints(total, state.lang) });
  $('basket-balance').textContent = h ? t('basket.points', { points: formatPoints(h.balance, state.lang) }) : '–';
  $('basket-after').textContent = h ? t('basket.points', { points: formatPoints(h.balance - total, state.lang) }) : '–';
  const short = h && total > h.balance ? total - h.balance : 0;
  $('basket-after').classList.toggle('negative', short > 0);
  showMessage($('basket-warning'), short > 0 ? { key: 'basket.short', params: { missing: formatPoints(short, state.lang) } } : null, t);
  $('redeem').disabled = !canRedeem();
}
