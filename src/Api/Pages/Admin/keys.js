// Keys: issue one (shown once, with a copy button and a QR code for the counter's sign-in), list, and revoke.
import { newIdempotencyKey } from '/shared/api.js';
import { formatTime } from '/shared/desk-session.js';
import { $, disableForm, el, showMessage } from '/shared/dom.js';

export function createKeys(desk) {
  let communities = [];
  let keys = [];
  let message = null;
  let revoking = null; // the key whose revocation form is open
  let pendingIssue = null;
  let pendingRevoke = null;
  let qrUrl = null;

  function setCommunities(list) {
    communities = list;
    const options = list.map(c => el('option', { value: c.id }, `${c.name}（${c.id}）`));
    $('issue-form').communityId.replaceChildren(...options.map(o => o.cloneNode(true)));
    const filter = $('key-filter').communityId;
    const chosen = filter.value;
    filter.replaceChildren(el('option', { value: '', 'data-i18n': 'filter.all' }, desk.t('filter.all')), ...options);
    filter.value = chosen;
    syncIssueForm();
  }

  function syncIssueForm() {
    const form = $('issue-form');
    form.communityId.disabled = !['clerk', 'committee', 'partner'].includes(form.role.value);
    $('issue-partner').hidden = form.role.value !== 'partner';
    if (form.role.value === 'partner') loadPartners(form.communityId.value);
  }

  // A partner key acts for one partner registered in its community: the choice lists that community's partners.
  let partnersOf = null;
  async function loadPartners(communityId) {
    if (!communityId || partnersOf === communityId) return;
    partnersOf = communityId;
    const select = $('issue-form').partnerId;
    try {
      const answer = await desk.api.get(`/api/communities/${encodeURIComponent(communityId)}/partners`);
      if (partnersOf !== communityId) return;
      select.replaceChildren(...(answer?.partners ?? []).map(p => el('option', { value: p.id }, `${p.name}（${p.id}）`)));
      showMessage($('issue-message'), select.options.length ? null : { key: 'key.noPartners' }, desk.t);
    } catch (error) {
      partnersOf = null;
      showMessage($('issue-message'), desk.describe(error), desk.t);
    }
  }

  async function load() {
    const filter = $('key-filter');
    const query = new URLSearchParams();
    if (filter.communityId.value) query.set('communityId', filter.communityId.value);
    if (filter.role.value) query.set('role', filter.role.value);
    keys = await desk.api.get(`/api/keys${query.size ? '?' + query : ''}`);
    render();
  }

  function communityName(id) {
    return id ? (communities.find(c => c.id === id)?.name ?? id) : desk.t('key.noCommunity');
  }

  function render() {
    const body = $('key-table').tBodies[0];
    body.replaceChildren(...(keys.length === 0
      ? [el('tr', {}, el('td', { colspan: 6 }, desk.t('keys.none')))]
      : keys.map(k => el('tr', { class: k.revokedAt ? 'revoked' : null, 'data-key-id': k.keyId },
        el('td', {}, k.label, el('br'), el('span', { class: 'mono hint' }, k.keyId)),
        el('td', {}, desk.t(`role.${k.role}`)),
        el('td', {}, communityName(k.communityId)),
        el('td', {}, formatTime(k.issuedAt, desk.lang)),
        el('td', {}, k.revokedAt ? desk.t('revoked.at', { at: formatTime(k.revokedAt, desk.lang), reason: k.revokedReason ?? '' }) : ''),
        el('td', {}, k.revokedAt ? '' : revokeButton(k))))));
    $('revoke-form').hidden = !revoking;
    $('revoke-label').textContent = revoking?.label ?? '';
    showMessage($('keys-message'), message, desk.t);
  }

  function revokeButton(k) {
    const button = el('button', { type: 'button', class: 'danger' }, desk.t('key.revoke'));
    button.addEventListener('click', () => {
      revoking = k;
      message = null;
      render();
      $('revoke-reason').focus();
    });
    return button;
  }

  async function showIssued(issued) {
    $('issued').hidden = false;
    $('issued-label').textContent = issued.label;
    $('issued-key').value = issued.key ?? '';
    $('issued-qr').alt = desk.t('issued.qr');
    showMessage($('copy-message'), null, desk.t);
    // The QR code is drawn by the server from the key in a POST body: the key never goes into an address.
    const response = await fetch('/api/keys/qr-code', {
      method: 'POST', cache: 'no-store', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': desk.key },
      body: JSON.stringify({ key: issued.key }),
    });
    if (!response.ok) return;
    if (qrUrl) URL.revokeObjectURL(qrUrl);
    qrUrl = URL.createObjectURL(await response.blob());
    $('issued-qr').src = qrUrl;
  }

  function closeIssued() {
    $('issued').hidden = true;
    $('issued-key').value = '';
    $('issued-qr').removeAttribute('src');
    if (qrUrl) URL.revokeObjectURL(qrUrl);
    qrUrl = null;
  }

  $('issue-form').role.addEventListener('change', syncIssueForm);
  $('issue-form').communityId.addEventListener('change', syncIssueForm);
  $('issue-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const scoped = ['clerk', 'committee', 'partner'].includes(form.role.value);
    const bodyText = JSON.stringify({
      role: form.role.value, communityId: scoped ? form.communityId.value : null, label: form.label.value.trim(),
      ...(form.role.value === 'partner' ? { partnerId: form.partnerId.value } : {}),
    });
    if (pendingIssue?.body !== bodyText) pendingIssue = { body: bodyText, key: newIdempotencyKey('admin') };
    disableForm(form, true);
    try {
      const issued = await desk.api.postIdempotent('/api/keys', bodyText, pendingIssue.key);
      pendingIssue = null;
      form.label.value = '';
      showMessage($('issue-message'), null, desk.t);
      await showIssued(issued);
      await load();
    } catch (error) {
      if (error.status < 500) pendingIssue = null;
      showMessage($('issue-message'), desk.describe(error), desk.t);
    } finally {
      disableForm(form, false);
      syncIssueForm();
    }
  });

  $('copy-key').addEventListener('click', async () => {
    const input = $('issued-key');
    try {
      await navigator.clipboard.writeText(input.value);
      showMessage($('copy-message'), { key: 'issued.copied', tone: 'ok' }, desk.t);
    } catch {
      // The clipboard API needs a secure context; a village office on plain http gets the key selected instead.
      input.select();
      const copied = document.execCommand?.('copy');
      showMessage($('copy-message'), { key: copied ? 'issued.copied' : 'issued.copyFailed', tone: copied ? 'ok' : null }, desk.t);
    }
  });
  $('close-issued').addEventListener('click', closeIssued);

  $('key-filter').addEventListener('change', () => load().catch(error => { message = desk.describe(error); render(); }));

  $('revoke-cancel').addEventListener('click', () => { revoking = null; render(); });
  $('revoke-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    const reason = form.reason.value.trim();
    if (!reason) return showMessage($('keys-message'), { key: 'revoke.needReason' }, desk.t);
    const target = revoking;
    const bodyText = JSON.stringify({ reason });
    const path = `/api/keys/${encodeURIComponent(target.keyId)}/revoke`;
    if (pendingRevoke?.path !== path || pendingRevoke.body !== bodyText) pendingRevoke = { path, body: bodyText, key: newIdempotencyKey('admin') };
    disableForm(form, true);
    try {
      await desk.api.postIdempotent(path, bodyText, pendingRevoke.key);
      pendingRevoke = null;
      revoking = null;
      form.reset();
      message = { key: 'revoke.done', params: { label: target.label }, tone: 'ok' };
      await load();
    } catch (error) {
      if (error.status < 500) pendingRevoke = null;
      message = desk.describe(error);
      render();
    } finally {
      disableForm(form, false);
    }
  });

  return { load, render, setCommunities };
}
