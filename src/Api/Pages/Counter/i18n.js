// The counter's words in Chinese (the default) and English.
import { createI18n } from '/shared/i18n.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

export const { initialLanguage, rememberLanguage, has, translate } = createI18n({ 'zh-CN': zh, en }, 'ledger.counter.lang');
