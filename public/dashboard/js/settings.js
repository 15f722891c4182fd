import { api, describeError } from './api.js';
import { context } from './context.js';
import { byId, clear, h } from './dom.js';
import { resetKeys, showKeys } from './keys.js';
import { checkField, clearErrors, field, flashStatus, select, showErrors } from './forms.js';
import { announce } from './live.js';

/**
 * The settings form (PATCH only what changed) and the profile form (PUT the whole profile).
 * A 400's details[].field puts the server's message next to the field it names.
 */
const MODES = [
  ['off', 'Off', 'No task suggestions'],
  ['suggest', 'Suggest', 'Offer tasks in the inbox for you to accept'],
  ['auto', 'Automatic', 'Create tasks from confident suggestions'],
];
const BACKENDS = [
  ['auto', 'Automatic (best available)'],
  ['claude', 'Claude'],
  ['ollama', 'Ollama'],
  ['local', 'Local (offline, built in)'],
];
const PROJECT_STATUSES = ['active', 'paused', 'done'];
const HORIZONS = ['week', 'month', 'quarter', 'year'];
const ENERGY = ['morning', 'afternoon', 'evening', 'night'];

let settings = null;
let generation = 0;

export async function showSettings() {
  const mine = ++generation;
  const settingsBox = byId('settings-form-box');
  const profileBox = byId('profile-form-box');
  void showKeys();
  try {
    const [loadedSettings, profile] = await Promise.all([api('/settings'), api('/profile')]);
    if (mine !== generation) return;
    settings = loadedSettings;
    context.timezone = profile.timezone || undefined;
    clear(settingsBox).append(settingsForm(settings));
    clear(profileBox).append(profileForm(profile));
  } catch (error) {
    if (mine !== generation) return;
    clear(settingsBox).append(
      h('p', { class: 'field-error' }, describeError(error, 'Could not load settings')),
    );
  }
}

export function resetSettings() {
  generation++;
  resetKeys();
  clear(byId('settings-form-box'));
  clear(byId('profile-form-box'));
}

/* ---------- settings ---------- */

function settingsForm(current) {
  const autoTagging = h('input', {
    type: 'checkbox',
    name: 'auto_tagging_enabled',
    checked: current.auto_tagging_enabled,
  });
  const backend = select('ai_backend', BACKENDS, current.ai_backend);
  const autoCreate = h('input', {
    type: 'checkbox',
    name: 'auto_task_creation_enabled',
    checked: current.auto_task_creation_enabled,
  });
  const threshold = h('input', {
    type: 'number',
    name: 'auto_task_confidence_threshold',
    min: '0',
    max: '1',
    step: '0.01',
    inputmode: 'decimal',
    value: String(current.auto_task_confidence_threshold),
  });
  const interval = h('input', {
    type: 'number',
    name: 'consciousness_check_interval_minutes',
    min: '30',
    max: '1440',
    step: '1',
    inputmode: 'numeric',
    value: String(current.consciousness_check_interval_minutes),
  });
  const quiet = h('input', {
    type: 'checkbox',
    name: 'quiet_hours_enabled',
    checked: Boolean(current.quiet_hours),
  });
  const quietStart = h('input', {
    type: 'time',
    name: 'quiet_hours.start',
    value: current.quiet_hours?.start ?? '22:00',
  });
  const quietEnd = h('input', {
    type: 'time',
    name: 'quiet_hours.end',
    value: current.quiet_hours?.end ?? '07:00',
  });
  const quietTimes = h(
    'div',
    { class: 'field-grid', hidden: !current.quiet_hours },
    field('Quiet from', quietStart),
    field('Quiet until', quietEnd),
  );
  quiet.addEventListener('change', () => {
    quietTimes.hidden = !quiet.checked;
  });
  const modeName = 'task_suggestion_mode';
  const modes = h(
    'fieldset',
    { class: 'radio-group' },
    h('legend', null, 'Task suggestions'),
    MODES.map(([value, label, hint]) => {
      const radio = h('input', {
        type: 'radio',
        name: modeName,
        value,
        checked: current.task_suggestion_mode === value,
      });
      return checkField(label, radio, { hint });
    }),
  );
  const status = h('span', { class: 'save-status', role: 'status' });
  const form = h(
    'form',
    {
      id: 'settings-form',
      class: 'stack-form',
      novalidate: true,
      'aria-labelledby': 'settings-heading',
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'AI'),
      checkField('Tag new thoughts automatically', autoTagging),
      field('AI backend', backend, {
        hint: 'Automatic tries Claude, then Ollama, then the built-in local backend. Thoughts marked “local only” never leave this server.',
      }),
    ),
    modes,
    h(
      'fieldset',
      null,
      h('legend', null, 'Automatic tasks'),
      checkField('Create tasks automatically from confident suggestions', autoCreate, {
        hint: 'Turning this off moves “Automatic” suggestions back to “Suggest”.',
      }),
      field('Confidence needed (0 to 1)', threshold, {
        hint: 'e.g. 0.85: only suggestions at least 85% sure become tasks by themselves.',
      }),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Consciousness checks'),
      field('Check every (minutes)', interval, { hint: 'Between 30 minutes and 24 hours (1440).' }),
      checkField('Quiet hours (no checks or notifications)', quiet),
      quietTimes,
    ),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Save settings'),
      status,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const next = {
      auto_tagging_enabled: autoTagging.checked,
      ai_backend: backend.value,
      task_suggestion_mode: form.elements[modeName].value,
      auto_task_creation_enabled: autoCreate.checked,
      auto_task_confidence_threshold:
        threshold.value.trim() === '' ? threshold.value : Number(threshold.value),
      consciousness_check_interval_minutes:
        interval.value.trim() === '' ? interval.value : Number(interval.value),
      quiet_hours: quiet.checked ? { start: quietStart.value, end: quietEnd.value } : null,
    };
    const body = {};
    for (const [key, value] of Object.entries(next)) {
      if (JSON.stringify(value) !== JSON.stringify(settings[key])) body[key] = value;
    }
    if (Object.keys(body).length === 0) {
      flashStatus(status, 'Nothing to save');
      return;
    }
    try {
      settings = await api('/settings', { method: 'PATCH', body });
      const fresh = settingsForm(settings);
      form.replaceWith(fresh);
      const freshStatus = fresh.querySelector('.save-status');
      flashStatus(freshStatus, 'Saved');
      fresh.querySelector('button[type="submit"]').focus();
      announce('Settings saved');
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

/* ---------- profile ---------- */

function profileForm(profile) {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const timezone = h('input', {
    type: 'text',
    name: 'timezone',
    value: profile.timezone ?? 'UTC',
    list: 'tz-list',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const preferences = profile.preferences ?? {};
  const language = h('input', {
    type: 'text',
    name: 'preferences.language',
    value: preferences.language ?? '',
    placeholder: 'en-GB',
    autocomplete: 'off',
  });
  const dateFormat = h('input', {
    type: 'text',
    name: 'preferences.date_format',
    value: preferences.date_format ?? '',
    placeholder: 'DD.MM.YYYY',
    autocomplete: 'off',
  });
  const weekStart = select(
    'preferences.week_starts_on',
    [
      ['', 'Not set'],
      ['monday', 'Monday'],
      ['sunday', 'Sunday'],
    ],
    preferences.week_starts_on ?? '',
  );
  const patterns = profile.work_patterns ?? {};
  const notes = h('textarea', {
    name: 'work_patterns.notes',
    rows: 3,
    value: patterns.notes ?? '',
  });

  const projects = repeater(
    'ongoing_projects',
    'Add project',
    projectRow,
    profile.ongoing_projects ?? [],
  );
  const goals = repeater('goals', 'Add goal', goalRow, profile.goals ?? []);
  const focus = repeater(
    'work_patterns.focus_hours',
    'Add focus window',
    focusRow,
    patterns.focus_hours ?? [],
  );
  const energy = h(
    'fieldset',
    { class: 'chips-group' },
    h('legend', null, 'Energy peaks'),
    ENERGY.map((value) =>
      checkField(
        value,
        h('input', {
          type: 'checkbox',
          name: 'work_patterns.energy_peaks',
          value,
          checked: (patterns.energy_peaks ?? []).includes(value),
        }),
      ),
    ),
  );

  const status = h('span', { class: 'save-status', role: 'status' });
  const form = h(
    'form',
    {
      id: 'profile-form',
      class: 'stack-form',
      novalidate: true,
      'aria-labelledby': 'profile-heading',
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'You'),
      field('Time zone', timezone, {
        hint: 'IANA name, e.g. Europe/Berlin. “Today” and due dates follow it.',
      }),
      h(
        'datalist',
        { id: 'tz-list' },
        zones.map((zone) => h('option', { value: zone })),
      ),
      h(
        'div',
        { class: 'field-grid' },
        field('Language', language, { hint: 'e.g. en-GB' }),
        field('Date format', dateFormat),
      ),
      field('Week starts on', weekStart),
    ),
    h('fieldset', null, h('legend', null, 'Ongoing projects'), projects.element),
    h('fieldset', null, h('legend', null, 'Goals'), goals.element),
    h(
      'fieldset',
      null,
      h('legend', null, 'Work patterns'),
      h('p', { class: 'hint' }, 'Focus windows (in your time zone)'),
      focus.element,
      energy,
      field('Notes', notes),
    ),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Save profile'),
      status,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      ongoing_projects: projects.values(),
      work_patterns: prune({
        focus_hours: focus.values(),
        energy_peaks: [...form.querySelectorAll('[name="work_patterns.energy_peaks"]:checked')].map(
          (box) => box.value,
        ),
        notes: notes.value.trim() || undefined,
      }),
      goals: goals.values(),
      preferences: prune({
        language: language.value.trim() || undefined,
        date_format: dateFormat.value.trim() || undefined,
        week_starts_on: weekStart.value || undefined,
      }),
      timezone: timezone.value.trim(),
    };
    try {
      const saved = await api('/profile', { method: 'PUT', body });
      context.timezone = saved.timezone;
      const fresh = profileForm(saved);
      form.replaceWith(fresh);
      flashStatus(fresh.querySelector('.save-status'), 'Saved');
      fresh.querySelector('button[type="submit"]').focus();
      announce('Profile saved');
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

const prune = (object) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

/**
 * A list of rows whose controls are named `${base}.${index}.${field}`, renumbered before
 * each save so a 400's field path (e.g. "goals.1.title") finds its input.
 */
function repeater(base, addLabel, makeRow, initial) {
  const list = h('ol', { class: 'repeater' });
  const renumber = () => {
    [...list.children].forEach((row, index) => {
      for (const control of row.querySelectorAll('[data-key]'))
        control.name = `${base}.${index}.${control.dataset.key}`;
      row.querySelector('.row-label').textContent = `${index + 1}`;
    });
  };
  const add = (value) => {
    const row = h(
      'li',
      { class: 'repeater-row' },
      h('span', { class: 'row-label', 'aria-hidden': 'true' }),
      makeRow(value ?? {}),
    );
    row.append(
      h(
        'button',
        {
          type: 'button',
          class: 'btn small ghost danger',
          'aria-label': 'Remove this row',
          onclick: () => {
            row.remove();
            renumber();
            addButton.focus();
          },
        },
        'Remove',
      ),
    );
    list.append(row);
    renumber();
    return row;
  };
  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'btn small',
      onclick: () => add().querySelector('input, select')?.focus(),
    },
    `+ ${addLabel}`,
  );
  initial.forEach(add);
  return {
    element: h('div', null, list, addButton),
    values: () => {
      renumber();
      return [...list.children].map((row) => {
        const value = {};
        for (const control of row.querySelectorAll('[data-key]')) {
          const raw = control.value.trim();
          if (control.dataset.key === 'tags') {
            const tags = raw
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean);
            if (tags.length > 0) value.tags = tags;
          } else if (raw !== '' || control.dataset.required) value[control.dataset.key] = raw;
        }
        return value;
      });
    },
  };
}

const keyed = (element, key, required = false) => {
  element.dataset.key = key;
  if (required) element.dataset.required = 'true';
  return element;
};

function projectRow(project) {
  return h(
    'div',
    { class: 'row-fields' },
    field(
      'Project',
      keyed(
        h('input', { type: 'text', value: project.name ?? '', autocomplete: 'off' }),
        'name',
        true,
      ),
    ),
    field(
      'Status',
      keyed(
        select(
          '',
          PROJECT_STATUSES.map((value) => [value, value]),
          project.status ?? 'active',
        ),
        'status',
      ),
    ),
    field(
      'Description',
      keyed(
        h('input', { type: 'text', value: project.description ?? '', autocomplete: 'off' }),
        'description',
      ),
    ),
    field(
      'Tags',
      keyed(
        h('input', { type: 'text', value: (project.tags ?? []).join(', '), autocomplete: 'off' }),
        'tags',
      ),
      { hint: 'Comma-separated' },
    ),
  );
}

function goalRow(goal) {
  return h(
    'div',
    { class: 'row-fields' },
    field(
      'Goal',
      keyed(
        h('input', { type: 'text', value: goal.title ?? '', autocomplete: 'off' }),
        'title',
        true,
      ),
    ),
    field(
      'Horizon',
      keyed(
        select(
          '',
          [['', 'Not set'], ...HORIZONS.map((value) => [value, value])],
          goal.horizon ?? '',
        ),
        'horizon',
      ),
    ),
    field(
      'Target date',
      keyed(h('input', { type: 'date', value: goal.target_date ?? '' }), 'target_date'),
    ),
  );
}

function focusRow(window) {
  return h(
    'div',
    { class: 'row-fields field-grid' },
    field(
      'From',
      keyed(h('input', { type: 'time', value: window.start ?? '09:00' }), 'start', true),
    ),
    field('Until', keyed(h('input', { type: 'time', value: window.end ?? '12:00' }), 'end', true)),
  );
}

/** Loads the profile time zone at sign-in so "today" is right before the settings are opened. */
export async function loadTimezone() {
  try {
    const profile = await api('/profile');
    context.timezone = profile.timezone || undefined;
  } catch {
    /* the browser's zone until then */
  }
}
