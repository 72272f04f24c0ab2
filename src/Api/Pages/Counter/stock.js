// Goods arriving at the service centre (a delivery, a donation): the clerk records them against their catalogue item
// with the note the delivery slip carries, POST /api/communities/{cid}/catalog/{sku}/stock, once per delivery.
import { isService } from './basket.js';
import { $ } from '/shared/dom.js';
import { loadCatalog } from './ledger.js';
import { enc, postOnce, say, state } from './state.js';

/** The API's bound on one receipt of stock. */
const maxQuantity = 1000000;

export async function receiveStock(sku, quantityText, note) {
  const item = state.catalog.find(i => i.sku === sku);
  if (!item) return say('stock', 'stock.missingItem');
  const quantity = Number(quantityText);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > maxQuantity) return say('stock', 'stock.badQuantity');
  const body = JSON.stringify(note ? { quantity, note } : { quantity });
  const sent = await postOnce('stock', `/api/communities/${enc(state.me.communityId)}/catalog/${enc(sku)}/stock`, body);
  if (!sent) return;
  say('stock', 'stock.done', { name: item.name, quantity, stock: sent.answer?.stock ?? '' }, 'ok');
  $('stock-quantity').value = '';
  $('stock-note').value = '';
  await loadCatalog();
}

/** The goods on the shelf, for the delivery's item; services have places, not stock. */
export function renderStockItems(select, state, t) {
  const options = [['', t('stock.choose')], ...state.catalog.filter(i => !isService(i)).map(i => [i.sku, i.name])];
  // Rebuilt only when the goods or the language change: a list rebuilt under the clerk's finger would close.
  const same = select.options.length === options.length
    && options.every(([value, label], n) => select.options[n].value === value && select.options[n].text === label);
  if (same) return;
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
  select.value = options.some(([value]) => value === chosen) ? chosen : '';
}
