// Chinese (the default) and English for every page. Messages are kept as keys with parameters, never as finished
// strings, so switching the language re-renders everything already on screen.

/**
 * A translator over dictionaries ({ 'zh-CN': {...}, en: {...} }). The chosen language (never a key) is remembered in
 * localStorage under storageKey: a page opened again speaks the language it was left in.
 */
export function createI18n(dictionaries, storageKey) {
  return {
    /** The language from ?lang= (remembered), else the remembered one, else Chinese. */
    initialLanguage() {
      const asked = new URLSearchParams(location.search).get('lang');
      const chosen = normalise(asked) ?? normalise(safeGet(storageKey)) ?? 'zh-CN';
      if (asked) safeSet(storageKey, chosen);
      return chosen;
    },

    rememberLanguage(lang) { safeSet(storageKey, lang); },

    has(lang, key) { return Object.hasOwn(dictionaries[lang], key); },

    /** The text for key in lang, with {name} replaced by params.name. */
    translate(lang, key, params = {}) {
      const text = dictionaries[lang][key] ?? dictionaries['zh-CN'][key] ?? key;
      return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
    },
  };
}

/** Sets the text of every [data-i18n] element (and the document's lang) in lang. */
export function translateStatic(root, lang, t) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach(node => { node.textContent = t(node.dataset.i18n); });
}

function normalise(lang) {
  if (!lang) return null;
  const lower = lang.toLowerCase();
  return lower.startsWith('en') ? 'en' : lower.startsWith('zh') ? 'zh-CN' : null;
}

// Storage can be switched off (private modes, kiosk policies); the page must still work without it.
function safeGet(key) { try { return localStorage.getItem(key); } catch { return null; } }
function safeSet(key, value) { try { localStorage.setItem(key, value); } catch { /* not remembered */ } }
