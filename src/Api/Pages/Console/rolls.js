// Honour rolls (荣誉榜): preview the ranking of a month, quarter or year (ties share a rank), publish it after a
// confirmation that says publishing is final, then open or print the poster (public, so its address needs no key).
import { el } from '/shared/dom.js';
import { $, addView, api, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, table } from './ui.js';
import { ask } from './confirm.js';

state.preview = null; // { period, top, entries }
state.published = null; // the published roll of the previewed period, if any

const periodPattern = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

export function mount(section) {
  section.append(
    heading('rolls-heading', 'rolls.heading'),
    form('roll-form',
      field('roll-period', 'rolls.period', input('period', { maxlength: 7 }), 'rolls.periodHint'),
      field('roll-top', 'rolls.top', input('top', { type: 'number', min: 1, max: 100, step: 1, value: 20, inputmode: 'numeric' })),
      button('roll-preview', 'rolls.preview', 'primary', 'submit')),
    message('roll'),
    el('div', { id: 'roll', class: 'card' },
      el('h3', { id: 'roll-title', tabindex: -1 }),
      el('p', { id: 'roll-state', class: 'facts-line', role: 'status' }),
      table('roll-entries', [
        { key: 'rolls.rank', num: true }, { key: 'rolls.head' }, { key: 'rolls.passbook' }, { key: 'rolls.members' }, { key: 'rolls.points', num: true },
      ]),
      el('div', { class: 'actions' },
        button('roll-publish', 'rolls.publish', 'danger'),
        button('roll-open', 'rolls.open'),
        button('roll-print', 'rolls.print', 'primary')),
      message('publish')));
  $('roll-period').value = thisMonth();
  $('roll-form').addEventListener('submit', async event => { event.preventDefault(); await preview(); render(); });
  $('roll-publish').addEventListener('click', async () => { await publish(); render(); });
  $('roll-open').addEventListener('click', () => poster(false));
  $('roll-print').addEventListener('click', () => poster(true));
}

function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

async function preview() {
  const period = $('roll-period').value.trim().toUpperCase();
  const top = Number($('roll-top').value || 20);
  if (!periodPattern.test(period)) { say('roll', 'rolls.badPeriod'); return; }
  const base = `/api/communities/${cid()}`;
  const board = await load('roll', `${base}/leaderboard?period=${enc(period)}&top=${top}`);
  if (!board) return;
  say('roll', null);
  state.preview = { period: board.period, top, entries: board.entries };
  state.published = await publishedRoll(board.period);
}

async function publishedRoll(period) {
  // 404: not published yet. Anything else leaves the publish button, whose answer will tell.
  try { return await api.get(`/api/communities/${cid()}/honor-rolls/${enc(period)}`); } catch { return null; }
}

async function publish() {
  const { period, top } = state.preview;
  if (!await ask('rolls.confirm', { period, top })) return;
  const answer = await postOnce('publish', `/api/communities/${cid()}/honor-rolls`, { period, top });
  if (!answer) return;
  state.published = answer;
  say('publish', 'rolls.published', { period }, 'ok');
}

function poster(print) {
  // The poster is for the notice board: Chinese whatever the console's language.
  const url = `/api/communities/${cid()}/honor-rolls/${enc(state.published.period)}?format=html`;
  const win = window.open(url, '_blank');
  if (print && win) win.addEventListener('load', () => win.print(), { once: true });
}

const tied = (entries, i) => entries.some((e, j) => j !== i && e.rank === entries[i].rank);

addView(() => {
  const p = state.preview;
  $('roll').hidden = !p;
  if (!p) return;
  const published = state.published;
  const entries = published ? published.entries : p.entries;
  $('roll-title').textContent = t('rolls.title', { community: state.community?.name ?? '', period: p.period });
  $('roll-state').textContent = published
    ? t('rolls.isPublished', { at: new Date(published.publishedAt).toLocaleString(state.lang), by: published.publishedBy })
    : t('rolls.isPreview', { count: entries.length });
  fill($('roll-entries'), entries.map((e, i) => el('tr', {},
    cell(tied(entries, i) ? `${e.rank} ${t('rolls.tie')}` : e.rank, true), cell(e.headName), cell(e.passbook),
    cell(e.members.map(m => `${m.member} ${m.points}`).join('、')), cell(e.points, true))));
  if (entries.length === 0) $('roll-entries').append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('rolls.empty'))));
  $('roll-publish').hidden = Boolean(published);
  $('roll-publish').disabled = state.busy;
  $('roll-open').hidden = !published;
  $('roll-print').hidden = !published;
});
