// Where a page keeps the key its user signed in with: sessionStorage only, so closing the window forgets it; never
// localStorage, a cookie or a URL. Where storage is switched off the key lives in memory and a reload asks again.

/** The signed-in key of one page (name: 'counter', 'console', ...). */
export function createKeyStore(page) {
  const name = `ledger.${page}.key`;
  let inMemory = null;
  return {
    get key() { return read(name) ?? inMemory; },
    set key(value) {
      inMemory = value || null;
      if (value) write(name, value); else remove(name);
    },
  };
}

export function read(name) { try { return sessionStorage.getItem(name); } catch { return null; } }
export function write(name, value) { try { sessionStorage.setItem(name, value); } catch { /* kept in memory only */ } }
export function remove(name) { try { sessionStorage.removeItem(name); } catch { /* nothing stored */ } }
