// A confirmation in the page's own dialog (window.confirm cannot be styled, translated or tested reliably).
import { $, t } from './state.js';

/** Asks the question of key; resolves true when the person confirms. */
export function ask(key, params) {
  const dialog = $('confirm');
  $('confirm-text').textContent = t(key, params);
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-ok').focus();
  });
}
