import { api, describeError } from './api.js';
import { today } from './context.js';
import { byId, clear, h } from './dom.js';
import { clearErrors, field, select, showErrors } from './forms.js';
import { addDays, dueLabel, formatDay } from './format.js';
import { announce, toast } from './live.js';

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const STATUSES = ['pending', 'in_progress', 'done', 'cancelled', 'archived'];
const OPEN = 'pending,in_progress';

/**
 * The four lists. Today also holds open tasks without a due date ("Any time"), so a task
 * accepted from a suggestion without a date is found where one looks first.
 */
const TABS = {
  today: () => [
    {
      title: 'Due today',
      query: { status: OPEN, due_after: today(), due_before: today(), sort: 'priority' },
    },
    {
      title: 'Any time',
      query: { status: OPEN, sort: 'priority', limit: 200 },
      keep: (task) => !task.due_date,
    },
  ],
  upcoming: () => [
    {
      title: 'Upcoming',
      query: { status: OPEN, due_after: addDays(today(), 1), sort: 'due_date' },
    },
  ],
  overdue: () => [{ title: 'Overdue', query: { overdue: true, sort: 'due_date' } }],
  done: () => [{ title: 'Done', query: { status: 'done', sort: 'created' } }],
};

let els;
let tab = 'today';
let generation = 0;

export function initTasks() {
  els = {
    tabs: byId('task-tabs'),
    panel: byId('task-panel'),
    add: byId('task-add'),
    addTitle: byId('task-add-title'),
  };
  /** @type {HTMLButtonElement[]} */
  const buttons = [...els.tabs.querySelectorAll('[role="tab"]')];
  for (const button of buttons) {
    button.addEventListener('click', () => selectTab(button.dataset.tab));
    button.addEventListener('keydown', (/** @type {KeyboardEvent} */ event) => {
      const index = buttons.indexOf(button);
      const next =
        event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
      if (next === null) return;
      event.preventDefault();
      const target = buttons[(next + buttons.length) % buttons.length];
      target.focus();
      selectTab(target.dataset.tab);
    });
  }
  els.add.addEventListener('submit', async (event) => {
    event.preventDefault();
    const title = els.addTitle.value.trim();
    if (!title) return;
    clearErrors(els.add);
    const body = { title };
    if (tab === 'today') body.due_date = today();
    try {
      const task = await api('/tasks', { method: 'POST', body });
      els.addTitle.value = '';
      announce(`Task added: ${task.title}`);
      if (tab !== 'today') selectTab('today');
      else loadTasks();
    } catch (error) {
      showErrors(els.add, error);
    }
  });
}

function selectTab(name) {
  tab = name;
  for (const button of els.tabs.querySelectorAll('[role="tab"]')) {
    const selected = button.dataset.tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  els.panel.setAttribute('aria-labelledby', `task-tab-${name}`);
  loadTasks();
}

export function showTasks() {
  loadTasks();
}

export function resetTasks() {
  generation++;
  clear(els.panel);
}

/** A task arrived from elsewhere (SSE, a suggestion, the feed): refresh what is shown. */
/** A task was created elsewhere (feed, inbox, live event); which one does not matter here. */
export function taskCreated() {
  if (!byId('view-tasks').hidden) loadTasks();
}

export async function loadTasks() {
  const mine = ++generation;
  els.panel.setAttribute('aria-busy', 'true');
  const sections = TABS[tab]();
  try {
    const results = await Promise.all(
      sections.map((section) => api('/tasks', { query: { limit: 100, ...section.query } })),
    );
    if (mine !== generation) return;
    clear(els.panel);
    let total = 0;
    sections.forEach((section, index) => {
      const items = results[index].items.filter(section.keep ?? (() => true));
      total += items.length;
      if (sections.length > 1 && items.length === 0) return;
      els.panel.append(
        h(
          'section',
          { class: 'task-section', 'aria-label': section.title },
          sections.length > 1 && h('h2', { class: 'small-heading' }, section.title),
          h('ul', { class: 'task-list' }, items.map(renderTask)),
          results[index].next_cursor && h('p', { class: 'muted small' }, 'Showing the first 100.'),
        ),
      );
    });
    if (total === 0) els.panel.append(h('p', { class: 'empty' }, EMPTY[tab]));
  } catch (error) {
    if (mine !== generation) return;
    clear(els.panel);
    els.panel.append(
      h('p', { class: 'field-error' }, describeError(error, 'Could not load tasks')),
      h('button', { type: 'button', class: 'btn small', onclick: loadTasks }, 'Try again'),
    );
  } finally {
    if (mine === generation) els.panel.setAttribute('aria-busy', 'false');
  }
}

const EMPTY = {
  today: 'Nothing due today. Enjoy it, or add a task above.',
  upcoming: 'Nothing scheduled ahead.',
  overdue: 'Nothing overdue.',
  done: 'No finished tasks yet.',
};

function renderTask(task) {
  const item = h('li', { class: 'task', dataset: { id: task.id } });
  fillTask(item, task);
  return item;
}

function fillTask(item, task) {
  clear(item);
  const day = today();
  const done = task.status === 'done';
  const overdue = !done && task.due_date && task.due_date < day;
  const checkId = `task-check-${task.id}`;
  const check = h('input', { type: 'checkbox', id: checkId, checked: done, class: 'task-check' });
  check.addEventListener('change', () => complete(item, task, check.checked));
  item.append(
    h(
      'div',
      { class: ['card', 'task-card', done && 'is-done'] },
      h(
        'div',
        { class: 'task-main' },
        check,
        h('label', { for: checkId, class: 'task-title' }, task.title),
        h(
          'button',
          {
            type: 'button',
            class: 'btn small ghost',
            'aria-label': `Edit task ${task.title}`,
            onclick: () => openEdit(item, task),
          },
          'Edit',
        ),
      ),
      h(
        'div',
        { class: 'meta task-meta' },
        h('span', { class: `badge priority-${task.priority}` }, task.priority),
        task.status === 'in_progress' && h('span', { class: 'badge muted-badge' }, 'in progress'),
        task.due_date &&
          h(
            'span',
            { class: ['due', overdue && 'overdue'] },
            overdue ? 'Overdue · ' : 'Due ',
            dueLabel(task.due_date, day),
            task.due_time ? ` ${task.due_time}` : '',
          ),
        done &&
          task.completed_at &&
          h(
            'span',
            { class: 'muted small' },
            `Done ${formatDay(task.completed_at.slice(0, 10), { weekday: false })}`,
          ),
      ),
      task.description && h('p', { class: 'task-description' }, task.description),
      h('div', { class: 'extra' }),
    ),
  );
}

async function complete(item, task, done) {
  const status = done ? 'done' : 'pending';
  try {
    const updated = await api(`/tasks/${task.id}`, { method: 'PATCH', body: { status } });
    const leaves = (tab === 'done') !== done;
    if (leaves) {
      item.classList.add('leaving');
      setTimeout(() => {
        const next = item.nextElementSibling?.querySelector('input') ?? byId(`task-tab-${tab}`);
        item.remove();
        next?.focus();
        if (!els.panel.querySelector('.task')) loadTasks();
      }, 350);
    } else fillTask(item, updated);
    toast(done ? `Done: ${task.title}` : `Reopened: ${task.title}`, {
      action: {
        label: 'Undo',
        run: () =>
          api(`/tasks/${task.id}`, { method: 'PATCH', body: { status: task.status } }).then(
            loadTasks,
            (error) => toast(describeError(error), { kind: 'error' }),
          ),
      },
    });
  } catch (error) {
    item.querySelector('.task-check').checked = !done;
    toast(describeError(error), { kind: 'error' });
  }
}

function openEdit(item, task) {
  const extra = item.querySelector('.extra');
  if (extra.querySelector('form')) return extra.querySelector('input').focus();
  const title = h('input', {
    name: 'title',
    type: 'text',
    value: task.title,
    maxlength: '200',
    autocomplete: 'off',
  });
  const description = h('textarea', {
    name: 'description',
    rows: 2,
    value: task.description ?? '',
  });
  const priority = select(
    'priority',
    PRIORITIES.map((value) => [value, value]),
    task.priority,
  );
  const status = select(
    'status',
    STATUSES.map((value) => [value, value.replace('_', ' ')]),
    task.status,
  );
  const due = h('input', { name: 'due_date', type: 'date', value: task.due_date ?? '' });
  const time = h('input', { name: 'due_time', type: 'time', value: task.due_time ?? '' });
  let armed = false;
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'btn small ghost danger',
      onclick: async () => {
        if (!armed) {
          armed = true;
          remove.textContent = 'Tap again to delete';
          return;
        }
        try {
          await api(`/tasks/${task.id}`, { method: 'DELETE' });
          item.remove();
          toast('Task deleted');
        } catch (error) {
          toast(describeError(error), { kind: 'error' });
        }
      },
    },
    'Delete',
  );
  const form = h(
    'form',
    { class: 'edit-form', 'aria-label': `Edit task ${task.title}`, novalidate: true },
    field('Title', title),
    field('Notes', description),
    h('div', { class: 'field-grid' }, field('Priority', priority), field('Status', status)),
    h(
      'div',
      { class: 'field-grid' },
      field('Due date', due),
      field('Time', time, { hint: 'Needs a date' }),
    ),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary small' }, 'Save'),
      h(
        'button',
        { type: 'button', class: 'btn small ghost', onclick: () => form.remove() },
        'Cancel',
      ),
      h('span', { class: 'spacer' }),
      remove,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    if (title.value !== task.title) body.title = title.value;
    if (description.value !== (task.description ?? ''))
      body.description = description.value || null;
    if (priority.value !== task.priority) body.priority = priority.value;
    if (status.value !== task.status) body.status = status.value;
    if (due.value !== (task.due_date ?? '')) body.due_date = due.value || null;
    if (time.value !== (task.due_time ?? '')) body.due_time = time.value || null;
    if (Object.keys(body).length === 0) return form.remove();
    try {
      const updated = await api(`/tasks/${task.id}`, { method: 'PATCH', body });
      toast('Task saved');
      fillTask(item, updated);
      item.querySelector('.task-check').focus();
    } catch (error) {
      showErrors(form, error);
    }
  });
  extra.append(form);
  title.focus();
}
