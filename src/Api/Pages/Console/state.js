// The console's state and what every screen shares: the API client, translation, messages, the once-only POST.
import { ApiProblem, createApi, describeError, isRetryable, newIdempotencyKey } from '/shared/api.js';
import { keepingFocus, showMessage, $ } from '/shared/dom.js';
import { createKeyStore } from '/shared/keystore.js';
import { createI18n, translateStatic } from '/shared/i18n.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const i18n = createI18n({ 'zh-CN': zh, en }, 'ledger.console.lang');
export const session = createKeyStore('console');
export const rememberLanguage = i18n.rememberLanguage;

/** Everything on screen follows from this object; render() draws it in the current language. */
export const state = {
  lang: i18n.initialLanguage(), screen: 'households',
  me: null, community: null, rules: [], catalog: [],
  messages: {}, attempts: {}, busy: false,
};

export const api = createApi(() => session.key);
export const t = (key, params) => i18n.translate(state.lang, key, params);
export const enc = encodeURIComponent;
export const cid = () => enc(state.me.communityId);

/** Shows a message in one area (an element `${area}-message`), or clears it when key is null. */
export function say(area, key, params, tone) { state.messages[area] = key ? { key, params, tone } : null; }

/** Shows an API or network error in one area, as a sentence in the current language. */
export function sayError(area, error) {
  state.messages[area] = describeError(error, key => i18n.has(state.lang, key), sku => state.catalog.find(i => i.sku === sku)?.name);
}

/** Loads with GET; a failure is said in area and answered null. */
export async function load(area, path) {
  try { return await api.get(path); } catch (error) { sayError(area, error); return null; }
}

/**
 * POSTs what must happen once (an award, a participation list, a correction, a delivery...). Sent again after a lost
 * answer (same path and body), it reuses its Idempotency-Key, so the server answers with the first result instead of
 * recording twice; a definite answer (success or refusal) drops the key. Returns the answer, or null once the area says why.
 */
export async function postOnce(area, path, bodyObject) {
  const body = JSON.stringify(bodyObject);
  const last = state.attempts[area];
  const attempt = last?.path === path && last.body === body ? last : { path, body, key: newIdempotencyKey('console') };
  state.attempts[area] = attempt;
  state.busy = true;
  say(area, 'busy.sending');
  render();
  try {
    const answer = await api.postIdempotent(path, body, attempt.key, () => { say(area, 'busy.retrying'); render(); });
    delete state.attempts[area];
    say(area, null);
    return answer;
  } catch (error) {
    if (isRetryable(error)) say(area, 'network.unconfirmed');
    else { delete state.attempts[area]; sayError(area, error); }
    return null;
  } finally {
    state.busy = false;
  }
}

/** A problem's slug, for screens that explain one refusal more closely. */
export const slugOf = error => (error instanceof ApiProblem ? error.slug : null);

const views = [];

/** Registers a screen's draw function (screens register themselves, so actions need not import each other). */
export function addView(view) { views.push(view); }

/** Draws every screen and every area's message. */
export function render() {
  keepingFocus(() => {
    // Fixed labels first, so a view may still set a label of its own (a count on a button).
    translateStatic(document, state.lang, t);
    views.forEach(view => view());
    document.querySelectorAll('.message[id$="-message"]').forEach(node => {
      showMessage(node, state.messages[node.id.slice(0, -'-message'.length)] ?? null, t);
    });
  });
}

/** The element with this id (re-exported so screens import one module). */
export { $ };
