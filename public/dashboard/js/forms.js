import { ApiError, describeError } from './api.js';
import { h, uid } from './dom.js';

/**
 * A labelled control with a hint and an error slot wired to it by aria-describedby.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {{ hint?: string, className?: string }} [options]
 */
export function field(label, control, { hint, className } = {}) {
  if (!control.id) control.id = uid('field');
  const hintId = hint ? `${control.id}-hint` : null;
  const errorId = `${control.id}-error`;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: ['field', className] },
    h('label', { for: control.id }, label),
    control,
    hint && h('p', { class: 'hint', id: hintId }, hint),
    h('p', { class: 'field-error', id: errorId }),
  );
}

/**
 * A checkbox (or radio) with its label after it, and an error slot.
 * @param {string} label
 * @param {HTMLInputElement} control
 * @param {{ hint?: string }} [options]
 */
export function checkField(label, control, { hint } = {}) {
  if (!control.id) control.id = uid('check');
  const errorId = `${control.id}-error`;
  const hintId = hint ? `${control.id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: 'check-field' },
    h('div', { class: 'check-row' }, control, h('label', { for: control.id }, label)),
    hint && h('p', { class: 'hint', id: hintId }, hint),
    h('p', { class: 'field-error', id: errorId }),
  );
}

export function select(name, options, value) {
  return h(
    'select',
    { name },
    options.map(([optionValue, text]) =>
      h('option', { value: optionValue, selected: optionValue === (value ?? '') }, text),
    ),
  );
}

export function clearErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid="true"]'))
    control.removeAttribute('aria-invalid');
  for (const slot of form.querySelectorAll('.field-error, .form-error')) slot.textContent = '';
}

/**
 * Puts a 400's `details[].message` next to the control named in `details[].field` (or its
 * nearest named ancestor field), and anything unplaced in the form's general error slot.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const unplaced = [];
  let first = null;
  const details = error instanceof ApiError ? error.details : [];
  for (const detail of details) {
    const control = findControl(form, String(detail.field ?? ''));
    const slot = control && form.querySelector(`#${CSS.escape(control.id)}-error`);
    if (!slot) {
      unplaced.push(detail.message);
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    slot.textContent = slot.textContent ? `${slot.textContent} ${detail.message}` : detail.message;
    first ??= control;
  }
  const general = form.querySelector('.form-error');
  if (general) {
    if (details.length === 0) general.textContent = describeError(error);
    else if (unplaced.length > 0) general.textContent = unplaced.join(' ');
  }
  (first ?? general)?.focus?.();
  return first !== null;
}

function findControl(form, name) {
  if (!name) return null;
  const exact = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (exact) return exact;
  // "quiet_hours" → "quiet_hours.start"; "ongoing_projects.1" → its first control.
  const below = [...form.querySelectorAll('[name]')].find((control) =>
    control.name.startsWith(`${name}.`),
  );
  if (below) return below;
  const parent = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
  return parent ? findControl(form, parent) : null;
}

/** A transient "Saved" note beside a submit button. */
export function flashStatus(element, text) {
  element.textContent = text;
  clearTimeout(element._timer);
  element._timer = setTimeout(() => {
    element.textContent = '';
  }, 4000);
}
