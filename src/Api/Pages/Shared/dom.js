// Building elements without innerHTML: names and notes come from the ledger and are shown as text, never as markup.

/** An element with attributes (false/null/undefined ones left out) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter(c => c !== null && c !== undefined && c !== false));
  return node;
}

export const $ = id => document.getElementById(id);

/** Turns every control of a form off or on (a form waiting for an answer takes no second submission). */
export function disableForm(form, disabled) {
  form.querySelectorAll('input, select, button').forEach(n => { n.disabled = disabled; });
}

/** Shows or hides a message element for a descriptor { key, params } (or null). */
export function showMessage(node, message, t) {
  node.textContent = message ? t(message.key, message.params) : '';
  node.classList.toggle('ok', message?.tone === 'ok');
  node.hidden = !message;
}

/** Re-renders can replace focused controls; this puts focus back on the control with the same data-focus-id. */
export function keepingFocus(render) {
  const focusId = document.activeElement?.getAttribute?.('data-focus-id');
  render();
  if (!focusId) return;
  const again = document.querySelector(`[data-focus-id="${CSS.escape(focusId)}"]`);
  if (again && again !== document.activeElement && !again.disabled) again.focus();
}
