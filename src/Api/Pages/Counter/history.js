// The household's recent redemptions, from GET /api/households/{passbook}/redemptions: a clerk picks the one to
// cancel instead of typing its number.
import { formatPoints } from './basket.js';
import { el } from '/shared/dom.js';
import { formatTime } from './receipt.js';

/** How many recent redemptions the counter shows. */
export const historyLimit = 10;

export function renderHistory(list, state, t, editable, onCancel) {
  list.replaceChildren(...state.history.map(r => {
    const cancelled = r.status === 'cancelled';
    const items = (r.lines ?? []).map(l => `${l.name} ×${l.quantity}`).join('、');
    const row = el('li', { class: `history-item${cancelled ? ' cancelled' : ''}`, 'data-rid': r.redemptionId },
      el('span', { class: 'history-time' }, formatTime(r.at, state.lang)),
      el('span', { class: 'history-lines' }, items),
      el('span', { class: 'history-points' }, t('basket.points', { points: formatPoints(r.points, state.lang) })),
      el('span', { class: `badge ${cancelled ? 'cancelled' : 'completed'}` }, t(cancelled ? 'history.cancelled' : 'history.completed')));
    if (!cancelled) {
      const cancel = el('button', {
        type: 'button', class: 'danger', 'data-focus-id': `history-cancel-${r.redemptionId}`,
        'aria-label': t('history.cancelLabel', { id: r.redemptionId }), disabled: !editable,
      }, t('history.cancel'));
      cancel.addEventListener('click', () => onCancel(r.redemptionId));
      row.append(cancel);
    }
    return row;
  }));
}
