// Households (住户): find one by passbook, head's or member's name, open it with its members and statement, print its
// passbook card, open a new account. Corrections start from the statement's lines (corrections.js).
import { el } from '/shared/dom.js';
import { $, addView, cid, enc, load, postOnce, render, say, sayError, session, state, t } from './state.js';
import { button, field, fill, form, heading, input, message } from './ui.js';
import { printCards } from './cards.js';
import { mountCorrections } from './corrections.js';
import { openStatement } from '/shared/statement-window.js';

state.search = { q: '', results: null, truncated: false };
state.household = null;

export function mount(section) {
  section.append(
    heading('households-heading', 'households.heading'),
    form('search-form',
      field('search-q', 'households.search', input('q', { type: 'search', maxlength: 100 }), 'households.searchHint'),
      button('search-submit', 'households.find', 'primary', 'submit')),
    message('search'),
    el('ul', { id: 'search-results', class: 'results' }),
    button('cards-found', 'households.cardsFound'),
    el('article', { id: 'household', class: 'card household', 'aria-live': 'polite' },
      el('h3', { id: 'household-title' }),
      el('dl', { id: 'household-facts', class: 'facts' }),
      el('div', { class: 'actions' },
        button('household-award', 'households.award', 'primary'),
        button('household-card', 'households.card'),
        button('household-statement', 'households.statement'),
        button('household-statement-print', 'households.statementPrint')),
      message('household')),
    el('details', { id: 'open-household', class: 'card' },
      el('summary', { 'data-i18n': 'open.heading' }),
      form('open-form',
        field('open-passbook', 'open.passbook', input('passbook', { maxlength: 64 })),
        field('open-head', 'open.head', input('headName', { maxlength: 100 })),
        field('open-members', 'open.members', input('members'), 'open.membersHint'),
        field('open-address', 'open.address', input('address', { maxlength: 500 })),
        button('open-submit', 'open.submit', 'primary', 'submit')),
      message('open')));
  mountCorrections($('household'));

  $('search-form').addEventListener('submit', async event => {
    event.preventDefault();
    await search($('search-q').value.trim());
    render();
  });
  $('search-results').addEventListener('click', async event => {
    const passbook = event.target.closest('button[data-passbook]')?.dataset.passbook;
    if (passbook) { await openHousehold(passbook); render(); $('household-title').focus(); }
  });
  $('cards-found').addEventListener('click', () => printCards(state.search.results ?? []));
  $('household-card').addEventListener('click', () => printCards([state.household.account]));
  $('household-award').addEventListener('click', () => window.dispatchEvent(new CustomEvent('console:show', { detail: 'awards' })));
  $('household-statement').addEventListener('click', () => statement(false));
  $('household-statement-print').addEventListener('click', () => statement(true));
  $('open-form').addEventListener('submit', async event => {
    event.preventDefault();
    await openAccount();
    render();
  });
}

/** Searches the community's households (an empty search lists the first ones). */
export async function search(q) {
  state.search.q = q;
  say('search', 'busy.loading');
  render();
  const answer = await load('search', `/api/communities/${cid()}/households?q=${enc(q)}&limit=50`);
  if (!answer) return;
  state.search.results = answer.households;
  state.search.truncated = answer.truncated;
  say('search', answer.households.length === 0 ? 'households.none' : answer.truncated ? 'households.truncated' : null);
}

/** Opens a household: its account and its statement (for corrections), the current household of every screen. */
export async function openHousehold(passbook) {
  const base = `/api/households/${enc(passbook)}`;
  const account = await load('household', base);
  if (!account) return false;
  const statement = await load('household', `${base}/statement`);
  state.household = { account, statement };
  say('household', null);
  return true;
}

async function statement(print) {
  try {
    await openStatement(session.key, state.household.account.passbook, { print });
  } catch (error) {
    sayError('household', error);
    render();
  }
}

async function openAccount() {
  const members = $('open-members').value.split(/[,，、;；\s]+/).map(m => m.trim()).filter(Boolean);
  const body = { passbook: $('open-passbook').value.trim(), headName: $('open-head').value.trim(), members };
  const address = $('open-address').value.trim();
  if (address) body.address = address;
  const answer = await postOnce('open', `/api/communities/${cid()}/households`, body);
  if (!answer) return;
  $('open-form').reset();
  say('open', 'open.done', { passbook: answer.passbook, head: answer.headName }, 'ok');
  await openHousehold(answer.passbook);
}

addView(() => {
  const { results } = state.search;
  fill($('search-results'), (results ?? []).map(h => el('li', {},
    el('span', { class: 'passbook' }, h.passbook), ' ',
    el('strong', {}, h.headName), ' ',
    el('span', { class: 'muted' }, h.members.filter(m => m !== h.headName).join('、')),
    el('button', { type: 'button', class: 'secondary', 'data-passbook': h.passbook }, t('households.open')))));
  $('cards-found').hidden = !results?.length;
  const household = state.household;
  $('household').hidden = !household;
  if (!household) return;
  const a = household.account;
  $('household-title').textContent = `${a.headName} · ${a.passbook}`;
  $('household-title').tabIndex = -1;
  const facts = [
    ['households.members', a.members.join('、')], ['households.address', a.address ?? '–'],
    ['households.balance', String(a.balance)], ['households.earned', String(a.earned)], ['households.stars', String(a.starLevel)],
  ];
  fill($('household-facts'), facts.flatMap(([key, value]) => [el('dt', {}, t(key)),
    el('dd', { class: key === 'households.balance' && a.balance < 0 ? 'negative' : null }, value)]));
});
