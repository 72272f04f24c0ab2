// Statistics (统计): a year's and each month's figures (activities, participations 人次, households taking part, points
// issued, redeemed, outstanding) with a chart per month drawn as SVG, and a CSV of the table. The CSV is made here from
// figures read with the key in its header, and saved from a blob: no key ever travels in an address.
import { el } from '/shared/dom.js';
import { $, addView, cid, load, render, say, state, t } from './state.js';
import { button, cell, field, fill, form, heading, input, message, table } from './ui.js';
import { monthChart } from './chart.js';

state.stats = null; // { year, total, months: [12] }

const columns = ['activities', 'participations', 'households', 'pointsIssued', 'pointsRedeemed', 'pointsOutstanding'];

export function mount(section) {
  section.append(
    heading('stats-heading', 'stats.heading'),
    form('stats-form',
      field('stats-year', 'stats.year', input('year', { type: 'number', min: 2000, max: 2100, step: 1, inputmode: 'numeric' })),
      button('stats-show', 'stats.show', 'primary', 'submit')),
    message('stats'),
    el('div', { id: 'stats', class: 'card' },
      el('div', { id: 'stats-chart', class: 'chart-wrap' }),
      table('stats-rows', [{ key: 'stats.period' }, ...columns.map(c => ({ key: `stats.${c}`, num: true }))]),
      button('stats-csv', 'stats.csv')));
  $('stats-year').value = new Date().getFullYear();
  $('stats-form').addEventListener('submit', async event => { event.preventDefault(); await loadYear(Number($('stats-year').value)); render(); });
  $('stats-csv').addEventListener('click', downloadCsv);
}

export async function show() {
  if (!state.stats) await loadYear(Number($('stats-year').value));
}

async function loadYear(year) {
  if (!(year >= 2000 && year <= 2100)) { say('stats', 'stats.badYear'); return; }
  const base = `/api/communities/${cid()}/stats?period=`;
  const periods = [String(year), ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)];
  const answers = await Promise.all(periods.map(p => load('stats', base + p)));
  if (answers.some(a => !a)) return;
  say('stats', null);
  state.stats = { year, total: answers[0], months: answers.slice(1) };
}

function rows() {
  const { total, months } = state.stats;
  return [...months.map((m, i) => ({ label: t('stats.month', { month: i + 1 }), figures: m })), { label: t('stats.total', { year: state.stats.year }), figures: total }];
}

function downloadCsv() {
  const quote = v => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const lines = [[t('stats.period'), ...columns.map(c => t(`stats.${c}`))], ...rows().map(r => [r.label, ...columns.map(c => r.figures[c])])];
  // A byte-order mark, so spreadsheets read the Chinese headings as UTF-8.
  const blob = new Blob(['\uFEFF' + lines.map(l => l.map(quote).join(',')).join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  const link = el('a', { href: URL.createObjectURL(blob), download: `stats-${state.me.communityId}-${state.stats.year}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

addView(() => {
  $('stats').hidden = !state.stats;
  if (!state.stats) return;
  fill($('stats-rows'), rows().map(r => el('tr', {}, cell(r.label), ...columns.map(c => cell(r.figures[c], true)))));
  const months = state.stats.months.map((m, i) => ({ label: i + 1, issued: m.pointsIssued, redeemed: m.pointsRedeemed }));
  fill($('stats-chart'), [monthChart(months, {
    issued: t('stats.pointsIssued'), redeemed: t('stats.pointsRedeemed'), title: t('stats.chart', { year: state.stats.year }),
  })]);
});
