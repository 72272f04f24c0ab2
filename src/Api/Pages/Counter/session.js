// What this browser window remembers: the clerk key and an unconfirmed redemption. sessionStorage only, so closing
// the window forgets the key; nothing is kept in localStorage or cookies.

const keyName = 'ledger.counter.key';
const pendingName = 'ledger.counter.pending';

// Where storage is switched off the key lives in memory, and a reload asks for it again.
let keyInMemory = null;

export const session = {
  get key() { return read(keyName) ?? keyInMemory; },
  set key(value) {
    keyInMemory = value || null;
    if (value) write(keyName, value); else remove(keyName);
  },
};

/**
 * An unconfirmed redemption survives a reload so that its retry still carries the same Idempotency-Key. The server
 * scopes keys by the caller, so it is only offered again to the same principal.
 */
export function savePending(pending, principalId) { write(pendingName, JSON.stringify({ ...pending, principalId })); }

export function loadPending(principalId) {
  try {
    const pending = JSON.parse(read(pendingName) ?? 'null');
    return pending && pending.principalId === principalId ? pending : null;
  } catch {
    return null;
  }
}

export function clearPending() { remove(pendingName); }

function read(name) { try { return sessionStorage.getItem(name); } catch { return null; } }
function write(name, value) { try { sessionStorage.setItem(name, value); } catch { /* kept in memory only */ } }
function remove(name) { try { sessionStorage.removeItem(name); } catch { /* nothing stored */ } }
