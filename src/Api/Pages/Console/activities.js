// Volunteer activities (志愿活动): schedule one, then tick its participants from the community's households and
// members (ticklist.js), see who is already in, and add more later. The answer names anyone refused and why.
import { el } from '/shared/dom.js';
import { $, addView, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, field, fill, form, heading, input, message, options, select } from './ui.js';
import { drawTickList, loadTickList, mountTickList, resetTicks, selectedParticipants } from './ticklist.js';

state.activities = [];
state.activity = null; // the activity open for participants, with its participants
state.added = null; // the last participants answer

// The API takes at most 500 participants a request; more are sent in several.
const perRequest = 500;

export function mount(section) {
  const kinds = select('kind');
  kinds.append(...['enterprise', 'social-organization', 'partner-unit'].map(k => el('option', { value: k, 'data-i18n': `organizer.${k}` })));
  section.append(
    heading('activities-heading', 'activities.heading'),
    el('ul', { id: 'activity-list', class: 'results' }),
    el('details', { id: 'schedule', class: 'card' },
      el('summary', { 'data-i18n': 'schedule.heading' }),
      form('schedule-form',
        field('schedule-title', 'schedule.title', input('title', { maxlength: 100 })),
        field('schedule-kind', 'schedule.kind', kinds),
        field('schedule-organizer', 'schedule.organizer', input('organizer', { maxlength: 100 })),
        field('schedule-sponsorship', 'schedule.sponsorship', select('sponsorshipId'), 'schedule.sponsorshipHint'),
        field('schedule-date', 'schedule.date', input('date', { type: 'date' })),
        field('schedule-points', 'schedule.points', input('points', { type: 'number', min: 1, max: 1000000, step: 1, inputmode: 'numeric' })),
        button('schedule-submit', 'schedule.submit', 'primary', 'submit')),
      message('schedule')),
    el('article', { id: 'activity', class: 'card' },
      el('h3', { id: 'activity-title', tabindex: -1 }),
      el('p', { id: 'activity-facts', class: 'muted' }),
      el('p', { id: 'activity-in-count', class: 'facts-line' }),
      el('ul', { id: 'activity-in', class: 'chips' }),
      el('h4', { 'data-i18n': 'tick.heading' }),
      el('div', { id: 'ticklist-host' }),
      button('participants-submit', 'tick.submit', 'primary'),
      el('div', { id: 'participants-result', role: 'status' }),
      message('participants')));
  mountTickList($('ticklist-host'));

  $('activity-list').addEventListener('click', async event => {
    const id = event.target.closest('button[data-activity]')?.dataset.activity;
    if (id) { await openActivity(id); render(); $('activity-title').focus(); }
  });
  $('schedule-form').addEventListener('submit', async event => {
    event.preventDefault();
    await schedule();
    render();
  });
  $('participants-submit').addEventListener('click', async () => { await addParticipants(); render(); });
  // A budget funds only its own sponsor's activities: choosing one names the sponsor as the organiser.
  $('schedule-sponsorship').addEventListener('change', () => {
    const budget = (state.sponsorships ?? []).find(s => s.id === $('schedule-sponsorship').value);
    if (budget) $('schedule-organizer').value = budget.sponsorName;
  });
}

export async function show() {
  const [answer, sponsorships] = await Promise.all([
    load('schedule', `/api/communities/${cid()}/activities`), load('schedule', `/api/communities/${cid()}/sponsorships`)]);
  if (answer) state.activities = answer.activities;
  if (sponsorships) state.sponsorships = sponsorships.sponsorships;
}

async function openActivity(id) {
  const activity = await load('participants', `/api/communities/${cid()}/activities/${enc(id)}`);
  if (!activity) return;
  if (state.activity?.id !== id) { state.added = null; resetTicks(); }
  state.activity = activity;
  await loadTickList();
  drawTickList();
}

async function schedule() {
  const date = $('schedule-date').value;
  const body = {
    // The id only has to be unique in the community; people never type it.
    id: `act-${date.replaceAll('-', '')}-${Math.random().toString(36).slice(2, 8)}`,
    title: $('schedule-title').value.trim(),
    organizer: { kind: $('schedule-kind').value, name: $('schedule-organizer').value.trim() },
    date: date || null,
    points: $('schedule-points').value ? Number($('schedule-points').value) : null,
  };
  if ($('schedule-sponsorship').value) body.sponsorshipId = $('schedule-sponsorship').value;
  const last = state.attempts.schedule;
  // A retry after a lost answer must send the same body, id included, or it would schedule a second activity.
  if (last) { const previous = JSON.parse(last.body); if (sameApartFromId(previous, body)) body.id = previous.id; }
  const answer = await postOnce('schedule', `/api/communities/${cid()}/activities`, body);
  if (!answer) return;
  $('schedule-form').reset();
  $('schedule').open = false;
  say('schedule', 'schedule.done', { title: answer.title }, 'ok');
  await show();
  await openActivity(answer.id);
}

function sameApartFromId(a, b) { return JSON.stringify({ ...a, id: '' }) === JSON.stringify({ ...b, id: '' }); }

async function addParticipants() {
  const all = selectedParticipants();
  if (all.length === 0) { say('participants', 'tick.none'); return; }
  const total = { awarded: [], alreadyAwarded: [], rejected: [] };
  for (let i = 0; i < all.length; i += perRequest) {
    const answer = await postOnce('participants', `/api/communities/${cid()}/activities/${enc(state.activity.id)}/participants`,
      { participants: all.slice(i, i + perRequest) });
    if (!answer) break;
    for (const key of Object.keys(total)) total[key].push(...answer[key]);
  }
  state.added = total;
  await openActivity(state.activity.id);
  await show();
}

addView(() => {
  options($('schedule-sponsorship'), (state.sponsorships ?? []).filter(s => s.kind === 'points')
    .map(s => ({ value: s.id, label: t('schedule.budget', { name: s.sponsorName, remaining: s.remaining }) })), t('schedule.communityFunded'));
  fill($('activity-list'), state.activities.map(a => el('li', {},
    el('strong', {}, a.title), ' ',
    el('span', { class: 'muted' }, t('activities.line', { date: a.date, organizer: a.organizer.name, points: a.points, count: a.participants })),
    el('button', { type: 'button', class: 'secondary', 'data-activity': a.id }, t('activities.open')))));
  if (state.activities.length === 0) $('activity-list').append(el('li', { class: 'muted' }, t('activities.none')));
  const a = state.activity;
  $('activity').hidden = !a;
  if (!a) return;
  $('activity-title').textContent = a.title;
  $('activity-facts').textContent = t('activities.facts', {
    date: a.date, kind: t(`organizer.${a.organizer.kind}`), organizer: a.organizer.name, points: a.points,
  });
  $('activity-in-count').textContent = t('activities.in', { count: a.participants.length });
  fill($('activity-in'), a.participants.map(p => el('li', {}, `${p.member} · ${p.passbook}`)));
  $('participants-submit').textContent = t('tick.submitCount', { count: selectedParticipants().length });
  $('participants-submit').disabled = state.busy;
  const added = state.added;
  fill($('participants-result'), added ? [
    el('p', { class: 'result' }, t('tick.result', { awarded: added.awarded.length, already: added.alreadyAwarded.length, rejected: added.rejected.length })),
    added.rejected.length ? el('ul', { class: 'refused' }, ...added.rejected.map(r =>
      el('li', {}, t('tick.refused', { passbook: r.passbook, member: r.member ?? '', reason: t(`reason.${r.reason}`) })))) : null,
  ] : []);
});
