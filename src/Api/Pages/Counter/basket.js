// The catalogue and the basket: what can be redeemed, what is chosen, and whether the balance covers it.
import { el } from '/shared/dom.js';

/**
 * How many of item may be in a basket: the stock on hand for goods; the capacity left for a service, where none
 * (null) means unlimited.
 */
export function limitOf(item) {
  const left = item.stock;
  if (typeof left === 'number') return Math.max(0, left);
  return isService(item) ? Infinity : 0;
}

/** The items on sale: withdrawn ones stay in the API's answer (for the record) but cannot be redeemed. */
export function itemsOf(catalog) {
  const items = Array.isArray(catalog) ? catalog : catalog?.items ?? [];
  return items.filter(i => i && typeof i.sku === 'string' && !i.withdrawn);
}

/** Basket lines joined with their catalogue items; lines whose item vanished are dropped. */
export function basketLines(state) {
  const bySku = new Map(state.catalog.map(i => [i.sku, i]));
  return state.basket
    .map(line => ({ ...line, item: bySku.get(line.sku) }))
    .filter(line => line.item)
    .map(line => ({ ...line, points: line.item.points * line.quantity }));
}

export function basketTotal(state) {
  return basketLines(state).reduce((sum, line) => sum + line.points, 0);
}

/** Adds delta of sku, within 0..stock. */
export function changeQuantity(state, sku, delta) {
  const item = state.catalog.find(i => i.sku === sku);
  if (!item) return;
  const line = state.basket.find(l => l.sku === sku);
  const quantity = Math.min(limitOf(item), (line?.quantity ?? 0) + delta);
  if (line && quantity <= 0) state.basket = state.basket.filter(l => l !== line);
  else if (line) line.quantity = quantity;
  else if (quantity > 0) state.basket.push({ sku, quantity });
}

export function renderCatalog(list, state, t, editable, onAdd) {
  list.replaceChildren(...state.catalog.map(item => {
    const inBasket = state.basket.find(l => l.sku === item.sku)?.quantity ?? 0;
    const limit = limitOf(item);
    const kind = isService(item) ? 'catalog.service' : 'catalog.goods';
    const left = isService(item) ? 'catalog.capacity' : 'catalog.stock';
    const stock = limit === Infinity ? t('catalog.open') : limit === 0 ? t('catalog.soldOut') : t(left, { stock: limit });
    const add = el('button', {
      type: 'button', class: 'add', 'data-focus-id': `add-${item.sku}`, 'data-sku': item.sku,
      'aria-label': t('catalog.addLabel', { name: item.name }),
      disabled: !editable || inBasket >= limit,
    }, t('catalog.add'));
    add.addEventListener('click', () => onAdd(item.sku));
    return el('li', { class: 'catalog-item', 'data-sku': item.sku },
      el('span', { class: 'item-name' }, item.name),
      el('span', { class: `badge ${isService(item) ? 'service' : 'goods'}` }, t(kind)),
      el('span', { class: 'item-price' }, t('catalog.price', { points: formatPoints(item.points, state.lang) })),
      el('span', { class: `item-stock ${limit === 0 ? 'sold-out' : ''}` }, stock),
      add);
  }));
}

export function renderBasket(list, state, t, editable, onChange) {
  list.replaceChildren(...basketLines(state).map(line => {
    const name = line.item.name;
    const button = (label, text, delta, disabled, focusId, cls = 'step') => {
      const b = el('button', { type: 'button', class: cls, 'aria-label': label, 'data-focus-id': focusId, disabled }, text);
      b.addEventListener('click', () => onChange(line.sku, delta));
      return b;
    };
    return el('li', { class: 'basket-line', 'data-sku': line.sku },
      el('span', { class: 'item-name' }, name),
      el('span', { class: 'stepper' },
        button(t('basket.less', { name }), '−', -1, !editable, `less-${line.sku}`),
        el('output', { class: 'quantity', 'aria-label': t('basket.quantity', { name }) }, String(line.quantity)),
        button(t('basket.more', { name }), '+', 1, !editable || line.quantity >= limitOf(line.item), `more-${line.sku}`)),
      el('span', { class: 'line-points' }, t('basket.points', { points: formatPoints(line.points, state.lang) })),
      button(t('basket.removeLabel', { name }), t('basket.remove'), -line.quantity, !editable, `remove-${line.sku}`, 'remove'));
  }));
}

export function isService(item) {
  return item?.kind === 'service';
}

export function formatPoints(points, lang) {
  return typeof points === 'number' ? points.toLocaleString(lang) : '–';
}
