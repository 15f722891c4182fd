import { api, describeError } from './api.js';
import { byId, clear, h } from './dom.js';
import { clearErrors, field, select, showErrors } from './forms.js';
import { dueLabel, percent, relativeTime } from './format.js';
import { today } from './context.js';
import { announce, toast } from './live.js';
import { PRIORITIES, taskCreated } from './tasks.js';

/** Pending task suggestions: accept (optionally edited) or reject, with the evidence shown. */
let els;
let count = 0;
let generation = 0;

export function initInbox() {
  els = { list: byId('inbox-list'), empty: byId('inbox-empty'), badge: byId('inbox-badge') };
}

export function showInbox() {
  return loadInbox();
}

export function resetInbox() {
  generation++;
  clear(els.list);
  setCount(0);
}

export async function loadInbox() {
  const mine = ++generation;
  els.list.setAttribute('aria-busy', 'true');
  try {
    const { items, next_cursor: more } = await api('/task-suggestions', { query: { limit: 100 } });
    if (mine !== generation) return;
    clear(els.list);
    for (const suggestion of items) els.list.append(renderSuggestion(suggestion));
    setCount(items.length, Boolean(more));
    els.empty.hidden = items.length > 0;
  } catch (error) {
    if (mine !== generation) return;
    clear(els.list);
    els.list.append(
      h('li', { class: 'field-error' }, describeError(error, 'Could not load suggestions')),
    );
  } finally {
    if (mine === generation) els.list.setAttribute('aria-busy', 'false');
  }
}

/** Just the badge count, at sign-in and after analysis finishes. */
export async function refreshInboxCount() {
  try {
    const { items, next_cursor: more } = await api('/task-suggestions', { query: { limit: 100 } });
    setCount(items.length, Boolean(more));
  } catch {
    /* the badge keeps its last value */
  }
}

function setCount(value, more = false) {
  count = Math.max(0, value);
  clear(els.badge);
  els.badge.hidden = count === 0;
  els.badge.append(
    h('span', { 'aria-hidden': 'true' }, more ? `${count}+` : String(count)),
    h('span', { class: 'sr-only' }, ` (${count} waiting)`),
  );
}

/** A suggestion arrived over SSE. */
export function suggestionCreated(suggestion) {
  if (suggestion.status && suggestion.status !== 'pending') return;
  if (els.list.querySelector(`[data-id="${CSS.escape(suggestion.id)}"]`)) return;
  els.list.prepend(renderSuggestion(suggestion));
  els.empty.hidden = true;
  setCount(count + 1);
  announce(`New task suggestion: ${suggestion.title}`);
}

function renderSuggestion(suggestion) {
  const item = h('li', { class: 'suggestion', dataset: { id: suggestion.id } });
  const titleId = `suggestion-title-${suggestion.id}`;
  const confidence = Number(suggestion.confidence) || 0;
  item.append(
    h(
      'article',
      { class: 'card suggestion-card', 'aria-labelledby': titleId },
      h('h2', { class: 'suggestion-title', id: titleId }, suggestion.title),
      h(
        'div',
        { class: 'meta' },
        h('span', { class: `badge priority-${suggestion.priority}` }, suggestion.priority),
        suggestion.due_date &&
          h(
            'span',
            { class: 'due' },
            `Due ${dueLabel(suggestion.due_date, today())}${suggestion.due_time ? ` ${suggestion.due_time}` : ''}`,
          ),
        h(
          'span',
          { class: 'confidence' },
          h('meter', {
            min: '0',
            max: '1',
            low: '0.5',
            high: '0.8',
            optimum: '1',
            value: String(confidence),
            'aria-label': 'Confidence',
          }),
          ` ${percent(confidence)} sure`,
        ),
      ),
      suggestion.description && h('p', null, suggestion.description),
      suggestion.evidence &&
        h(
          'figure',
          { class: 'evidence' },
          h('figcaption', { class: 'muted small' }, 'From your thought'),
          h('blockquote', null, suggestion.evidence),
        ),
      h(
        'p',
        { class: 'muted small' },
        [
          suggestion.origin === 'consciousness_check'
            ? 'From a consciousness check'
            : 'From analysis',
          suggestion.backend &&
            `${suggestion.backend}${suggestion.model ? ` / ${suggestion.model}` : ''}`,
          relativeTime(suggestion.created_at),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      h(
        'div',
        { class: 'button-row' },
        h(
          'button',
          { type: 'button', class: 'btn primary', onclick: () => accept(item, suggestion, {}) },
          'Accept',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            'aria-expanded': 'false',
            onclick: (event) => openEdit(item, suggestion, event.currentTarget),
          },
          'Edit',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn ghost',
            onclick: (event) => openReject(item, suggestion, event.currentTarget),
          },
          'Reject',
        ),
      ),
      h('div', { class: 'extra' }),
    ),
  );
  return item;
}

async function accept(item, suggestion, changes, form) {
  try {
    const task = await api(`/task-suggestions/${suggestion.id}/accept`, {
      method: 'POST',
      body: changes,
    });
    resolved(
      item,
      h(
        'p',
        null,
        'Added to your tasks: ',
        h('strong', null, task.title),
        ' · ',
        h('a', { href: '#/tasks' }, 'Open tasks'),
      ),
    );
    announce(`Task created: ${task.title}`);
    taskCreated();
  } catch (error) {
    if (form) showErrors(form, error);
    else toast(describeError(error), { kind: 'error' });
    if (error.status === 409) loadInbox();
  }
}

function resolved(item, message) {
  clear(item);
  item.classList.add('resolved');
  item.append(h('div', { class: 'card resolved-card', tabindex: '-1' }, message));
  item.firstElementChild.focus();
  setCount(count - 1);
}

function openEdit(item, suggestion, button) {
  const extra = item.querySelector('.extra');
  clear(extra);
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  item
    .querySelectorAll('[aria-expanded]')
    .forEach((other) => other.setAttribute('aria-expanded', 'false'));
  button.setAttribute('aria-expanded', 'true');
  const title = h('input', {
    name: 'title',
    type: 'text',
    value: suggestion.title,
    maxlength: '200',
    autocomplete: 'off',
  });
  const priority = select(
    'priority',
    PRIORITIES.map((value) => [value, value]),
    suggestion.priority,
  );
  const due = h('input', { name: 'due_date', type: 'date', value: suggestion.due_date ?? '' });
  const time = h('input', { name: 'due_time', type: 'time', value: suggestion.due_time ?? '' });
  const form = h(
    'form',
    { class: 'edit-form', 'aria-label': 'Accept with changes', novalidate: true },
    field('Task title', title),
    h('div', { class: 'field-grid' }, field('Priority', priority), field('Due date', due)),
    field('Time', time),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Accept with changes'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const changes = {};
    if (title.value.trim() !== suggestion.title) changes.title = title.value.trim();
    if (priority.value !== suggestion.priority) changes.priority = priority.value;
    if (due.value !== (suggestion.due_date ?? '')) changes.due_date = due.value || null;
    if (time.value !== (suggestion.due_time ?? '')) changes.due_time = time.value || null;
    accept(item, suggestion, changes, form);
  });
  extra.append(form);
  title.focus();
}

function openReject(item, suggestion, button) {
  const extra = item.querySelector('.extra');
  clear(extra);
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  item
    .querySelectorAll('[aria-expanded]')
    .forEach((other) => other.setAttribute('aria-expanded', 'false'));
  button.setAttribute('aria-expanded', 'true');
  const reason = h('input', {
    name: 'reason',
    type: 'text',
    maxlength: '500',
    placeholder: 'e.g. already done',
    autocomplete: 'off',
  });
  const form = h(
    'form',
    { class: 'edit-form', 'aria-label': 'Reject suggestion', novalidate: true },
    field('Why not? (optional)', reason),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn danger-solid' }, 'Reject suggestion'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/task-suggestions/${suggestion.id}/reject`, {
        method: 'POST',
        body: reason.value.trim() ? { reason: reason.value.trim() } : {},
      });
      resolved(
        item,
        h(
          'p',
          null,
          'Rejected: ',
          h('s', null, suggestion.title),
          '. It won’t be suggested again for that thought.',
        ),
      );
      announce('Suggestion rejected');
    } catch (error) {
      showErrors(form, error);
    }
  });
  extra.append(form);
  reason.focus();
}
