import { ApiError, api, describeError } from './api.js';
import { byId, clear, h, icon } from './dom.js';
import { percent, relativeTime, timeRange } from './format.js';
import { announce, toast } from './live.js';

/**
 * Consciousness checks: the latest one, its history, "run a check now", and pin/dismiss of
 * insights. Pin/dismiss use POST /consciousness-checks/{id}/insights/{index}/pin|dismiss when
 * the server has them, and otherwise remember the choice on this device.
 */
const LOCAL_KEY = 'pai.insightMarks';
let els;
let checks = [];
let selected = null;
let generation = 0;

export function initInsights() {
  els = { run: byId('insights-run'), current: byId('insights-current'), history: byId('insights-history'), status: byId('insights-status') };
  els.run.addEventListener('click', runCheck);
}

export function resetInsights() {
  generation++;
  checks = [];
  selected = null;
  clear(els.current);
  clear(els.history);
}

export async function showInsights() {
  const mine = ++generation;
  els.current.setAttribute('aria-busy', 'true');
  try {
    const page = await api('/consciousness-checks', { query: { limit: 20 } });
    if (mine !== generation) return;
    checks = page.items ?? [];
    selected = checks.find((check) => check.id === selected?.id) ?? checks[0] ?? null;
    render();
  } catch (error) {
    if (mine !== generation) return;
    clear(els.history);
    if (error instanceof ApiError && error.status === 404) {
      clear(els.current).append(h('p', { class: 'notice' }, 'Consciousness checks are not available on this server yet. Once they are, the patterns and insights in your recent thoughts appear here.'));
    } else clear(els.current).append(h('p', { class: 'field-error' }, describeError(error, 'Could not load checks')));
  } finally {
    if (mine === generation) els.current.setAttribute('aria-busy', 'false');
  }
}

/** A check finished (SSE): show it first. */
export function checkCompleted(check) {
  checks = [check, ...checks.filter((item) => item.id !== check.id)];
  selected = check;
  if (!byId('view-insights').hidden) render();
  announce(`Consciousness check finished: ${check.insights?.length ?? 0} insights, ${check.patterns?.length ?? 0} patterns`);
}

async function runCheck() {
  els.run.disabled = true;
  els.status.textContent = 'Running a check over your recent thoughts…';
  try {
    const check = await api('/consciousness-check', { method: 'POST' });
    els.status.textContent = '';
    if (check?.id) checkCompleted(check);
    else showInsights();
  } catch (error) {
    els.status.textContent = '';
    if (error instanceof ApiError && error.status === 404) toast('Running a check is not available on this server yet.');
    else toast(describeError(error), { kind: 'error' });
  } finally {
    els.run.disabled = false;
  }
}

function render() {
  clear(els.current);
  clear(els.history);
  if (!selected) {
    els.current.append(h('p', { class: 'empty' }, 'No checks yet. Run one now, or wait for the next scheduled check.'));
    return;
  }
  els.current.append(renderCheck(selected));
  if (checks.length > 1) {
    els.history.append(h('h2', { class: 'small-heading' }, 'Earlier checks'),
      h('ul', { class: 'history-list' }, checks.map((check) => h('li', null,
        h('button', { type: 'button', class: ['history-item', check.id === selected.id && 'is-current'], 'aria-current': check.id === selected.id ? 'true' : undefined,
          onclick: () => { selected = check; render(); els.current.querySelector('h2')?.focus(); } },
          h('span', null, relativeTime(check.created_at)),
          h('span', { class: 'muted small' }, `${check.new_thought_count ?? 0} new thoughts · ${check.insights?.length ?? 0} insights`),
        )))));
  }
}

function renderCheck(check) {
  const marks = localMarks();
  const insights = (check.insights ?? []).map((insight, index) => ({ insight, index, ...mark(check, insight, index, marks) }));
  const visible = insights.filter((item) => !item.dismissed).sort((a, b) => Number(b.pinned) - Number(a.pinned));
  const dismissed = insights.filter((item) => item.dismissed);
  return h('article', { class: 'check' },
    h('h2', { tabindex: '-1', class: 'check-title' }, `Check from ${relativeTime(check.created_at)}`),
    h('p', { class: 'muted small' },
      [`${check.new_thought_count ?? 0} new thoughts`,
        check.window_start && check.window_end && timeRange(check.window_start, check.window_end),
        check.backend && `${check.backend}${check.model ? ` / ${check.model}` : ''}`,
        Number.isFinite(check.duration_ms) && `${(check.duration_ms / 1000).toFixed(1)} s`].filter(Boolean).join(' · ')),
    check.summary && h('p', { class: 'summary' }, check.summary),
    h('section', { 'aria-label': 'Insights' },
      h('h3', { class: 'small-heading' }, 'Insights'),
      visible.length === 0 ? h('p', { class: 'muted' }, 'No insights in this check.') : h('ul', { class: 'insight-list' }, visible.map((item) => renderInsight(check, item))),
      dismissed.length > 0 && h('details', { class: 'dismissed' }, h('summary', null, `${dismissed.length} dismissed`),
        h('ul', { class: 'insight-list' }, dismissed.map((item) => renderInsight(check, item)))),
    ),
    (check.patterns ?? []).length > 0 && h('section', { 'aria-label': 'Patterns' },
      h('h3', { class: 'small-heading' }, 'Patterns'),
      h('ul', { class: 'pattern-list' }, check.patterns.map((pattern) => h('li', { class: 'card pattern' },
        h('div', { class: 'meta' }, pattern.kind && h('span', { class: 'badge type' }, pattern.kind),
          Number.isFinite(pattern.confidence) && h('span', { class: 'muted small' }, `${percent(pattern.confidence)} sure`)),
        h('strong', null, pattern.title ?? ''),
        pattern.description && h('p', null, pattern.description),
        evidence(pattern.thought_ids),
      )))),
    (check.suggestions ?? []).length > 0 && h('section', { 'aria-label': 'Suggestions from this check' },
      h('h3', { class: 'small-heading' }, 'Suggestions'),
      h('ul', { class: 'plain-list' }, check.suggestions.map((suggestion) => h('li', null,
        typeof suggestion === 'string' ? suggestion : (suggestion.title ?? suggestion.description ?? ''),
        Number.isFinite(suggestion?.confidence) ? h('span', { class: 'muted small' }, ` · ${percent(suggestion.confidence)} sure`) : null))),
      h('p', { class: 'small' }, h('a', { href: '#/inbox' }, 'Review suggestions in the inbox'))),
  );
}

function renderInsight(check, { insight, index, pinned, dismissed }) {
  return h('li', { class: ['card', 'insight', pinned && 'is-pinned'] },
    h('div', { class: 'insight-head' },
      pinned && h('span', { class: 'pin-mark', title: 'Pinned' }, icon('pin', 16), h('span', { class: 'sr-only' }, 'Pinned: ')),
      h('strong', null, insight.title ?? ''),
    ),
    insight.description && h('p', null, insight.description),
    evidence(insight.thought_ids),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'btn small', 'aria-pressed': String(Boolean(pinned)), onclick: () => markInsight(check, index, pinned ? 'unpin' : 'pin') }, pinned ? 'Unpin' : 'Pin'),
      h('button', { type: 'button', class: 'btn small ghost', onclick: () => markInsight(check, index, dismissed ? 'restore' : 'dismiss') }, dismissed ? 'Restore' : 'Dismiss'),
    ),
  );
}

/** "Based on 3 thoughts", opening to show them (fetched when opened). */
function evidence(ids) {
  if (!Array.isArray(ids) || ids.length === 0) return null;
  const list = h('ul', { class: 'evidence-list' });
  const details = h('details', { class: 'evidence-details' }, h('summary', null, `Based on ${ids.length} thought${ids.length === 1 ? '' : 's'}`), list);
  details.addEventListener('toggle', async () => {
    if (!details.open || list.childElementCount > 0) return;
    for (const id of ids.slice(0, 10)) {
      try {
        const thought = await api(`/thoughts/${id}`);
        list.append(h('li', null, h('blockquote', null, thought.content), h('span', { class: 'muted small' }, relativeTime(thought.created_at))));
      } catch {
        list.append(h('li', { class: 'muted small' }, 'A thought that no longer exists.'));
      }
    }
  }, { once: false });
  return details;
}

function mark(check, insight, index, marks) {
  const local = marks[`${check.id}:${index}`] ?? {};
  return { pinned: local.pinned ?? Boolean(insight.pinned), dismissed: local.dismissed ?? Boolean(insight.dismissed) };
}

function localMarks() {
  try {
    return JSON.parse(localStorage.getItem(LOCAL_KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

async function markInsight(check, index, action) {
  const change = { pin: { pinned: true }, unpin: { pinned: false }, dismiss: { dismissed: true }, restore: { dismissed: false } }[action];
  try {
    const result = await api(`/consciousness-checks/${check.id}/insights/${index}/${action}`, { method: 'POST' });
    const insight = result?.insights ? result.insights[index] : result?.title !== undefined ? result : { ...check.insights[index], ...change };
    check.insights[index] = { ...check.insights[index], ...insight, ...change };
    forgetLocal(check, index);
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 404 || error.routeMissing))) {
      toast(describeError(error), { kind: 'error' });
      return;
    }
    rememberLocal(check, index, change);
    toast('Saved on this device (the server does not keep pins yet).');
  }
  announce({ pin: 'Insight pinned', unpin: 'Insight unpinned', dismiss: 'Insight dismissed', restore: 'Insight restored' }[action]);
  render();
}

function rememberLocal(check, index, change) {
  const marks = localMarks();
  marks[`${check.id}:${index}`] = { ...marks[`${check.id}:${index}`], ...change };
  localStorage.setItem(LOCAL_KEY, JSON.stringify(marks));
}

function forgetLocal(check, index) {
  const marks = localMarks();
  delete marks[`${check.id}:${index}`];
  localStorage.setItem(LOCAL_KEY, JSON.stringify(marks));
}
