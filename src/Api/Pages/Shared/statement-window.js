// Opens a household's printable passbook statement (存折明细) in a new window without putting the key in a URL: the
// server's HTML is fetched with the key in its header and written into a blank window this page opened. Such a window
// keeps this page's Content-Security-Policy, which is why the statement links its stylesheet (/shared/statement.css)
// instead of carrying inline CSS. Chinese unless lang is 'en', whatever the browser's language.
import { ApiProblem, NetworkError } from '/shared/api.js';

/**
 * Opens the statement of passbook, read with key; with print the window's print dialog follows once it has loaded.
 * Call it from a click: the blank window is opened at once, before anything is awaited, so no pop-up blocker stops it.
 * Throws ApiProblem or NetworkError (the window is closed again then).
 */
export async function openStatement(key, passbook, { print = false, lang = 'zh' } = {}) {
  const win = window.open('', '_blank');
  if (!win) throw new NetworkError('pop-up blocked');
  let response;
  try {
    response = await fetch(`/api/households/${encodeURIComponent(passbook)}/statement?format=html&lang=${lang}`, {
      cache: 'no-store', credentials: 'omit', headers: { Accept: 'text/html', 'X-Api-Key': key },
    });
  } catch (error) {
    win.close();
    throw new NetworkError(error?.message ?? 'network');
  }
  const text = await response.text();
  if (!response.ok) {
    win.close();
    throw new ApiProblem(response.status, parse(text));
  }
  win.document.open();
  win.document.write(text);
  win.document.close();
  if (!print) return win;
  // document.open() clears listeners, so the print waits for the stylesheet from here.
  if (win.document.readyState === 'complete') win.print();
  else win.addEventListener('load', () => win.print(), { once: true });
  return win;
}

function parse(text) { try { return JSON.parse(text); } catch { return null; } }
