// Sign-in for a desk that one role uses (administration: admin; audit: auditor): the key is checked with GET /api/me,
// kept in sessionStorage only (createKeyStore), and the page's words follow the language switch.
import { createApi, describeError } from '/shared/api.js';
import { $, disableForm, showMessage } from '/shared/dom.js';
import { createI18n, translateStatic } from '/shared/i18n.js';
import { createKeyStore } from '/shared/keystore.js';

/**
 * Wires the sign-in form, sign-out and language switch of a desk page. onSignedIn(me) runs after a key of `role` is
 * accepted (also on reload while the window's session keeps the key); rerender() runs after a language switch.
 */
export function createDesk({ page, role, dictionaries, onSignedIn, rerender }) {
  const store = createKeyStore(page);
  const i18n = createI18n(dictionaries, `ledger.${page}.lang`);
  let lang = i18n.initialLanguage();
  const api = createApi(() => store.key);
  const t = (key, params) => i18n.translate(lang, key, params);
  const has = key => i18n.has(lang, key);
  const describe = error => describeError(error, has);

  function translatePage() {
    translateStatic(document, lang, t);
    document.querySelectorAll('[data-i18n-label]').forEach(n => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
  }

  function show(signedIn, me) {
    $('signed-out').hidden = signedIn;
    $('signed-in').hidden = !signedIn;
    $('sign-out').hidden = !signedIn;
    $('who').hidden = !signedIn;
    $('who').textContent = signedIn ? t('signin.as', { label: me.label }) : '';
  }

  async function signIn(key) {
    store.key = key;
    const me = await api.get('/api/me');
    if (me.role !== role) {
      store.key = null;
      return { key: 'signin.wrongRole' };
    }
    show(true, me);
    await onSignedIn(me);
    return null;
  }

  $('signin-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const key = form.apiKey.value.trim();
    if (!key) return showMessage($('signin-message'), { key: 'signin.empty' }, t);
    disableForm(form, true);
    try {
      const refused = await signIn(key);
      showMessage($('signin-message'), refused, t);
      if (!refused) form.reset();
    } catch (error) {
      store.key = null;
      showMessage($('signin-message'), describe(error), t);
    } finally {
      disableForm(form, false);
    }
  });

  $('sign-out').addEventListener('click', () => {
    store.key = null;
    location.reload();
  });

  $('lang-switch').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    i18n.rememberLanguage(lang);
    translatePage();
    rerender?.();
  });

  translatePage();
  if (store.key) signIn(store.key).catch(() => { store.key = null; show(false); });

  return { api, t, describe, get lang() { return lang; }, get key() { return store.key; } };
}

/** Formats an ISO time for the page's language (local time of the browser). */
export function formatTime(iso, lang) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
