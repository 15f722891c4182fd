import { ApiError, api, describeError } from './api.js';
import { today } from './context.js';
import { byId, clear, h } from './dom.js';
import { barChart, chartWidth } from './charts.js';
import { addDays, compact, formatDay, formatInt, formatUsd } from './format.js';

/**
 * AI backend status and usage. Both endpoints are newer than this page may be: a missing
 * route shows "not available yet"; shapes are read leniently.
 */
const DAYS = 30;
let generation = 0;

export function showAi() {
  const mine = ++generation;
  loadStatus(mine);
  loadUsage(mine);
}

function notAvailable(container, what) {
  clear(container).append(h('p', { class: 'notice' }, `${what} is not available on this server yet. It will appear here once the server supports it.`));
}

async function loadStatus(mine) {
  const container = byId('ai-status');
  clear(container).append(h('p', { class: 'muted' }, 'Checking the AI backends…'));
  try {
    const status = await api('/ai/status');
    if (mine !== generation) return;
    clear(container).append(renderStatus(status));
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof ApiError && error.status === 404) notAvailable(container, 'AI backend status');
    else clear(container).append(h('p', { class: 'field-error' }, describeError(error)));
  }
}

const STATE_WORDS = /^(ok|up|healthy|available|ready|closed|true|online)$/i;
const BAD_WORDS = /^(down|unhealthy|unavailable|open|false|offline|error|failed)$/i;

function renderStatus(status) {
  const backends = Array.isArray(status?.backends)
    ? status.backends
    : status?.backends && typeof status.backends === 'object'
      ? Object.entries(status.backends).map(([name, value]) => ({ name, ...(typeof value === 'object' ? value : { status: value }) }))
      : null;
  const top = Object.entries(status ?? {}).filter(([key, value]) => key !== 'backends' && isPlain(value));
  return h('div', null,
    top.length > 0 && h('dl', { class: 'kv' }, top.map(([key, value]) => [h('dt', null, words(key)), h('dd', null, show(value))])),
    backends && h('ul', { class: 'backend-list' }, backends.map((backend) => {
      const name = backend.name ?? backend.backend ?? backend.id ?? 'backend';
      const stateValue = backend.status ?? backend.state ?? backend.available ?? backend.healthy ?? backend.circuit ?? backend.circuit_state;
      const good = STATE_WORDS.test(String(stateValue));
      const bad = BAD_WORDS.test(String(stateValue));
      const rest = Object.entries(backend).filter(([key, value]) => !['name', 'backend', 'id'].includes(key) && isPlain(value));
      return h('li', { class: 'card backend-card' },
        h('div', { class: 'backend-head' },
          h('strong', null, name),
          stateValue !== undefined && h('span', { class: ['chip', good ? 'ok' : bad ? 'failed' : 'muted-badge'] }, show(stateValue))),
        rest.length > 0 && h('dl', { class: 'kv' }, rest.map(([key, value]) => [h('dt', null, words(key)), h('dd', null, show(value))])),
      );
    })),
  );
}

const isPlain = (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const words = (key) => key.replace(/_/g, ' ');
const show = (value) => (value === null ? '–' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

async function loadUsage(mine) {
  const container = byId('ai-usage');
  clear(container).append(h('p', { class: 'muted' }, 'Loading usage…'));
  try {
    const body = await api('/ai/usage', { query: { days: DAYS } });
    if (mine !== generation) return;
    renderUsage(container, normalizeUsage(body));
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof ApiError && error.status === 404) notAvailable(container, 'AI usage');
    else clear(container).append(h('p', { class: 'field-error' }, describeError(error)));
  }
}

/** Rows of { day, backend, requests, input_tokens, output_tokens, cost_usd } from any likely shape. */
export function normalizeUsage(body) {
  const list = Array.isArray(body) ? body : (body?.items ?? body?.days ?? body?.usage ?? body?.daily ?? []);
  const rows = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const day = String(entry.day ?? entry.date ?? '').slice(0, 10);
    const nested = Array.isArray(entry.backends)
      ? entry.backends
      : entry.by_backend && typeof entry.by_backend === 'object'
        ? Object.entries(entry.by_backend).map(([backend, value]) => ({ backend, ...value }))
        : [entry];
    for (const part of nested) {
      rows.push({
        day,
        backend: part.backend ?? part.name ?? entry.backend ?? 'all',
        requests: Number(part.requests ?? part.calls ?? 0) || 0,
        input_tokens: Number(part.input_tokens ?? 0) || 0,
        output_tokens: Number(part.output_tokens ?? 0) || 0,
        cost_usd: Number(part.cost_usd ?? part.cost ?? 0) || 0,
      });
    }
  }
  return rows.filter((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.day));
}

function renderUsage(container, rows) {
  clear(container);
  const end = today();
  const start = addDays(end, -(DAYS - 1));
  const byDay = new Map();
  const byBackend = new Map();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { input: 0, output: 0, cost: 0, requests: 0 };
    day.input += row.input_tokens;
    day.output += row.output_tokens;
    day.cost += row.cost_usd;
    day.requests += row.requests;
    byDay.set(row.day, day);
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
  const totals = days.reduce((sum, day) => ({ tokens: sum.tokens + day.input + day.output, cost: sum.cost + day.cost, requests: sum.requests + day.requests }), { tokens: 0, cost: 0, requests: 0 });
  container.append(h('div', { class: 'stats' },
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, formatInt(totals.requests)), h('span', { class: 'stat-label' }, 'AI requests, 30 days')),
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, compact(totals.tokens)), h('span', { class: 'stat-label' }, 'tokens')),
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, formatUsd(totals.cost)), h('span', { class: 'stat-label' }, 'cost')),
  ));
  if (rows.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No AI calls in the last 30 days.'));
    return;
  }
  const width = chartWidth(container);
  const label = (day) => ({ label: formatDay(day.day), short: formatDay(day.day, { weekday: false }) });
  container.append(
    h('h3', { class: 'small-heading' }, 'Tokens per day'),
    barChart({
      data: days.map((day) => ({ ...label(day), values: [day.input, day.output] })),
      series: [{ name: 'input tokens', className: 'series-0' }, { name: 'output tokens', className: 'series-1' }],
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
    h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('thead', null, h('tr', null, ['Backend', 'Requests', 'Input', 'Output', 'Cost'].map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', null, [...byBackend].map(([name, value]) => h('tr', null,
        h('th', { scope: 'row' }, name), h('td', null, formatInt(value.requests)), h('td', null, compact(value.input)),
        h('td', null, compact(value.output)), h('td', null, formatUsd(value.cost))))),
    )),
  );
}
