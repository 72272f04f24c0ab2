// Partners (合伙人): register the enterprises, social organisations, partner units and merchants of the community,
// list them, and name who provides a service of the catalogue at what settlement price per voucher served (a new
// version of the item, so vouchers already sold keep the provider and price they were sold with).
import { el } from '/shared/dom.js';
import { $, addView, cid, load, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, options, select, table } from './ui.js';

const kinds = ['enterprise', 'social-organisation', 'partner-unit', 'merchant'];
let partners = [];

export function mount(section) {
  const kind = select('kind');
  kind.append(...kinds.map(k => el('option', { value: k, 'data-i18n': `partner.kind.${k}` })));
  section.append(
    heading('partners-heading', 'partners.heading'),
    table('partner-list', [{ key: 'partner.id' }, { key: 'partner.name' }, { key: 'partner.kind' }, { key: 'partner.services' }]),
    message('partners'),
    el('div', { class: 'columns' },
      el('section', { class: 'card', 'aria-labelledby': 'partner-heading' },
        el('h3', { id: 'partner-heading', 'data-i18n': 'partner.register' }),
        form('partner-form',
          field('partner-id', 'partner.id', input('id', { maxlength: 64 }), 'partner.idHint'),
          field('partner-name', 'partner.name', input('name', { maxlength: 100 })),
          field('partner-kind', 'partner.kind', kind),
          button('partner-submit', 'partner.submit', 'primary', 'submit')),
        message('partner')),
      el('section', { class: 'card', 'aria-labelledby': 'provision-heading' },
        el('h3', { id: 'provision-heading', 'data-i18n': 'provision.heading' }),
        form('provision-form',
          field('provision-sku', 'provision.service', select('sku')),
          field('provision-partner', 'provision.partner', select('partner')),
          field('provision-yuan', 'provision.price', input('yuan', { type: 'number', min: 0, max: 10000, step: 0.01, inputmode: 'decimal' }), 'provision.priceHint'),
          button('provision-submit', 'provision.submit', 'primary', 'submit')),
        message('provision'))));

  $('partner-form').addEventListener('submit', async event => { event.preventDefault(); await register(); render(); });
  $('provision-form').addEventListener('submit', async event => { event.preventDefault(); await provide(); render(); });
}

export async function show() {
  const [list, catalog] = await Promise.all([
    load('partners', `/api/communities/${cid()}/partners`), load('partners', `/api/communities/${cid()}/catalog`)]);
  if (list) partners = list.partners;
  if (catalog) state.catalog = catalog.items;
}

async function register() {
  const body = { id: $('partner-id').value.trim(), name: $('partner-name').value.trim(), kind: $('partner-kind').value };
  const answer = await postOnce('partner', `/api/communities/${cid()}/partners`, body);
  if (!answer) return;
  say('partner', 'partner.done', { name: answer.name }, 'ok');
  $('partner-form').reset();
  await show();
}

async function provide() {
  const item = state.catalog.find(i => i.sku === $('provision-sku').value);
  const partner = partners.find(p => p.id === $('provision-partner').value);
  const yuan = $('provision-yuan').value;
  if (!item || !partner || yuan === '' || Number(yuan) < 0) { say('provision', 'provision.missing'); return; }
  const settlementFen = Math.round(Number(yuan) * 100);
  const body = { sku: item.sku, name: item.name, kind: 'service', points: item.points, providerId: partner.id, settlementFen };
  if (item.capacity != null) body.capacity = item.capacity;
  const answer = await postOnce('provision', `/api/communities/${cid()}/catalog`, body);
  if (!answer) return;
  say('provision', 'provision.done', { service: answer.name, partner: partner.name, yuan: (settlementFen / 100).toFixed(2) }, 'ok');
  $('provision-form').reset();
  await show();
}

const servicesOf = partner => state.catalog.filter(i => i.providerId === partner.id && !i.withdrawn)
  .map(i => `${i.name}（${(i.settlementFen / 100).toFixed(2)}）`).join('、');

addView(() => {
  fill($('partner-list'), partners.map(p => el('tr', {},
    cell(p.id), cell(p.name), cell(t(`partner.kind.${p.kind}`)), cell(servicesOf(p) || t('partner.noServices')))));
  options($('provision-sku'), state.catalog.filter(i => i.kind === 'service' && !i.withdrawn).map(i => ({ value: i.sku, label: i.name })));
  options($('provision-partner'), partners.map(p => ({ value: p.id, label: p.name })));
});
