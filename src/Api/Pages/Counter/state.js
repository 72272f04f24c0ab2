// The counter's state and the helpers every part shares: the API client, translation, messages and rendering.
import { createApi, describeError } from './api.js';
import { keepingFocus } from './dom.js';
import { has, initialLanguage, translate } from './i18n.js';
import { session } from './session.js';

/** Everything on screen follows from this object; render() draws it in the current language. */
export const state = {
  lang: initialLanguage(),
  me: null, communityName: null, household: null, history: [], catalog: [], basket: [], member: null,
  vouchers: [], pending: null, busy: false, receipt: null, cancelAttempt: null, fulfilAttempt: null, stockAttempt: null,
  shift: null,
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

let draw = () => {};

/** Sets what render() draws (the view registers itself, so actions need not import it). */
export function setView(view) { draw = view; }

export function render() { keepingFocus(draw); }
