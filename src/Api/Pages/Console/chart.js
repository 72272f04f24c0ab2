// A bar chart drawn as SVG elements (no library, no canvas): two bars a month, points issued and redeemed, with the
// month under each pair and a scale on the left. Numbers are set as text nodes. The chart starts as a copy of the
// page's empty <svg> template, which the HTML parser already placed in the SVG namespace.
const template = () => document.getElementById('chart-template');

function set(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function svg(tag, attributes = {}, text) {
  const node = set(document.createElementNS(template().namespaceURI, tag), attributes);
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** An SVG of months ([{ label, issued, redeemed }]) with a legend of the two series' names and a title. */
export function monthChart(months, { issued, redeemed, title }) {
  const width = 720, height = 260, left = 56, bottom = 30, top = 28;
  // An even top, so the scale's middle line is a whole number too.
  const max = Math.max(2, 2 * Math.ceil(Math.max(...months.flatMap(m => [m.issued, m.redeemed])) / 2));
  const scale = v => ((height - bottom - top) * v) / max;
  const slot = (width - left - 8) / months.length;
  const chart = set(template().cloneNode(false), { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-label': title });
  chart.removeAttribute('id');
  chart.removeAttribute('hidden');
  chart.append(svg('title', {}, title));
  for (const fraction of [0, 0.5, 1]) {
    const y = height - bottom - scale(max * fraction);
    chart.append(svg('line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, max * fraction));
  }
  months.forEach((m, i) => {
    const x = left + i * slot + slot * 0.15;
    const bar = slot * 0.33;
    chart.append(
      svg('rect', { x, y: height - bottom - scale(m.issued), width: bar, height: scale(m.issued), class: 'issued' },),
      svg('rect', { x: x + bar, y: height - bottom - scale(m.redeemed), width: bar, height: scale(m.redeemed), class: 'redeemed' }),
      svg('text', { x: x + bar, y: height - bottom + 18, 'text-anchor': 'middle', class: 'axis' }, m.label));
  });
  chart.append(
    svg('rect', { x: left, y: 6, width: 12, height: 12, class: 'issued' }), svg('text', { x: left + 16, y: 17, class: 'axis' }, issued),
    svg('rect', { x: left + 140, y: 6, width: 12, height: 12, class: 'redeemed' }), svg('text', { x: left + 156, y: 17, class: 'axis' }, redeemed));
  return chart;
}
