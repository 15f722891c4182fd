import { byId, h, icon } from './dom.js';

/** Screen-reader announcement (polite), e.g. "Tags added". */
export function announce(text) {
  const region = byId('live');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick is announced even when the words repeat.
  setTimeout(() => {
    region.textContent = text;
  }, 30);
}

/**
 * A visible, announced message with an optional action ("Undo").
 * @param {string} text
 * @param {{ kind?: 'info' | 'error' | 'success', action?: { label: string, run: () => void }, timeout?: number }} [options]
 */
export function toast(text, { kind = 'info', action, timeout = 6000 } = {}) {
  const container = byId('toasts');
  if (!container) return;
  const dismiss = () => element.remove();
  const element = h(
    'div',
    { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : undefined },
    h('span', { class: 'toast-text' }, text),
    action &&
      h('button', {
        type: 'button',
        class: 'btn small ghost',
        text: action.label,
        onclick: () => {
          dismiss();
          action.run();
        },
      }),
    h(
      'button',
      {
        type: 'button',
        class: 'icon-btn small',
        'aria-label': 'Dismiss message',
        onclick: dismiss,
      },
      icon('x', 16),
    ),
  );
  container.append(element);
  while (container.children.length > 3) container.firstElementChild.remove();
  setTimeout(dismiss, timeout);
}
