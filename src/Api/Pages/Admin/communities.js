// Communities: register one (POST /api/communities, kept Idempotency-Key) and list them all with their counts.
import { newIdempotencyKey } from '/shared/api.js';
import { $, disableForm, el, showMessage } from '/shared/dom.js';

export function createCommunities(desk, onLoaded) {
  let list = [];
  let message = null;
  let pending = null; // { body, key } kept until a definite answer, so a retry never registers twice

  async function load() {
    list = await desk.api.get('/api/communities');
    onLoaded(list);
    render();
  }

  function render() {
    const body = $('community-table').tBodies[0];
    body.replaceChildren(...(list.length === 0
      ? [el('tr', {}, el('td', { colspan: 8 }, desk.t('communities.none')))]
      : list.map(c => el('tr', {},
        el('td', { class: 'mono' }, c.id), el('td', {}, c.name), el('td', {}, c.district), el('td', {}, c.street),
        el('td', { class: 'num' }, String(c.households)), el('td', { class: 'num' }, String(c.pointsItems)),
        el('td', { class: 'num' }, String(c.activities)), el('td', { class: 'num' }, String(c.participations))))));
    showMessage($('community-message'), message, desk.t);
  }

  $('community-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.currentTarget;
    // namedItem: a form's own id and name properties would shadow the fields called id and name.
    const value = name => form.elements.namedItem(name).value.trim();
    const bodyText = JSON.stringify({ id: value('id'), name: value('name'), district: value('district'), street: value('street') });
    if (pending?.body !== bodyText) pending = { body: bodyText, key: newIdempotencyKey('admin') };
    disableForm(form, true);
    try {
      const created = await desk.api.postIdempotent('/api/communities', bodyText, pending.key);
      pending = null;
      message = { key: 'community.registered', params: { name: created.name }, tone: 'ok' };
      form.reset();
      await load();
    } catch (error) {
      message = desk.describe(error);
      if (error.status < 500) pending = null; // refused: nothing was recorded under this key
      render();
    } finally {
      disableForm(form, false);
    }
  });

  return { load, render };
}
