// Catalogue and stock (超市目录): the goods and services with price and stock; list one or change its price (a new
// version), receive goods with the delivery note, withdraw an item from sale (it can no longer be redeemed).
import { el } from '/shared/dom.js';
import { $, addView, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, options, select, table } from './ui.js';
import { ask } from './confirm.js';

export function mount(section) {
  const kind = select('kind');
  kind.append(el('option', { value: 'goods', 'data-i18n': 'catalog.goods' }), el('option', { value: 'service', 'data-i18n': 'catalog.service' }));
  section.append(
    heading('catalog-heading', 'catalog.heading'),
    table('catalog-items', [
      { key: 'catalog.sku' }, { key: 'catalog.name' }, { key: 'catalog.kind' }, { key: 'catalog.points', num: true },
      { key: 'catalog.stock', num: true }, { key: 'catalog.version', num: true }, { key: 'catalog.status' },
    ]),
    message('catalog'),
    el('div', { class: 'columns' },
      el('section', { class: 'card', 'aria-labelledby': 'item-heading' },
        el('h3', { id: 'item-heading', 'data-i18n': 'item.heading' }),
        form('item-form',
          field('item-sku', 'catalog.sku', input('sku', { maxlength: 64 }), 'item.skuHint'),
          field('item-name', 'catalog.name', input('name', { maxlength: 100 })),
          field('item-kind', 'catalog.kind', kind),
          field('item-points', 'catalog.points', input('points', { type: 'number', min: 1, max: 1000000, step: 1, inputmode: 'numeric' })),
          button('item-submit', 'item.submit', 'primary', 'submit')),
        message('item')),
      el('section', { class: 'card', 'aria-labelledby': 'stock-heading' },
        el('h3', { id: 'stock-heading', 'data-i18n': 'stock.heading' }),
        form('stock-form',
          field('stock-sku', 'stock.item', select('sku')),
          field('stock-quantity', 'stock.quantity', input('quantity', { type: 'number', min: 1, max: 1000000, step: 1, inputmode: 'numeric' })),
          field('stock-note', 'stock.note', input('note', { maxlength: 200 }), 'stock.noteHint'),
          button('stock-submit', 'stock.submit', 'primary', 'submit')),
        message('stock')),
      el('section', { class: 'card', 'aria-labelledby': 'withdraw-heading' },
        el('h3', { id: 'withdraw-heading', 'data-i18n': 'withdraw.heading' }),
        form('withdraw-form',
          field('withdraw-sku', 'stock.item', select('sku')),
          field('withdraw-reason', 'withdraw.reason', input('reason', { maxlength: 200 })),
          button('withdraw-submit', 'withdraw.submit', 'danger', 'submit')),
        message('withdraw'))));

  $('catalog-items').addEventListener('click', event => {
    const sku = event.target.closest('button[data-sku]')?.dataset.sku;
    const item = state.catalog.find(i => i.sku === sku);
    if (!item) return;
    Object.assign($('item-sku'), { value: item.sku });
    $('item-name').value = item.name;
    $('item-kind').value = item.kind;
    $('item-points').value = item.points;
    $('item-points').focus();
  });
  $('item-form').addEventListener('submit', async event => { event.preventDefault(); await listItem(); render(); });
  $('stock-form').addEventListener('submit', async event => { event.preventDefault(); await receive(); render(); });
  $('withdraw-form').addEventListener('submit', async event => { event.preventDefault(); await withdraw(); render(); });
}

export async function show() {
  const answer = await load('catalog', `/api/communities/${cid()}/catalog`);
  if (answer) state.catalog = answer.items;
}

const number = id => ($(id).value ? Number($(id).value) : null);

async function listItem() {
  const body = { sku: $('item-sku').value.trim(), name: $('item-name').value.trim(), kind: $('item-kind').value, points: number('item-points') };
  const answer = await postOnce('item', `/api/communities/${cid()}/catalog`, body);
  if (!answer) return;
  say('item', 'item.done', { name: answer.name, points: answer.points, version: answer.version }, 'ok');
  $('item-form').reset();
  await show();
}

async function receive() {
  const sku = $('stock-sku').value;
  const body = { quantity: number('stock-quantity') };
  const note = $('stock-note').value.trim();
  if (note) body.note = note;
  const answer = await postOnce('stock', `/api/communities/${cid()}/catalog/${enc(sku)}/stock`, body);
  if (!answer) return;
  say('stock', 'stock.done', { name: answer.name, quantity: body.quantity, stock: answer.stock }, 'ok');
  $('stock-form').reset();
  await show();
}

async function withdraw() {
  const item = state.catalog.find(i => i.sku === $('withdraw-sku').value);
  const reason = $('withdraw-reason').value.trim();
  if (!item || !reason) { say('withdraw', 'withdraw.missing'); return; }
  if (!await ask('withdraw.confirm', { name: item.name })) return;
  const answer = await postOnce('withdraw', `/api/communities/${cid()}/catalog/${enc(item.sku)}/withdraw`, { reason });
  if (!answer) return;
  say('withdraw', 'withdraw.done', { name: item.name }, 'ok');
  $('withdraw-form').reset();
  await show();
}

addView(() => {
  fill($('catalog-items'), state.catalog.map(i => el('tr', { class: i.withdrawn ? 'withdrawn' : null },
    cell(i.sku), cell(i.name), cell(t(`catalog.${i.kind}`)), cell(i.points, true),
    cell(i.stock ?? t('catalog.unlimited'), i.stock != null), cell(i.version, true),
    el('td', {}, i.withdrawn ? t('catalog.withdrawn')
      : el('button', { type: 'button', class: 'secondary small', 'data-sku': i.sku }, t('catalog.edit'))))));
  const onSale = state.catalog.filter(i => !i.withdrawn);
  options($('stock-sku'), onSale.filter(i => i.kind === 'goods').map(i => ({ value: i.sku, label: `${i.name}（${t('catalog.stock')} ${i.stock ?? '–'}）` })));
  options($('withdraw-sku'), onSale.map(i => ({ value: i.sku, label: i.name })));
});
