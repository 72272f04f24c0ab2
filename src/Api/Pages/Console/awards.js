// Awards and deductions (积分奖扣): pick the household, the member and the points item; the screen shows what the item
// gives or takes, how much of its monthly cap the household has left this month, and for a deduction the community's
// policy. One Idempotency-Key per award until a definite answer, so a double click or a lost answer records it once.
import { el } from '/shared/dom.js';
import { $, addView, cid, enc, load, postOnce, render, say, state, t } from './state.js';
import { button, field, fill, form, heading, input, message, options, select } from './ui.js';
import { openHousehold } from './households.js';

state.caps = null; // the open household's monthly-caps answer
state.lastAward = null;

export function mount(section) {
  section.append(
    heading('awards-heading', 'awards.heading'),
    form('award-household-form',
      field('award-passbook', 'awards.passbook', input('passbook', { maxlength: 64 }), 'awards.passbookHint'),
      button('award-load', 'awards.load', 'secondary', 'submit')),
    message('award-household'),
    form('award-form',
      el('p', { id: 'award-household', class: 'household-line' }),
      field('award-member', 'awards.member', select('member')),
      field('award-rule', 'awards.rule', select('ruleId')),
      el('p', { id: 'award-rule-facts', class: 'facts-line', role: 'status' }),
      el('p', { id: 'award-policy', class: 'hint' }),
      field('award-date', 'awards.date', input('occurredOn', { type: 'date' }), 'awards.dateHint'),
      field('award-note', 'awards.note', input('note', { maxlength: 500 }), 'awards.noteHint'),
      button('award-submit', 'awards.submit', 'primary', 'submit')),
    el('p', { id: 'award-result', class: 'result', role: 'status' }),
    message('award'));

  $('award-household-form').addEventListener('submit', async event => {
    event.preventDefault();
    await pickHousehold($('award-passbook').value.trim());
    render();
  });
  $('award-rule').addEventListener('change', render);
  $('award-form').addEventListener('submit', async event => {
    event.preventDefault();
    await award();
    render();
  });
}

/** On showing the screen: the household opened elsewhere, with its caps. */
export async function show() {
  const passbook = state.household?.account.passbook;
  if (passbook) {
    $('award-passbook').value = passbook;
    await loadCaps(passbook);
  }
}

async function pickHousehold(passbook) {
  if (!passbook) { say('award-household', 'awards.passbookMissing'); return; }
  state.lastAward = null;
  if (await openHousehold(passbook)) { say('award-household', null); await loadCaps(passbook); } else {
    state.messages['award-household'] = state.messages.household;
  }
}

async function loadCaps(passbook) {
  state.caps = await load('award-household', `/api/households/${enc(passbook)}/monthly-caps`);
}

async function award() {
  const body = { passbook: state.household.account.passbook, ruleId: $('award-rule').value, member: $('award-member').value };
  if (!body.ruleId) { say('award', 'awards.ruleMissing'); return; }
  const note = $('award-note').value.trim();
  if (note) body.note = note;
  // Left empty, the server dates the award today in the community's zone.
  const occurredOn = $('award-date').value;
  if (occurredOn) body.occurredOn = occurredOn;
  const answer = await postOnce('award', `/api/communities/${cid()}/awards`, body);
  if (!answer) return;
  state.lastAward = answer;
  $('award-note').value = '';
  await openHousehold(body.passbook);
  await loadCaps(body.passbook);
}

const ruleOf = id => state.rules.find(r => r.ruleId === id);

addView(() => {
  const household = state.household?.account;
  $('award-form').hidden = !household;
  if (!household) return;
  $('award-household').textContent = t('awards.household', { head: household.headName, passbook: household.passbook, balance: household.balance });
  options($('award-member'), household.members.map(m => ({ value: m, label: m })));
  options($('award-rule'), state.rules.map(r => ({ value: r.ruleId, label: `${r.name}（${r.points > 0 ? '+' : ''}${r.points}）` })), t('awards.pick'));
  const rule = ruleOf($('award-rule').value);
  const cap = state.caps?.passbook === household.passbook ? state.caps.items.find(i => i.ruleId === rule?.ruleId) : null;
  $('award-rule-facts').textContent = !rule ? ''
    : rule.points < 0 ? t('awards.deducts', { points: -rule.points })
    : rule.monthlyCap == null ? t('awards.earnsNoCap', { points: rule.points })
    : t('awards.earnsCap', { points: rule.points, cap: rule.monthlyCap, earned: cap?.earnedThisMonth ?? '–', left: cap?.left ?? '–', month: state.caps?.month ?? '' });
  $('award-rule-facts').classList.toggle('warning', Boolean(cap && cap.left < rule.points));
  $('award-policy').hidden = !(rule && rule.points < 0);
  $('award-policy').textContent = t(`policy.${state.community.deductionPolicy}`);
  $('award-submit').disabled = state.busy;
  const last = state.lastAward;
  $('award-result').hidden = !last;
  if (last) {
    $('award-result').textContent = t(last.kind === 'deduction' ? 'awards.deducted' : 'awards.awarded', {
      member: last.member, points: Math.abs(last.points), balance: last.balance, rule: ruleOf(last.ruleId)?.name ?? last.ruleId,
    });
  }
});
