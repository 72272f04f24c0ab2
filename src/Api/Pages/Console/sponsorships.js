// Sponsorships (爱心赞助): record what a registered partner gives, donated goods (received into stock, credited to the
// donor) or a points budget that activities it organises draw on, and see each budget's use and where its points went.
import { el } from '/shared/dom.js';
import { $, addView, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, options, select, table } from './ui.js';

state.sponsorships = [];
state.partners = [];
state.sponsorship = null; // the sponsorship open with its draws

export function mount(section) {
  const kind = select('kind');
  kind.append(el('option', { value: 'points', 'data-i18n': 'sponsor.points' }), el('option', { value: 'goods', 'data-i18n': 'sponsor.goods' }));
  section.append(
    heading('sponsorships-heading', 'sponsor.heading'),
    table('sponsorship-rows', [
      { key: 'sponsor.id' }, { key: 'sponsor.name' }, { key: 'sponsor.kind' }, { key: 'sponsor.given', num: true },
      { key: 'sponsor.used', num: true }, { key: 'sponsor.remaining', num: true }, { key: 'sponsor.open' },
    ]),
    message('sponsorships'),
    el('article', { id: 'sponsorship', class: 'card', 'aria-live': 'polite' },
      el('h3', { id: 'sponsorship-title', tabindex: -1 }),
      el('p', { id: 'sponsorship-facts', class: 'muted' }),
      el('ul', { id: 'sponsorship-draws', class: 'results' })),
    el('section', { class: 'card', 'aria-labelledby': 'sponsor-form-heading' },
      el('h3', { id: 'sponsor-form-heading', 'data-i18n': 'sponsor.record' }),
      form('sponsor-form',
        field('sponsor-partner', 'sponsor.partner', select('partnerId'), 'sponsor.partnerHint'),
        field('sponsor-kind', 'sponsor.kind', kind),
        field('sponsor-points', 'sponsor.budget', input('points', { type: 'number', min: 1, max: 100000000, step: 1, inputmode: 'numeric' })),
        field('sponsor-sku', 'sponsor.sku', select('sku')),
        field('sponsor-quantity', 'sponsor.quantity', input('quantity', { type: 'number', min: 1, max: 1000000, step: 1, inputmode: 'numeric' })),
        field('sponsor-note', 'sponsor.note', input('note', { maxlength: 200 })),
        button('sponsor-submit', 'sponsor.submit', 'primary', 'submit')),
      message('sponsor')));

  $('sponsor-kind').addEventListener('change', render);
  $('sponsorship-rows').addEventListener('click', async event => {
    const id = event.target.closest('button[data-sponsorship]')?.dataset.sponsorship;
    if (!id) return;
    state.sponsorship = await load('sponsorships', `/api/communities/${cid()}/sponsorships/${enc(id)}`);
    render();
    $('sponsorship-title').focus();
  });
  $('sponsor-form').addEventListener('submit', async event => { event.preventDefault(); await record(); render(); });
}

export async function show() {
  const base = `/api/communities/${cid()}`;
  const [list, partners, catalog, activities] = await Promise.all([
    load('sponsorships', `${base}/sponsorships`), load('sponsorships', `${base}/partners`), load('sponsorships', `${base}/catalog`),
    load('sponsorships', `${base}/activities`)]);
  if (list) state.sponsorships = list.sponsorships;
  if (partners) state.partners = partners.partners;
  if (catalog) state.catalog = catalog.items;
  if (activities) state.activities = activities.activities;
}

async function record() {
  const goods = $('sponsor-kind').value === 'goods';
  const number = id => ($(id).value ? Number($(id).value) : null);
  const body = {
    // The id only has to be unique in the community; people never type it.
    id: `sp-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${Math.random().toString(36).slice(2, 8)}`,
    partnerId: $('sponsor-partner').value,
    kind: goods ? 'goods' : 'points',
    ...(goods ? { sku: $('sponsor-sku').value, quantity: number('sponsor-quantity') } : { points: number('sponsor-points') }),
  };
  const note = $('sponsor-note').value.trim();
  if (note) body.note = note;
  // A retry after a lost answer must send the same body, id included, or it would record the gift twice.
  const last = state.attempts.sponsor;
  if (last) { const previous = JSON.parse(last.body); if (JSON.stringify({ ...previous, id: '' }) === JSON.stringify({ ...body, id: '' })) body.id = previous.id; }
  const answer = await postOnce('sponsor', `/api/communities/${cid()}/sponsorships`, body);
  if (!answer) return;
  say('sponsor', goods ? 'sponsor.doneGoods' : 'sponsor.donePoints', { name: answer.sponsorName, given: answer.given }, 'ok');
  $('sponsor-form').reset();
  await show();
}

const kindOf = s => t(`sponsor.${s.kind}`) + (s.sku ? `（${state.catalog.find(i => i.sku === s.sku)?.name ?? s.sku}）` : '');

addView(() => {
  fill($('sponsorship-rows'), state.sponsorships.map(s => el('tr', {},
    cell(s.id), cell(s.sponsorName), cell(kindOf(s)), cell(s.given, true), cell(s.used, true), cell(s.remaining, true),
    el('td', {}, el('button', { type: 'button', class: 'secondary small', 'data-sponsorship': s.id }, t('sponsor.open'))))));
  const goods = $('sponsor-kind').value === 'goods';
  $('sponsor-points').closest('.field').hidden = goods;
  $('sponsor-sku').closest('.field').hidden = !goods;
  $('sponsor-quantity').closest('.field').hidden = !goods;
  options($('sponsor-partner'), state.partners.map(p => ({ value: p.id, label: p.name })));
  options($('sponsor-sku'), state.catalog.filter(i => i.kind === 'goods' && !i.withdrawn).map(i => ({ value: i.sku, label: i.name })));
  const s = state.sponsorship;
  $('sponsorship').hidden = !s;
  if (!s) return;
  $('sponsorship-title').textContent = t('sponsor.title', { name: s.sponsorName, id: s.id });
  $('sponsorship-facts').textContent = s.kind === 'points'
    ? t('sponsor.factsPoints', { given: s.given, used: s.used, remaining: s.remaining })
    : t('sponsor.factsGoods', { given: s.given, item: kindOf(s) });
  fill($('sponsorship-draws'), s.draws.map(d => el('li', {}, t('sponsor.draw', { activity: activityTitle(d.activityId), points: d.points, count: d.participants }))));
  if (s.kind === 'points' && s.draws.length === 0) $('sponsorship-draws').append(el('li', { class: 'muted' }, t('sponsor.noDraws')));
});

const activityTitle = id => state.activities?.find(a => a.id === id)?.title ?? id;
