// The clerk counter: sign in with a clerk key, find a household by passbook, fill a basket, redeem, print the
// receipt, cancel a mistaken redemption. All state lives in `state`; render() draws it in the current language.
import { createApi, describeError, isRetryable, newIdempotencyKey } from './api.js';
import { basketLines, basketTotal, changeQuantity, formatPoints, itemsOf, renderBasket, renderCatalog } from './basket.js';
import { $, keepingFocus, showMessage } from './dom.js';
import { has, initialLanguage, rememberLanguage, translate } from './i18n.js';
import { buildReceipt, renderReceipt } from './receipt.js';
import { clearPending, loadPending, savePending, session } from './session.js';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const state = {
  lang: initialLanguage(),
  me: null, communityName: null, household: null, catalog: [], basket: [], member: null,
  pending: null, busy: false, receipt: null, cancelAttempt: null,
  messages: {},
};
const api = createApi(() => session.key);
const t = (key, params) => translate(state.lang, key, params);
const enc = encodeURIComponent;

function say(area, key, params, tone) { state.messages[area] = key ? { key, params, tone } : null; }
function sayError(area, error) {
  const nameOfSku = sku => state.catalog.find(i => i.sku === sku)?.name;
  state.messages[area] = describeError(error, key => has(state.lang, key), nameOfSku);
}

// ---- sign-in ----------------------------------------------------------------------------------------------------

async function signIn(key) {
  session.key = key;
  try {
    const me = await api.get('/api/me');
    if (me?.role !== 'clerk') {
      session.key = null;
      say('signin', 'signin.notClerk', { role: t(`role.${me?.role}`) });
      return false;
    }
    state.me = me;
    say('signin', null);
    return true;
  } catch (error) {
    // Only a refusal forgets the key: after a network failure the clerk may simply try again.
    if (error.status === 401) { session.key = null; say('signin', 'signin.wrongKey'); }
    else sayError('signin', error);
    return false;
  }
}

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
  });
  state.messages = {};
  render();
  $('api-key').value = '';
  $('api-key').focus();
}

async function loadCommunityName() {
  try {
    state.communityName = (await api.get(`/api/communities/${enc(state.me.communityId)}`))?.name ?? null;
    render();
  } catch { /* the id alone still tells the clerk where they are */ }
}

// ---- household and catalogue ------------------------------------------------------------------------------------

async function lookUp(passbook) {
  if (!passbook) return say('lookup', 'lookup.missing');
  if (!idPattern.test(passbook)) return say('lookup', 'lookup.badFormat');
  say('lookup', 'lookup.loading');
  render();
  try {
    const household = await api.get(`/api/households/${enc(passbook)}`);
    const changed = state.household?.passbook !== household.passbook;
    state.household = household;
    if (changed) { state.basket = []; state.member = household.members?.[0] ?? household.headName; }
    state.receipt = null;
    say('lookup', null);
    say('basket', null);
  } catch (error) {
    if (error.slug === 'household-not-found') {
      state.household = null;
      state.basket = [];
      say('lookup', 'lookup.notFound', { passbook });
    } else {
      sayError('lookup', error);
    }
  }
}

async function refreshHousehold() {
  if (!state.household) return;
  try { state.household = await api.get(`/api/households/${enc(state.household.passbook)}`); } catch { /* keep the last one */ }
}

async function loadCatalog() {
  try {
    state.catalog = itemsOf(await api.get(`/api/communities/${enc(state.me.communityId)}/catalog`));
    say('catalog', state.catalog.length === 0 ? 'catalog.empty' : null);
  } catch (error) {
    sayError('catalog', error);
  }
}

// ---- redeem -----------------------------------------------------------------------------------------------------

function canRedeem() {
  const total = basketTotal(state);
  return !state.busy && !state.pending && state.household && total > 0 && total <= state.household.balance;
}

async function redeem() {
  if (!canRedeem()) return;
  const lines = basketLines(state);
  const body = JSON.stringify({
    passbook: state.household.passbook,
    member: state.member,
    lines: lines.map(l => ({ sku: l.sku, quantity: l.quantity })),
  });
  // One key per basket submission, kept (in this window's storage too) until a definite answer comes back.
  state.pending = {
    key: newIdempotencyKey(),
    path: `/api/communities/${enc(state.me.communityId)}/redemptions`,
    body,
    snapshot: {
      household: state.household, member: state.member, passbook: state.household.passbook,
      headName: state.household.headName, communityId: state.me.communityId, communityName: state.communityName,
      clerk: state.me.label,
      lines: lines.map(l => ({ sku: l.sku, name: l.item.name, quantity: l.quantity, points: l.points })),
    },
  };
  savePending(state.pending, state.me.id);
  await submitPending();
}

async function submitPending() {
  const pending = state.pending;
  state.busy = true;
  say('basket', 'basket.sending');
  render();
  try {
    const answer = await api.postIdempotent(pending.path, pending.body, pending.key, attempt => {
      say('basket', 'basket.retrying', { attempt });
      render();
    });
    state.receipt = buildReceipt(answer, pending.snapshot);
    state.pending = null;
    clearPending();
    state.basket = [];
    say('basket', null);
    if (state.household && typeof answer?.balance === 'number') state.household = { ...state.household, balance: answer.balance };
    await loadCatalog();
  } catch (error) {
    if (isRetryable(error)) {
      say('basket', 'pending.message');
    } else {
      // A definite refusal: nothing was recorded under this key, so the basket may be changed and sent anew.
      state.pending = null;
      clearPending();
      sayError('basket', error);
      await Promise.all([refreshHousehold(), loadCatalog()]);
    }
  } finally {
    state.busy = false;
  }
  render();
  if (state.receipt) $('receipt-heading').focus();
}

async function discardPending() {
  if (!confirm(t('pending.confirmDiscard'))) return;
  state.pending = null;
  clearPending();
  say('basket', null);
  await refreshHousehold();
  render();
}

// ---- cancel -----------------------------------------------------------------------------------------------------

async function cancelRedemption(redemptionId, reason) {
  if (!redemptionId) return say('cancel', 'cancel.missingId');
  if (!reason) return say('cancel', 'cancel.missingReason');
  const body = JSON.stringify({ reason });
  // Re-sending the same cancellation after a lost answer reuses its key, so it is never applied twice.
  const attempt = state.cancelAttempt?.redemptionId === redemptionId && state.cancelAttempt.body === body
    ? state.cancelAttempt
    : { redemptionId, body, key: newIdempotencyKey() };
  state.cancelAttempt = attempt;
  state.busy = true;
  render();
  try {
    const answer = await api.postIdempotent(`/api/redemptions/${enc(redemptionId)}/cancel`, body, attempt.key);
    state.cancelAttempt = null;
    say('cancel', 'cancel.done', { id: redemptionId, points: answer?.points ?? '' }, 'ok');
    if (state.receipt?.redemptionId === redemptionId) state.receipt.cancelled = { reason };
    if (state.household?.passbook === answer?.passbook && typeof answer?.balance === 'number') {
      state.household = { ...state.household, balance: answer.balance };
    }
    $('cancel-id').value = '';
    $('cancel-reason').value = '';
    await Promise.all([refreshHousehold(), loadCatalog()]);
  } catch (error) {
    if (isRetryable(error)) say('cancel', 'network.unconfirmed');
    else { state.cancelAttempt = null; sayError('cancel', error); }
  } finally {
    state.busy = false;
  }
}

// ---- rendering --------------------------------------------------------------------------------------------------

function render() {
  keepingFocus(draw);
}

function draw() {
  const root = document.documentElement;
  root.lang = state.lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
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
  $('lookup-form').querySelectorAll('input, button').forEach(n => { n.disabled = Boolean(state.pending) || state.busy; });
  $('pending').hidden = !state.pending || state.busy;
  $('basket-section').hidden = Boolean(state.receipt);
  $('receipt').hidden = !state.receipt;
  if (state.receipt) renderReceipt(state.receipt, state.lang, t);
  $('cancel-form').querySelectorAll('input, button').forEach(n => { n.disabled = state.busy; });
  for (const area of ['lookup', 'catalog', 'basket', 'cancel']) showMessage($(`${area}-message`), state.messages[area], t);
}

function drawHousehold() {
  const h = state.household;
  $('household').hidden = !h;
  if (!h) return;
  $('household-head').textContent = h.headName;
  $('household-passbook').textContent = h.passbook;
  $('household-members').textContent = (h.members ?? []).join('、');
  $('household-balance').textContent = formatPoints(h.balance, state.lang);
  $('household-balance').classList.toggle('negative', h.balance < 0);
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

// ---- wiring -----------------------------------------------------------------------------------------------------

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
on('redeem', 'click', redeem);
on('pending-retry', 'click', submitPending);
on('pending-discard', 'click', discardPending);
on('receipt-print', 'click', () => window.print());
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
