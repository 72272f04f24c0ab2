// Reading the ledger: who the key belongs to, the household behind a passbook, the catalogue.
import { itemsOf } from './basket.js';
import { historyLimit } from './history.js';
import { api, enc, render, say, sayError, state, t } from './state.js';
import { session } from './session.js';
import { loadCommunityVouchers, loadVouchers } from './vouchers.js';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export async function signIn(key) {
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

export async function loadCommunityName() {
  try {
    state.communityName = (await api.get(`/api/communities/${enc(state.me.communityId)}`))?.name ?? null;
    render();
  } catch { /* the id alone still tells the clerk where they are */ }
}

export async function lookUp(passbook) {
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
    await loadHouseholdActivity();
  } catch (error) {
    if (error.slug === 'household-not-found') {
      state.household = null;
      state.history = [];
      state.vouchers = [];
      state.basket = [];
      say('lookup', 'lookup.notFound', { passbook });
    } else {
      sayError('lookup', error);
    }
  }
}

export async function refreshHousehold() {
  if (!state.household) return loadCommunityVouchers();
  try { state.household = await api.get(`/api/households/${enc(state.household.passbook)}`); } catch { /* keep the last one */ }
  await loadHouseholdActivity();
}

/**
 * What the counter shows of the household beside its balance: its latest redemptions and its open vouchers; and the
 * community's open vouchers when their list is open, since a sale or a cancellation here changes them too.
 */
export async function loadHouseholdActivity() {
  await Promise.all([loadHistory(), loadVouchers(), loadCommunityVouchers()]);
}

/** The household's latest redemptions, newest first, each with the number a cancellation needs. */
export async function loadHistory() {
  const passbook = state.household?.passbook;
  if (!passbook) { state.history = []; return; }
  try {
    const answer = await api.get(`/api/households/${enc(passbook)}/redemptions?limit=${historyLimit}`);
    // A slow answer for the household before must not replace the list of the one now at the counter.
    if (state.household?.passbook === passbook) state.history = answer?.redemptions ?? [];
    say('history', null);
  } catch (error) {
    sayError('history', error);
  }
}

export async function loadCatalog() {
  try {
    state.catalog = itemsOf(await api.get(`/api/communities/${enc(state.me.communityId)}/catalog`));
    say('catalog', state.catalog.length === 0 ? 'catalog.empty' : null);
  } catch (error) {
    sayError('catalog', error);
  }
}
