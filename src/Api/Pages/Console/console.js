// The committee console (两委工作台): sign in with a committee key, then households, awards and deductions, activities
// and their participants, corrections, catalogue and stock, honour rolls and statistics, one screen at a time. This
// module wires sign-in, navigation and the language switch, and starts the page.
import { $, addView, api, enc, rememberLanguage, render, say, sayError, session, state, t } from './state.js';
import * as households from './households.js';
import * as awards from './awards.js';
import * as activities from './activities.js';
import * as catalog from './catalog.js';
import * as rolls from './rolls.js';
import * as stats from './stats.js';
import * as periods from './periods.js';
import * as expiry from './expiry.js';
import * as partners from './partners.js';
import * as sponsorships from './sponsorships.js';

const screens = { households, awards, activities, catalog, partners, sponsorships, rolls, stats, periods, expiry };
for (const [name, screen] of Object.entries(screens)) screen.mount($(`screen-${name}`));

addView(() => {
  const signedIn = Boolean(state.me);
  $('signed-out').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').hidden = !signedIn;
  if (signedIn) $('who').textContent = t('who', { community: state.community?.name ?? state.me.communityId, label: state.me.label });
  for (const name of Object.keys(screens)) $(`screen-${name}`).hidden = state.screen !== name;
  document.querySelectorAll('#nav button').forEach(b => b.setAttribute('aria-current', b.dataset.screen === state.screen ? 'page' : 'false'));
});

async function signIn(key) {
  session.key = key;
  try {
    const me = await api.get('/api/me');
    if (me?.role !== 'committee') {
      session.key = null;
      say('signin', 'signin.notCommittee', { role: t(`role.${me?.role}`) });
      return false;
    }
    state.me = me;
    say('signin', null);
    const base = `/api/communities/${enc(me.communityId)}`;
    [state.community, state.rules] = await Promise.all([api.get(base), api.get(`${base}/rules`)]);
    return true;
  } catch (error) {
    // Only a refusal forgets the key: after a network failure the committee may simply try again.
    if (error.status === 401) { session.key = null; say('signin', 'signin.wrongKey'); } else sayError('signin', error);
    state.me = null;
    return false;
  }
}

/** Shows a screen; its show() loads what it needs. Other modules switch screens through this too. */
export async function show(name) {
  state.screen = name;
  render();
  await screens[name].show?.();
  render();
}
window.addEventListener('console:show', event => show(event.detail));

$('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) { say('signin', 'signin.missing'); render(); return; }
  if (await signIn(key)) { $('api-key').value = ''; await show(state.screen); $('search-q').focus(); } else { render(); $('api-key').select(); }
});
$('sign-out').addEventListener('click', () => {
  session.key = null;
  location.reload();
});
$('lang-switch').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  rememberLanguage(state.lang);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) { url.searchParams.set('lang', state.lang); history.replaceState(null, '', url); }
  render();
});
$('nav').addEventListener('click', event => {
  const name = event.target.closest('button')?.dataset.screen;
  if (name) show(name);
});

(async function start() {
  render();
  if (session.key && await signIn(session.key)) await show(state.screen); else { render(); $('api-key').focus(); }
  // Tells automated checks (and anyone curious) that the page has settled after loading.
  document.documentElement.dataset.ready = 'true';
})();
