import { api, describeError } from './api.js';
import { today } from './context.js';
import { byId, clear, h } from './dom.js';
import { barChart, chartWidth } from './charts.js';
import { addDays, compact, formatDay, formatInt, formatUsd } from './format.js';

/** @typedef {import('../types/api').components['schemas']['AiStatusResponseDto']} AiStatus */
/** @typedef {import('../types/api').components['schemas']['AiBackendStatusDto']} AiBackendStatus */
/** @typedef {import('../types/api').components['schemas']['AiUsageResponseDto']} AiUsage */
/** @typedef {import('../types/api').components['schemas']['AiUsageDayDto']} AiUsageDay */

/** AI backend status and usage, read as GET /ai/status and GET /ai/usage send them. */
const DAYS = 30;
let generation = 0;

export function showAi() {
  const mine = ++generation;
  loadStatus(mine);
  loadUsage(mine);
}

/** @param {number} mine */
async function loadStatus(mine) {
  const container = byId('ai-status');
  clear(container).append(h('p', { class: 'muted' }, 'Checking the AI backends…'));
  try {
    /** @type {AiStatus} */
    const status = await api('/ai/status');
    if (mine !== generation) return;
    clear(container).append(renderStatus(status));
  } catch (error) {
    if (mine !== generation) return;
    clear(container).append(h('p', { class: 'field-error' }, describeError(error)));
  }
}

/** @type {Record<AiBackendStatus['circuit_state'], { text: string, className: string }>} */
const CIRCUIT = {
  closed: { text: 'working', className: 'ok' },
  half_open: { text: 'probing', className: 'muted-badge' },
  open: { text: 'cooling down', className: 'failed' },
};

/** @param {AiStatus} status */
function renderStatus(status) {
  return h(
    'div',
    null,
    h('dl', { class: 'kv' }, h('dt', null, 'mode'), h('dd', null, status.mode)),
    h(
      'ul',
      { class: 'backend-list' },
      status.backends.map((backend) => {
        const circuit = CIRCUIT[backend.circuit_state];
        return h(
          'li',
          { class: 'card backend-card', 'data-backend': backend.name },
          h(
            'div',
            { class: 'backend-head' },
            h('strong', null, backend.name),
            backend.configured
              ? h(
                  'span',
                  {
                    class: ['chip', circuit.className],
                    title: `circuit ${words(backend.circuit_state)}`,
                  },
                  circuit.text,
                )
              : h('span', { class: ['chip', 'muted-badge'] }, 'not configured'),
          ),
          h(
            'dl',
            { class: 'kv' },
            backend.model !== null && [h('dt', null, 'model'), h('dd', null, backend.model)],
            h('dt', null, 'circuit'),
            h('dd', null, words(backend.circuit_state)),
            h('dt', null, 'consecutive failures'),
            h('dd', null, formatInt(backend.consecutive_failures)),
            backend.last_error_class !== null && [
              h('dt', null, 'last error'),
              h('dd', null, backend.last_error_class),
            ],
            backend.last_error_at !== null && [
              h('dt', null, 'last error at'),
              h('dd', null, new Date(backend.last_error_at).toLocaleString()),
            ],
          ),
        );
      }),
    ),
  );
}

/** @param {string} key */
const words = (key) => key.replace(/_/g, ' ');

/** @param {number} mine */
async function loadUsage(mine) {
  const container = byId('ai-usage');
  clear(container).append(h('p', { class: 'muted' }, 'Loading usage…'));
  try {
    /** @type {AiUsage} */
    const body = await api('/ai/usage', { query: { days: DAYS } });
    if (mine !== generation) return;
    renderUsage(container, body.items);
  } catch (error) {
    if (mine !== generation) return;
    clear(container).append(h('p', { class: 'field-error' }, describeError(error)));
  }
}

/**
 * @param {HTMLElement} container
 * @param {AiUsageDay[]} rows
 */
function renderUsage(container, rows) {
  clear(container);
  const end = today();
  const start = addDays(end, -(DAYS - 1));
  const byDay = new Map();
  const byBackend = new Map();
  for (const row of rows) {
    const day = byDay.get(row.date) ?? { input: 0, output: 0, cost: 0, requests: 0 };
    day.input += row.input_tokens;
    day.output += row.output_tokens;
    day.cost += row.cost_usd;
    day.requests += row.requests;
    byDay.set(row.date, day);
    const backend = byBackend.get(row.backend) ?? { requests: 0, input: 0, output: 0, cost: 0 };
    backend.requests += row.requests;
    backend.input += row.input_tokens;
    backend.output += row.output_tokens;
    backend.cost += row.cost_usd;
    byBackend.set(row.backend, backend);
  }
  const days = [];
  for (let index = 0; index < DAYS; index++) {
    const day = addDays(start, index);
    days.push({ day, ...(byDay.get(day) ?? { input: 0, output: 0, cost: 0, requests: 0 }) });
  }
  const totals = days.reduce(
    (sum, day) => ({
      tokens: sum.tokens + day.input + day.output,
      cost: sum.cost + day.cost,
      requests: sum.requests + day.requests,
    }),
    { tokens: 0, cost: 0, requests: 0 },
  );
  container.append(
    h(
      'div',
      { class: 'stats' },
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value' }, formatInt(totals.requests)),
        h('span', { class: 'stat-label' }, 'AI requests, 30 days'),
      ),
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value' }, compact(totals.tokens)),
        h('span', { class: 'stat-label' }, 'tokens'),
      ),
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value' }, formatUsd(totals.cost)),
        h('span', { class: 'stat-label' }, 'cost'),
      ),
    ),
  );
  if (rows.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No AI calls in the last 30 days.'));
    return;
  }
  const width = chartWidth(container);
  const label = (day) => ({
    label: formatDay(day.day),
    short: formatDay(day.day, { weekday: false }),
  });
  container.append(
    h('h3', { class: 'small-heading' }, 'Tokens per day'),
    barChart({
      data: days.map((day) => ({ ...label(day), values: [day.input, day.output] })),
      series: [
        { name: 'input tokens', className: 'series-0' },
        { name: 'output tokens', className: 'series-1' },
      ],
      title: 'Tokens per day, last 30 days',
      description: `${formatInt(totals.tokens)} tokens in total.`,
      format: compact,
      width,
      labelEvery: 7,
    }),
    h('h3', { class: 'small-heading' }, 'Cost per day'),
    barChart({
      data: days.map((day) => ({ ...label(day), values: [day.cost] })),
      series: [{ name: 'USD', className: 'series-2' }],
      title: 'Cost per day in US dollars, last 30 days',
      description: `${formatUsd(totals.cost)} in total.`,
      format: formatUsd,
      width,
      height: 140,
      labelEvery: 7,
    }),
    h('h3', { class: 'small-heading' }, 'By backend'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Backend', 'Requests', 'Input', 'Output', 'Cost'].map((text) =>
              h('th', { scope: 'col' }, text),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          [...byBackend].map(([name, value]) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, name),
              h('td', null, formatInt(value.requests)),
              h('td', null, compact(value.input)),
              h('td', null, compact(value.output)),
              h('td', null, formatUsd(value.cost)),
            ),
          ),
        ),
      ),
    ),
  );
}
