// Chinese (the default) and English. Messages are kept as keys with parameters, never as finished strings, so
// switching the language re-renders everything already on screen.
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const dictionaries = { 'zh-CN': zh, en };
const storageKey = 'ledger.counter.lang';

/** The language from ?lang= (remembered), else the remembered one, else Chinese. */
export function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  const chosen = normalise(asked) ?? normalise(safeGet(storageKey)) ?? 'zh-CN';
  if (asked) safeSet(storageKey, chosen);
  return chosen;
}

export function rememberLanguage(lang) { safeSet(storageKey, lang); }

export function has(lang, key) { return Object.hasOwn(dictionaries[lang], key); }

/** The text for key in lang, with {name} replaced by params.name. */
export function translate(lang, key, params = {}) {
  const text = dictionaries[lang][key] ?? dictionaries['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

function normalise(lang) {
  if (!lang) return null;
  const lower = lang.toLowerCase();
  return lower.startsWith('en') ? 'en' : lower.startsWith('zh') ? 'zh-CN' : null;
}

// Storage can be switched off (private modes, kiosk policies); the page must still work without it.
function safeGet(key) { try { return localStorage.getItem(key); } catch { return null; } }
function safeSet(key, value) { try { localStorage.setItem(key, value); } catch { /* not remembered */ } }
