// What this browser window remembers: the clerk key (Shared/keystore.js) and an unconfirmed redemption, both in
// sessionStorage only.
import { createKeyStore, read, remove, write } from '/shared/keystore.js';

const pendingName = 'ledger.counter.pending';

export const session = createKeyStore('counter');

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
