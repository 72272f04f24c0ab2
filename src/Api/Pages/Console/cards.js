// Passbook cards (积分存折卡): A6 cards, four to an A4 sheet, each with the passbook number as a QR code. The code holds
// the number alone, which is what the counter's scan field takes (a scanner types what it reads, then Enter).
import { el } from '/shared/dom.js';
import { ApiProblem } from '/shared/api.js';
import { $, enc, render, sayError, session, state, t } from './state.js';

/** Prints the cards of households (each { passbook, headName, members }): one, or a sheet of those found. */
export async function printCards(households) {
  const area = households.length === 1 ? 'household' : 'search';
  let codes;
  try {
    codes = await Promise.all(households.map(h => qrOf(h.passbook)));
  } catch (error) {
    sayError(area, error);
    render();
    return;
  }
  const community = state.community?.name ?? state.me.communityId;
  const cards = households.map((h, i) => el('article', { class: 'passbook-card' },
    el('p', { class: 'card-community' }, community),
    el('h3', {}, t('card.title')),
    el('img', { src: codes[i], alt: t('card.qr', { passbook: h.passbook }), width: 200, height: 200 }),
    el('p', { class: 'card-passbook' }, h.passbook),
    el('p', { class: 'card-head' }, `${t('card.head')}：${h.headName}`),
    el('p', { class: 'card-members' }, `${t('card.members')}：${h.members.join('、')}`)));
  // Four A6 cards fill an A4 sheet; each sheet is its own block so a page never splits a card.
  const sheets = [];
  for (let i = 0; i < cards.length; i += 4) sheets.push(el('div', { class: 'card-sheet' }, ...cards.slice(i, i + 4)));
  $('cards').replaceChildren(...sheets);
  await Promise.all([...$('cards').querySelectorAll('img')].map(img => img.decode().catch(() => {})));
  document.body.dataset.print = 'cards';
  window.print();
}

// The QR code is read with the key in a header and shown from a blob: URL, so no key is ever in an address.
async function qrOf(passbook) {
  const response = await fetch(`/api/households/${enc(passbook)}/qr.svg`, {
    cache: 'no-store', credentials: 'omit', headers: { 'X-Api-Key': session.key },
  });
  if (!response.ok) throw new ApiProblem(response.status, await response.json().catch(() => null));
  return URL.createObjectURL(await response.blob());
}
