import { ApiError, api, describeError } from './api.js';
import { byId, clear, h, icon } from './dom.js';
import { percent, relativeTime, timeRange } from './format.js';
import { announce, toast } from './live.js';

/** @typedef {import('../types/api').components['schemas']['ConsciousnessCheckDto']} Check */
/** @typedef {import('../types/api').components['schemas']['ConsciousnessCheckPageDto']} CheckPage */
/** @typedef {import('../types/api').components['schemas']['InsightDto']} Insight */
/** @typedef {import('../types/api').operations['ConsciousnessController_markInsight']['parameters']['path']['action']} InsightAction */

/**
 * Consciousness checks: the latest one, its history, "run a check now", and pin/dismiss of
 * insights (kept by the server: POST /consciousness-checks/{id}/insights/{index}/{action}).
 */
/** @type {{ run: HTMLButtonElement, current: HTMLElement, history: HTMLElement, status: HTMLElement }} */
let els;
/** @type {Check[]} */
let checks = [];
/** @type {Check | null} */
let selected = null;
let generation = 0;

export function initInsights() {
  els = {
    run: /** @type {HTMLButtonElement} */ (byId('insights-run')),
    current: byId('insights-current'),
    history: byId('insights-history'),
    status: byId('insights-status'),
  };
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
    /** @type {CheckPage} */
    const page = await api('/consciousness-checks', { query: { limit: 20 } });
    if (mine !== generation) return;
    checks = page.items;
    selected = checks.find((check) => check.id === selected?.id) ?? checks[0] ?? null;
    render();
  } catch (error) {
    if (mine !== generation) return;
    clear(els.history);
    clear(els.current).append(
      h('p', { class: 'field-error' }, describeError(error, 'Could not load checks')),
    );
  } finally {
    if (mine === generation) els.current.setAttribute('aria-busy', 'false');
  }
}

/**
 * A check finished (SSE): show it first.
 * @param {Check} check
 */
export function checkCompleted(check) {
  checks = [check, ...checks.filter((item) => item.id !== check.id)];
  selected = check;
  if (!byId('view-insights').hidden) render();
  announce(
    `Consciousness check finished: ${check.insights.length} insights, ${check.patterns.length} patterns`,
  );
}

async function runCheck() {
  els.run.disabled = true;
  els.status.textContent = 'Running a check over your recent thoughts…';
  try {
    /** @type {Check} */
    const check = await api('/consciousness-check', { method: 'POST' });
    els.status.textContent = '';
    checkCompleted(check);
  } catch (error) {
    els.status.textContent = '';
    toast(describeError(error), { kind: 'error' });
  } finally {
    els.run.disabled = false;
  }
}

function render() {
  clear(els.current);
  clear(els.history);
  if (!selected) {
    els.current.append(
      h(
        'p',
        { class: 'empty' },
        'No checks yet. Run one now, or wait for the next scheduled check.',
      ),
    );
    return;
  }
  els.current.append(renderCheck(selected));
  if (checks.length > 1) {
    els.history.append(
      h('h2', { class: 'small-heading' }, 'Earlier checks'),
      h(
        'ul',
        { class: 'history-list' },
        checks.map((check) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: ['history-item', check.id === selected.id && 'is-current'],
                'aria-current': check.id === selected.id ? 'true' : undefined,
                onclick: () => {
                  selected = check;
                  render();
                  els.current.querySelector('h2')?.focus();
                },
              },
              h('span', null, relativeTime(check.created_at)),
              h(
                'span',
                { class: 'muted small' },
                `${check.new_thought_count} new thoughts · ${check.insights.length} insights`,
              ),
            ),
          ),
        ),
      ),
    );
  }
}

/** @param {Check} check */
function renderCheck(check) {
  const visible = check.insights
    .filter((insight) => !insight.dismissed)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned));
  const dismissed = check.insights.filter((insight) => insight.dismissed);
  return h(
    'article',
    { class: 'check' },
    h(
      'h2',
      { tabindex: '-1', class: 'check-title' },
      `Check from ${relativeTime(check.created_at)}`,
    ),
    h(
      'p',
      { class: 'muted small' },
      [
        `${check.new_thought_count} new thoughts`,
        timeRange(check.window_start, check.window_end),
        check.backend && `${check.backend}${check.model ? ` / ${check.model}` : ''}`,
        `${(check.duration_ms / 1000).toFixed(1)} s`,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    check.summary && h('p', { class: 'summary' }, check.summary),
    h(
      'section',
      { 'aria-label': 'Insights' },
      h('h3', { class: 'small-heading' }, 'Insights'),
      visible.length === 0
        ? h('p', { class: 'muted' }, 'No insights in this check.')
        : h(
            'ul',
            { class: 'insight-list' },
            visible.map((insight) => renderInsight(check, insight)),
          ),
      dismissed.length > 0 &&
        h(
          'details',
          { class: 'dismissed' },
          h('summary', null, `${dismissed.length} dismissed`),
          h(
            'ul',
            { class: 'insight-list' },
            dismissed.map((insight) => renderInsight(check, insight)),
          ),
        ),
    ),
    check.patterns.length > 0 &&
      h(
        'section',
        { 'aria-label': 'Patterns' },
        h('h3', { class: 'small-heading' }, 'Patterns'),
        h(
          'ul',
          { class: 'pattern-list' },
          check.patterns.map((pattern) =>
            h(
              'li',
              { class: 'card pattern' },
              h(
                'div',
                { class: 'meta' },
                h('span', { class: 'badge type' }, pattern.kind.replace(/_/g, ' ')),
                h('span', { class: 'muted small' }, `${percent(pattern.confidence)} sure`),
              ),
              h('strong', null, pattern.title),
              pattern.description && h('p', null, pattern.description),
              evidence(pattern.thought_ids),
            ),
          ),
        ),
      ),
    check.suggestions.length > 0 &&
      h(
        'section',
        { 'aria-label': 'Suggestions from this check' },
        h('h3', { class: 'small-heading' }, 'Suggestions'),
        h(
          'ul',
          { class: 'plain-list' },
          check.suggestions.map((suggestion) =>
            h(
              'li',
              null,
              suggestion.title,
              h('span', { class: 'muted small' }, ` · ${percent(suggestion.confidence)} sure`),
            ),
          ),
        ),
        h('p', { class: 'small' }, h('a', { href: '#/inbox' }, 'Review suggestions in the inbox')),
      ),
  );
}

/**
 * @param {Check} check
 * @param {Insight} insight
 */
function renderInsight(check, { index, title, description, thought_ids, pinned, dismissed }) {
  return h(
    'li',
    { class: ['card', 'insight', pinned && 'is-pinned'] },
    h(
      'div',
      { class: 'insight-head' },
      pinned &&
        h(
          'span',
          { class: 'pin-mark', title: 'Pinned' },
          icon('pin', 16),
          h('span', { class: 'sr-only' }, 'Pinned: '),
        ),
      h('strong', null, title),
    ),
    description && h('p', null, description),
    evidence(thought_ids),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          'aria-pressed': String(Boolean(pinned)),
          onclick: () => markInsight(check, index, pinned ? 'unpin' : 'pin'),
        },
        pinned ? 'Unpin' : 'Pin',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small ghost',
          onclick: () => markInsight(check, index, dismissed ? 'restore' : 'dismiss'),
        },
        dismissed ? 'Restore' : 'Dismiss',
      ),
    ),
  );
}

/**
 * "Based on 3 thoughts", opening to show them (fetched when opened).
 * @param {string[]} ids
 */
function evidence(ids) {
  if (ids.length === 0) return null;
  const list = h('ul', { class: 'evidence-list' });
  const details = h(
    'details',
    { class: 'evidence-details' },
    h('summary', null, `Based on ${ids.length} thought${ids.length === 1 ? '' : 's'}`),
    list,
  );
  details.addEventListener(
    'toggle',
    async () => {
      if (!details.open || list.childElementCount > 0) return;
      for (const id of ids.slice(0, 10)) {
        try {
          const thought = await api(`/thoughts/${id}`);
          list.append(
            h(
              'li',
              null,
              h('blockquote', null, thought.content),
              h('span', { class: 'muted small' }, relativeTime(thought.created_at)),
            ),
          );
        } catch {
          list.append(h('li', { class: 'muted small' }, 'A thought that no longer exists.'));
        }
      }
    },
    { once: false },
  );
  return details;
}

/**
 * Pin, unpin, dismiss or restore one insight; the server answers with the whole check. A 404
 * means the check (or that insight) is gone: retention removed it, or another device did.
 * @param {Check} check
 * @param {number} index
 * @param {InsightAction} action
 */
async function markInsight(check, index, action) {
  try {
    /** @type {Check} */
    const updated = await api(`/consciousness-checks/${check.id}/insights/${index}/${action}`, {
      method: 'POST',
    });
    checks = checks.map((item) => (item.id === updated.id ? updated : item));
    if (selected?.id === updated.id) selected = updated;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      toast(
        'That check is no longer kept (older checks are removed), so nothing was saved. Showing the checks there are now.',
        { kind: 'error' },
      );
      showInsights();
    } else toast(describeError(error), { kind: 'error' });
    return;
  }
  announce(
    {
      pin: 'Insight pinned',
      unpin: 'Insight unpinned',
      dismiss: 'Insight dismissed',
      restore: 'Insight restored',
    }[action],
  );
  render();
}
