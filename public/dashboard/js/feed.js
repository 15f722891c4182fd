import { api, describeError } from './api.js';
import { fillCapture } from './capture.js';
import { byId, clear, h, icon, snippetNodes, uid } from './dom.js';
import { clearErrors, field, select, showErrors } from './forms.js';
import { fullTime, percent, relativeTime } from './format.js';
import { announce, toast } from './live.js';

export const THOUGHT_TYPES = [
  'idea',
  'task',
  'note',
  'question',
  'reflection',
  'reminder',
  'observation',
];
const PAGE_SIZE = 30;

const state = {
  filters: { q: '', tag: '', thought_type: '', status: 'active' },
  cursor: null,
  done: false,
  loading: false,
  loaded: false,
  generation: 0,
  thoughts: new Map(),
};
let els;
let observer;
/** @type {(task: import('../types/api').components['schemas']['TaskResponseDto']) => void} */
let onChange = () => {};

/** Told when a thought is created from the feed (the tasks view refreshes). */
export const onFeedTask = (listener) => {
  onChange = listener;
};

export function initFeed() {
  els = {
    form: byId('feed-filters'),
    q: byId('feed-q'),
    tag: byId('feed-tag'),
    type: byId('feed-type'),
    status: byId('feed-status'),
    list: byId('feed-list'),
    pending: byId('feed-pending'),
    more: byId('feed-load-more'),
    end: byId('feed-end'),
    empty: byId('feed-empty'),
    summary: byId('feed-summary'),
    clear: byId('feed-clear'),
    sentinel: byId('feed-sentinel'),
  };
  for (const type of THOUGHT_TYPES) els.type.append(h('option', { value: type }, type));
  let debounce;
  els.q.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(applyFilters, 350);
  });
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(debounce);
    applyFilters();
  });
  for (const control of [els.tag, els.type, els.status])
    control.addEventListener('change', applyFilters);
  els.clear.addEventListener('click', () => {
    els.q.value = '';
    els.tag.value = '';
    els.type.value = '';
    els.status.value = 'active';
    applyFilters();
    els.q.focus();
  });
  els.more.addEventListener('click', () => loadMore());
  observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting) && state.loaded) loadMore();
    },
    { rootMargin: '600px 0px' },
  );
  observer.observe(els.sentinel);
}

export function showFeed() {
  if (!state.loaded) reloadFeed();
  loadTags();
}

export function resetFeed() {
  state.generation++;
  state.loaded = false;
  state.thoughts.clear();
  clear(els.list);
  clear(els.pending);
  els.q.value = '';
  els.tag.value = '';
  els.type.value = '';
  els.status.value = 'active';
  state.filters = { q: '', tag: '', thought_type: '', status: 'active' };
}

function applyFilters() {
  const next = {
    q: els.q.value.trim(),
    tag: els.tag.value,
    thought_type: els.type.value,
    status: els.status.value,
  };
  if (JSON.stringify(next) === JSON.stringify(state.filters) && state.loaded) return;
  state.filters = next;
  reloadFeed();
}

export function filterByTag(tag) {
  if (![...els.tag.options].some((option) => option.value === tag))
    els.tag.append(h('option', { value: tag }, `#${tag}`));
  els.tag.value = tag;
  applyFilters();
  els.tag.focus();
}

export function reloadFeed() {
  state.generation++;
  state.cursor = null;
  state.done = false;
  state.loading = false;
  state.loaded = true;
  state.thoughts.clear();
  clear(els.list);
  updateSummary();
  return loadMore();
}

async function loadMore() {
  if (state.loading || state.done) return;
  state.loading = true;
  const generation = state.generation;
  els.list.setAttribute('aria-busy', 'true');
  els.more.hidden = true;
  try {
    const { q, tag, thought_type, status } = state.filters;
    const page = await api('/thoughts', {
      query: { q, tag, thought_type, status, limit: PAGE_SIZE, cursor: state.cursor },
    });
    if (generation !== state.generation) return;
    for (const thought of page.items) {
      if (!state.thoughts.has(thought.id)) els.list.append(renderThought(thought));
    }
    state.cursor = page.next_cursor;
    state.done = !page.next_cursor;
  } catch (error) {
    if (generation !== state.generation) return;
    state.done = false;
    els.list.append(
      h(
        'li',
        { class: 'load-error' },
        h('p', null, describeError(error, 'Could not load thoughts')),
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            onclick: (event) => {
              event.target.closest('li').remove();
              loadMore();
            },
          },
          'Try again',
        ),
      ),
    );
  } finally {
    if (generation === state.generation) {
      state.loading = false;
      els.list.setAttribute('aria-busy', 'false');
      els.more.hidden = state.done;
      els.end.hidden = !state.done || state.thoughts.size === 0;
      updateEmpty();
      updateSummary();
      // A short page leaves the sentinel in view: observe again to load the next one.
      if (!state.done) {
        observer.unobserve(els.sentinel);
        observer.observe(els.sentinel);
      }
    }
  }
}

async function loadTags() {
  try {
    const { items } = await api('/tags', { query: { limit: 100 } });
    const current = els.tag.value;
    clear(els.tag);
    els.tag.append(h('option', { value: '' }, 'All tags'));
    for (const { tag, count } of items)
      els.tag.append(h('option', { value: tag }, `#${tag} (${count})`));
    if (current && !items.some((item) => item.tag === current))
      els.tag.append(h('option', { value: current }, `#${current}`));
    els.tag.value = current;
  } catch {
    /* the filter still works with what it has */
  }
}

function updateEmpty() {
  const filtered =
    state.filters.q ||
    state.filters.tag ||
    state.filters.thought_type ||
    state.filters.status !== 'active';
  els.empty.hidden = state.thoughts.size > 0 || els.pending.children.length > 0 || !state.done;
  els.empty.textContent = filtered
    ? 'No thoughts match these filters.'
    : 'Nothing here yet. Type your first thought above and press Enter.';
}

function updateSummary() {
  const { q, tag, thought_type, status } = state.filters;
  const parts = [];
  if (q) parts.push(`matching “${q}”`);
  if (tag) parts.push(`tagged #${tag}`);
  if (thought_type) parts.push(`of type ${thought_type}`);
  if (status !== 'active') parts.push(status === 'all' ? 'including archived' : 'archived only');
  els.clear.hidden = parts.length === 0;
  if (parts.length === 0) {
    els.summary.textContent = '';
    return;
  }
  const count = state.thoughts.size;
  const counted = state.loading
    ? 'Searching'
    : `${count}${state.done ? '' : '+'} thought${count === 1 ? '' : 's'}`;
  els.summary.textContent = `${counted} ${parts.join(', ')}`;
}

/* ---------- one thought ---------- */

function renderThought(thought) {
  const item = h('li', { class: 'thought', dataset: { id: thought.id } });
  fillThought(item, newest(thought));
  return item;
}

function fillThought(item, thought) {
  state.thoughts.set(thought.id, thought);
  clear(item);
  const actionsId = `actions-${thought.id}`;
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'icon-btn more-btn',
      'aria-expanded': 'false',
      'aria-controls': actionsId,
      'aria-label': 'Actions for this thought',
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        actions.hidden = !open;
        if (open) actions.querySelector('button')?.focus();
      },
    },
    icon('more', 20),
  );
  const collapse = () => {
    toggle.setAttribute('aria-expanded', 'false');
    actions.hidden = true;
  };
  const archived = thought.status === 'archived';
  const actions = h(
    'div',
    { class: 'actions', id: actionsId, hidden: true },
    h(
      'button',
      {
        type: 'button',
        class: 'btn small ghost',
        onclick: () => {
          collapse();
          openEdit(item, thought);
        },
      },
      'Edit',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small ghost',
        onclick: () => setStatus(item, thought, archived ? 'active' : 'archived'),
      },
      archived ? 'Restore' : 'Archive',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small ghost',
        onclick: (event) => toggleRelated(item, thought, event.currentTarget),
        'aria-expanded': 'false',
      },
      'Related',
    ),
    h(
      'button',
      { type: 'button', class: 'btn small ghost', onclick: () => makeTask(thought) },
      'Make task',
    ),
    h(
      'button',
      { type: 'button', class: 'btn small ghost', onclick: () => analyze(item, thought) },
      'Re-analyze',
    ),
    deleteButton(item, thought),
  );
  const body = thought.search?.snippet
    ? snippetBody(thought)
    : h('p', { class: 'content' }, thought.content);
  item.append(
    h(
      'article',
      { class: ['card', 'thought-card', archived && 'is-archived'] },
      h(
        'div',
        { class: 'meta' },
        h(
          'time',
          { datetime: thought.created_at, title: fullTime(thought.created_at) },
          relativeTime(thought.created_at),
        ),
        thought.thought_type && h('span', { class: 'badge type' }, thought.thought_type),
        archived && h('span', { class: 'badge muted-badge' }, 'archived'),
        thought.local_only && h('span', { class: 'badge muted-badge' }, 'local only'),
        analysisChip(item, thought),
        h('span', { class: 'spacer' }),
        toggle,
      ),
      body,
      tagList(thought),
      actions,
      h('div', { class: 'extra' }),
    ),
  );
}

/** A search hit: the server's snippet, and the whole thought behind a disclosure when the snippet is shorter. */
function snippetBody(thought) {
  const snippet = h('p', { class: 'content snippet' }, snippetNodes(thought.search.snippet));
  if (snippet.textContent.trim() === thought.content.trim()) return snippet;
  return [
    snippet,
    h(
      'details',
      { class: 'whole' },
      h('summary', null, 'Whole thought'),
      h('p', { class: 'content' }, thought.content),
    ),
  ];
}

function analysisChip(item, thought) {
  switch (thought.analysis_status) {
    case 'pending':
      return h(
        'span',
        { class: 'chip analyzing' },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        'Analyzing…',
      );
    case 'failed':
    case 'skipped':
      return h(
        'span',
        { class: ['chip', thought.analysis_status === 'failed' ? 'failed' : 'muted-badge'] },
        thought.analysis_status === 'failed' ? 'Analysis failed' : 'Not analyzed',
        h(
          'button',
          { type: 'button', class: 'link-btn', onclick: () => analyze(item, thought) },
          'Retry analysis',
        ),
      );
    default:
      return null;
  }
}

function tagList(thought) {
  const own = thought.tags ?? [];
  const ai = (thought.ai_tags ?? []).filter((tag) => !own.includes(tag));
  if (own.length === 0 && ai.length === 0) return null;
  return h(
    'ul',
    { class: 'tags', 'aria-label': 'Tags' },
    own.map((tag) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'tag own',
            'aria-label': `Filter by tag ${tag}`,
            onclick: () => filterByTag(tag),
          },
          `#${tag}`,
        ),
      ),
    ),
    ai.map((tag) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'tag ai',
            'aria-label': `Filter by AI tag ${tag}`,
            title: 'Added by AI',
            onclick: () => filterByTag(tag),
          },
          h('span', { class: 'ai-mark', 'aria-hidden': 'true' }, '✦'),
          tag,
        ),
      ),
    ),
  );
}

function deleteButton(item, thought) {
  let armed = false;
  let timer;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn small ghost danger',
      onclick: async () => {
        if (!armed) {
          armed = true;
          button.textContent = 'Tap again to delete';
          timer = setTimeout(() => {
            armed = false;
            button.textContent = 'Delete';
          }, 4000);
          return;
        }
        clearTimeout(timer);
        try {
          await api(`/thoughts/${thought.id}`, { method: 'DELETE' });
          removeItem(item, thought);
          toast('Thought deleted');
        } catch (error) {
          toast(describeError(error), { kind: 'error' });
        }
      },
    },
    'Delete',
  );
  return button;
}

function removeItem(item, thought) {
  const next = item.nextElementSibling?.querySelector('.more-btn') ?? els.q;
  item.remove();
  state.thoughts.delete(thought.id);
  updateEmpty();
  next.focus();
}

async function setStatus(item, thought, status) {
  try {
    const updated = await api(`/thoughts/${thought.id}`, { method: 'PATCH', body: { status } });
    const hidden = state.filters.status !== 'all' && state.filters.status !== status;
    if (hidden) removeItem(item, thought);
    else fillThought(item, { ...updated, search: thought.search });
    toast(status === 'archived' ? 'Thought archived' : 'Thought restored', {
      action: {
        label: 'Undo',
        run: () => undoStatus(updated, status === 'archived' ? 'active' : 'archived'),
      },
    });
  } catch (error) {
    toast(describeError(error), { kind: 'error' });
  }
}

async function undoStatus(thought, status) {
  try {
    await api(`/thoughts/${thought.id}`, { method: 'PATCH', body: { status } });
    reloadFeed();
  } catch (error) {
    toast(describeError(error), { kind: 'error' });
  }
}

async function analyze(item, thought) {
  try {
    await api(`/thoughts/${thought.id}/analyze`, { method: 'POST' });
    fillThought(item, { ...thought, analysis_status: 'pending' });
    announce('Analysis queued');
    startPendingWatch();
  } catch (error) {
    toast(describeError(error), { kind: 'error' });
  }
}

async function makeTask(thought) {
  try {
    const task = await api(`/thoughts/${thought.id}/task`, { method: 'POST', body: {} });
    onChange(task);
    toast(`Task created: ${task.title}`, {
      action: {
        label: 'Open tasks',
        run: () => {
          location.hash = '#/tasks';
        },
      },
    });
  } catch (error) {
    toast(describeError(error), { kind: 'error' });
  }
}

async function toggleRelated(item, thought, button) {
  const extra = item.querySelector('.extra');
  const existing = extra.querySelector('.related');
  if (existing) {
    existing.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  const box = h(
    'section',
    { class: 'related', 'aria-label': 'Related thoughts' },
    h('p', { class: 'muted small' }, 'Looking for related thoughts…'),
  );
  extra.append(box);
  try {
    const { items } = await api(`/thoughts/${thought.id}/related`, { query: { limit: 5 } });
    clear(box);
    box.append(h('h2', { class: 'small-heading' }, 'Related'));
    if (items.length === 0) box.append(h('p', { class: 'muted small' }, 'Nothing related yet.'));
    else {
      box.append(
        h(
          'ul',
          { class: 'related-list' },
          items.map((hit) =>
            h(
              'li',
              null,
              h('p', null, hit.thought.content),
              h(
                'p',
                { class: 'muted small' },
                `${percent(hit.score)} related`,
                hit.shared_tags?.length
                  ? ` · shares ${hit.shared_tags.map((tag) => `#${tag}`).join(' ')}`
                  : '',
                ` · ${relativeTime(hit.thought.created_at)}`,
              ),
            ),
          ),
        ),
      );
    }
  } catch (error) {
    clear(box);
    box.append(h('p', { class: 'field-error' }, describeError(error)));
  }
}

function openEdit(item, thought) {
  const extra = item.querySelector('.extra');
  if (extra.querySelector('form')) return extra.querySelector('textarea').focus();
  const content = h('textarea', { name: 'content', rows: 4, value: thought.content });
  const tags = h('input', {
    name: 'tags',
    type: 'text',
    value: (thought.tags ?? []).join(', '),
    autocomplete: 'off',
  });
  const type = select(
    'thought_type',
    [['', 'No type'], ...THOUGHT_TYPES.map((value) => [value, value])],
    thought.thought_type ?? '',
  );
  const form = h(
    'form',
    { class: 'edit-form', 'aria-label': 'Edit thought', novalidate: true },
    field('Thought', content),
    field('Your tags', tags, { hint: 'Comma-separated, e.g. family, taxes' }),
    field('Type', type),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary small' }, 'Save'),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small ghost',
          onclick: () => {
            form.remove();
            item.querySelector('.more-btn').focus();
          },
        },
        'Cancel',
      ),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {};
    if (content.value !== thought.content) body.content = content.value;
    const tagValues = tags.value
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (tagValues.join(',') !== (thought.tags ?? []).join(',')) body.tags = tagValues;
    if (type.value !== (thought.thought_type ?? '')) body.thought_type = type.value || null;
    if (Object.keys(body).length === 0) {
      form.remove();
      return;
    }
    try {
      const updated = await api(`/thoughts/${thought.id}`, { method: 'PATCH', body });
      fillThought(item, updated);
      item.querySelector('.more-btn').focus();
      toast('Thought updated');
      if (updated.analysis_status === 'pending') startPendingWatch();
    } catch (error) {
      showErrors(form, error);
    }
  });
  extra.append(form);
  content.focus();
}

/* ---------- optimistic and queued captures ---------- */

function pendingItem(key) {
  return els.pending.querySelector(`[data-idem="${CSS.escape(key)}"]`);
}

const PENDING_TEXT = {
  sending: 'Saving…',
  queued: 'Saved on this device. It will be sent when the connection is back.',
};

/** The card of a capture the server has not acknowledged yet. */
export function showPending(entry, status) {
  let item = pendingItem(entry.idempotency_key);
  if (!item) {
    item = h('li', { class: 'thought pending', dataset: { idem: entry.idempotency_key } });
    els.pending.prepend(item);
  }
  item.dataset.state = status;
  clear(item);
  item.append(
    h(
      'article',
      { class: ['card', 'thought-card', `is-${status}`] },
      h(
        'div',
        { class: 'meta' },
        h(
          'span',
          { class: ['chip', status === 'queued' ? 'queued' : 'analyzing'] },
          status === 'queued' ? 'Waiting to send' : 'Saving…',
        ),
      ),
      h('p', { class: 'content' }, entry.content),
      h('p', { class: 'muted small pending-note' }, PENDING_TEXT[status]),
    ),
  );
  updateEmpty();
}

export function confirmPending(key, thought) {
  pendingItem(key)?.remove();
  const existing = els.list.querySelector(`[data-id="${CSS.escape(thought.id)}"]`);
  if (existing) fillThought(existing, newest(thought));
  else els.list.prepend(renderThought(thought));
  updateEmpty();
  startPendingWatch();
}

export function failPending(entry, message) {
  const item = pendingItem(entry.idempotency_key);
  if (!item) return;
  item.dataset.state = 'failed';
  clear(item);
  const errorId = uid('capture-error');
  item.append(
    h(
      'article',
      { class: ['card', 'thought-card', 'is-failed'] },
      h('div', { class: 'meta' }, h('span', { class: 'chip failed' }, 'Not saved')),
      h('p', { class: 'content' }, entry.content),
      h('p', { class: 'field-error', id: errorId, role: 'alert' }, message),
      h(
        'div',
        { class: 'button-row' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'aria-describedby': errorId,
            onclick: () => {
              item.remove();
              updateEmpty();
              fillCapture(entry.content);
            },
          },
          'Edit and try again',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn small ghost',
            onclick: () => {
              item.remove();
              updateEmpty();
            },
          },
          'Discard',
        ),
      ),
    ),
  );
}

/* ---------- live updates ---------- */

/**
 * Versions of thoughts that arrived before their card (an analysis can finish before the
 * capture's response is rendered); a card drawn later starts from the newest one.
 */
const early = new Map();

function newest(thought) {
  const later = early.get(thought.id);
  if (!later) return thought;
  early.delete(thought.id);
  return Date.parse(later.updated_at) >= Date.parse(thought.updated_at)
    ? { ...later, search: thought.search }
    : thought;
}

/** A newer version of a thought (SSE or polling): update its card and say what arrived. */
export function updateThought(thought) {
  const item = els?.list.querySelector(`[data-id="${CSS.escape(thought.id)}"]`);
  const before = state.thoughts.get(thought.id);
  if (!item || !before) {
    early.set(thought.id, thought);
    if (early.size > 50) early.delete(early.keys().next().value);
    return;
  }
  fillThought(item, { ...thought, search: before.search });
  if (before.analysis_status === 'pending' && thought.analysis_status !== 'pending') {
    item.classList.add('flash');
    setTimeout(() => item.classList.remove('flash'), 1600);
    const tags = thought.ai_tags ?? [];
    announce(
      tags.length ? `New AI tags: ${tags.join(', ')}` : `Analysis ${thought.analysis_status}`,
    );
  }
}

export const pendingAnalysisIds = () =>
  [...state.thoughts.values()]
    .filter((thought) => thought.analysis_status === 'pending')
    .map((thought) => thought.id);

let pendingWatcher = () => {};
export const onPendingAnalysis = (listener) => {
  pendingWatcher = listener;
};
function startPendingWatch() {
  pendingWatcher();
}

/** Every thought the feed knows about (for the activity picture). */
export const knownThoughts = () => [...state.thoughts.values()];
