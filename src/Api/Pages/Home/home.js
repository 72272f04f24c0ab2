// The landing page: no data, no key; only the words change with the language.
import { createI18n, translateStatic } from '/shared/i18n.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const i18n = createI18n({ 'zh-CN': zh, en }, 'ledger.home.lang');
let lang = i18n.initialLanguage();

function render() {
  const t = key => i18n.translate(lang, key);
  translateStatic(document, lang, t);
  document.querySelectorAll('[data-i18n-label]').forEach(node => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
}

document.getElementById('lang-switch').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  i18n.rememberLanguage(lang);
  render();
});
render();
