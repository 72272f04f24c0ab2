// Redeeming a basket and cancelling a redemption. Every submission carries one Idempotency-Key, kept until a
// definite answer arrives, so retries after a lost answer are answered by the server instead of charging again.
import { isRetryable, newIdempotencyKey } from '/shared/api.js';
import { basketLines, basketTotal } from './basket.js';
import { $ } from '/shared/dom.js';
import { loadCatalog, loadHouseholdActivity, refreshHousehold } from './ledger.js';
import { buildReceipt } from './receipt.js';
import { clearPending, savePending } from './session.js';
import { api, enc, postOnce, render, say, sayError, state, t } from './state.js';

export function canRedeem() {
  const total = basketTotal(state);
  return !state.busy && !state.pending && state.household && total > 0 && total <= state.household.balance;
}

export async function redeem() {
  if (!canRedeem()) return;
  const lines = basketLines(state);
  const body = JSON.stringify({
    passbook: state.household.passbook,
    member: state.member,
    lines: lines.map(l => ({ sku: l.sku, quantity: l.quantity })),
  });
  // One key per basket submission, kept (in this window's storage too) until a definite answer comes back.
  state.pending = {
    key: newIdempotencyKey('counter'),
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

export async function submitPending() {
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
    // The day on screen no longer adds up to what the counter did: it is asked for again, never printed stale.
    state.shift = null;
    state.pending = null;
    clearPending();
    state.basket = [];
    say('basket', null);
    if (state.household && typeof answer?.balance === 'number') state.household = { ...state.household, balance: answer.balance };
    await Promise.all([loadCatalog(), loadHouseholdActivity()]);
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

export async function discardPending() {
  if (!confirm(t('pending.confirmDiscard'))) return;
  state.pending = null;
  clearPending();
  say('basket', null);
  await refreshHousehold();
  render();
}

export async function cancelRedemption(redemptionId, reason) {
  if (!redemptionId) return say('cancel', 'cancel.missingId');
  if (!reason) return say('cancel', 'cancel.missingReason');
  const sent = await postOnce('cancel', `/api/redemptions/${enc(redemptionId)}/cancel`, JSON.stringify({ reason }));
  if (!sent) return;
  const answer = sent.answer;
  say('cancel', 'cancel.done', { id: redemptionId, points: answer?.points ?? '' }, 'ok');
  if (state.receipt?.redemptionId === redemptionId) state.receipt.cancelled = { reason };
  state.shift = null;
  if (state.household?.passbook === answer?.passbook && typeof answer?.balance === 'number') {
    state.household = { ...state.household, balance: answer.balance };
  }
  $('cancel-id').value = '';
  $('cancel-reason').value = '';
  await Promise.all([refreshHousehold(), loadCatalog()]);
}
