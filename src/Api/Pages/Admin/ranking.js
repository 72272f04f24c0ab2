// The district ranking of communities: GET /api/districts/{district}/leaderboard.
import { $, el, showMessage } from '/shared/dom.js';

export function createRanking(desk) {
  let entries = null;
  let message = null;

  function setCommunities(list) {
    const select = $('ranking-form').district;
    const chosen = select.value;
    const districts = [...new Set(list.map(c => c.district))].sort();
    select.replaceChildren(...districts.map(d => el('option', { value: d }, d)));
    if (districts.includes(chosen)) select.value = chosen;
  }

  function render() {
    const body = $('ranking-table').tBodies[0];
    const rows = entries ?? [];
    body.replaceChildren(...(entries && rows.length === 0
      ? [el('tr', {}, el('td', { colspan: 6 }, desk.t('ranking.none')))]
      : rows.map(e => el('tr', {},
        el('td', { class: 'num' }, String(e.rank)), el('td', {}, e.name), el('td', { class: 'num' }, String(e.households)),
        el('td', { class: 'num' }, String(e.pointsEarned)), el('td', { class: 'num' }, Number(e.pointsPerHousehold).toFixed(1)),
        el('td', { class: 'num' }, String(e.participations))))));
    showMessage($('ranking-message'), message, desk.t);
  }

  $('ranking-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!form.district.value) return;
    const query = new URLSearchParams({ period: form.period.value.trim() || 'all', by: form.by.value });
    try {
      const answer = await desk.api.get(`/api/districts/${encodeURIComponent(form.district.value)}/leaderboard?${query}`);
      entries = answer.entries;
      message = null;
    } catch (error) {
      entries = null;
      message = desk.describe(error);
    }
    render();
  });

  return { render, setCommunities };
}
