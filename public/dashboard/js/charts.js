import { h, s, uid } from './dom.js';

/**
 * Small hand-drawn SVG charts. Every chart is an image with a title and description for
 * screen readers, plus the numbers in a table under a "Show data" disclosure.
 */

const niceMax = (value) => {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
};

/**
 * Vertical bars, optionally stacked: data = [{ label, values: [n, ...], note? }], series =
 * [{ name, className }], format(n) for axis and tooltips.
 */
/**
 * @param {{ data: { label: string, short?: string, note?: string, values: number[] }[], series: { name: string, className: string }[], title: string, description: string, width?: number, height?: number, format?: (value: number) => string, labelEvery?: number, highlightLast?: boolean }} options
 */
export function barChart({
  data,
  series,
  title,
  description,
  width = 600,
  height = 180,
  format = String,
  labelEvery = 1,
  highlightLast = false,
}) {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const pad = { top: 14, right: 8, bottom: 26, left: 44 };
  const innerWidth = width - pad.left - pad.right;
  const innerHeight = height - pad.top - pad.bottom;
  const totals = data.map((point) =>
    point.values.reduce((sum, value) => sum + (Number(value) || 0), 0),
  );
  const max = niceMax(Math.max(0, ...totals));
  const slot = innerWidth / Math.max(1, data.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.7));
  const y = (value) => pad.top + innerHeight - (value / max) * innerHeight;

  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
    },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description),
  );
  for (const tick of [0, max / 2, max]) {
    svg.append(
      s('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick) }),
      s(
        'text',
        { class: 'axis', x: pad.left - 6, y: y(tick) + 4, 'text-anchor': 'end' },
        format(tick),
      ),
    );
  }
  data.forEach((point, index) => {
    const x = pad.left + slot * index + (slot - barWidth) / 2;
    const group = s('g', {
      class: ['bar', highlightLast && index === data.length - 1 ? 'current' : ''].join(' ').trim(),
    });
    let base = 0;
    point.values.forEach((value, seriesIndex) => {
      const amount = Number(value) || 0;
      if (amount <= 0) return;
      const top = y(base + amount);
      group.append(
        s('rect', {
          class: series[seriesIndex]?.className ?? 'series-0',
          x,
          y: top,
          width: barWidth,
          height: Math.max(1, y(base) - top),
          rx: Math.min(3, barWidth / 3),
        }),
      );
      base += amount;
    });
    group.append(
      s(
        'title',
        null,
        `${point.label}: ${point.note ?? series.map((item, i) => `${format(point.values[i] ?? 0)} ${item.name}`).join(', ')}`,
      ),
    );
    svg.append(group);
    const lastFits = index === data.length - 1 && index % labelEvery >= labelEvery / 2;
    if (index % labelEvery === 0 || lastFits) {
      const center = x + barWidth / 2;
      const anchor =
        center > width - pad.right - 24 ? 'end' : center < pad.left + 12 ? 'start' : 'middle';
      const labelX = anchor === 'end' ? x + barWidth : anchor === 'start' ? x : center;
      svg.append(
        s(
          'text',
          { class: 'axis', x: labelX, y: height - 8, 'text-anchor': anchor },
          point.short ?? point.label,
        ),
      );
    }
  });
  const legend =
    series.length > 1
      ? h(
          'ul',
          { class: 'legend' },
          series.map((item) =>
            h(
              'li',
              null,
              h('span', { class: `swatch ${item.className}`, 'aria-hidden': 'true' }),
              item.name,
            ),
          ),
        )
      : null;
  return h(
    'figure',
    { class: 'chart-figure' },
    h('div', { class: 'chart-scroll' }, svg),
    legend,
    dataTable(
      title,
      ['Day', ...series.map((item) => item.name)],
      data.map((point) => [point.label, ...point.values.map((value) => format(value ?? 0))]),
    ),
  );
}

/** Horizontal bars with the label on the left: data = [{ label, value }]. */
export function hbarChart({
  data,
  title,
  description,
  width = 600,
  format = String,
  valueName = 'count',
}) {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const row = 26;
  const labelWidth = Math.min(160, width * 0.35);
  const height = Math.max(row, data.length * row) + 4;
  const max = Math.max(1, ...data.map((point) => point.value));
  const barSpace = width - labelWidth - 52;
  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
    },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description),
  );
  data.forEach((point, index) => {
    const top = index * row + 4;
    const length = Math.max(2, (point.value / max) * barSpace);
    svg.append(
      s(
        'g',
        { class: 'bar' },
        s(
          'text',
          { class: 'label', x: labelWidth - 8, y: top + 15, 'text-anchor': 'end' },
          truncate(point.label, 22),
        ),
        s('rect', {
          class: 'series-0',
          x: labelWidth,
          y: top + 3,
          width: length,
          height: row - 10,
          rx: 3,
        }),
        s('text', { class: 'value', x: labelWidth + length + 6, y: top + 15 }, format(point.value)),
        s('title', null, `${point.label}: ${format(point.value)} ${valueName}`),
      ),
    );
  });
  return h(
    'figure',
    { class: 'chart-figure' },
    h('div', { class: 'chart-scroll' }, svg),
    dataTable(
      title,
      ['Tag', valueName],
      data.map((point) => [point.label, format(point.value)]),
    ),
  );
}

const truncate = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function dataTable(caption, headers, rows) {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, 'Show data'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        null,
        h('caption', { class: 'sr-only' }, caption),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            headers.map((text) => h('th', { scope: 'col' }, text)),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((cells) =>
            h(
              'tr',
              null,
              cells.map((text, index) =>
                index === 0 ? h('th', { scope: 'row' }, text) : h('td', null, text),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The width a chart should be drawn at to fill its container (no scaling of text). */
export const chartWidth = (container) =>
  Math.max(280, Math.min(900, Math.floor(container.clientWidth || 600)));
