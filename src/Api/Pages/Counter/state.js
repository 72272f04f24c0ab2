// The counter's state and the helpers every part shares: the API client, translation, messages and rendering.
import { createApi, describeError, isRetryable, newIdempotencyKey } from '/shared/api.js';
import { keepingFocus } from '/shared/dom.js';
import { has, initialLanguage, translate } from './i18n.js';
import { session } from './session.js';

/** Everything on screen follows from this object; render() draws it in the current language. */
export const state = {
  lang: initialLanguage(),
  me: null, communityName: null, household: null, history: [], catalog: [], basket: [], member: null,
  vouchers: [], communityVouchers: null, pending: null, busy: false, receipt: null, attempts: {}, shift: null,
  messages: {},
};

export const api = createApi(() => session.key);
export const t = (key, params) => translate(state.lang, key, params);
export const enc = encodeURIComponent;

/**
 * Shows a message in one area (signin, lookup, catalog, stock, basket, history, vouchers, cancel, shift), or clears it when
 * key is null.
 */
export function say(area, key, params, tone) { state.messages[area] = key ? { key, params, tone } : null; }

/** Shows an API or network error in one area, as a sentence in the current language. */
export function sayError(area, error) {
  const nameOfSku = sku => state.catalog.find(i => i.sku === sku)?.name;
  state.messages[area] = describeError(error, key => has(state.lang, key), nameOfSku);
}

/**
 * POSTs what must happen once (a cancellation, a voucher used, a delivery), from one area of the page. Sent again
 * after a lost answer (same path and body), it reuses its Idempotency-Key, so the server answers with the first
 * result instead of acting twice. Returns { answer }, or null once the area shows why it did not go through.
 */
export async function postOnce(area, path, body) {
  const last = state.attempts[area];
  const attempt = last?.path === path && last.body === body ? last : { path, body, key: newIdempotencyKey('counter') };
  state.attempts[area] = attempt;
  state.busy = true;
  render();
  try {
    const answer = await api.postIdempotent(path, body, attempt.key);
    delete state.attempts[area];
    return { answer };
  } catch (error) {
    if (isRetryable(error)) say(area, 'network.unconfirmed');
    else { delete state.attempts[area]; sayError(area, error); }
    return null;
  } finally {
    state.busy = false;
  }
}

let draw = () => {};

/** Sets what render() draws (the view registers itself, so actions need not import it). */
export function setView(view) { draw = view; }

export function render() { keepingFocus(draw); }
