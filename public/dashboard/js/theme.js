import { announce } from './live.js';

/** System, light or dark; the choice is remembered. js/theme-boot.js applies it before paint. */
const STORAGE_KEY = 'pai.theme';
const ORDER = ['system', 'light', 'dark'];
const LABEL = { system: 'system', light: 'light', dark: 'dark' };

export function initTheme(button) {
  let mode = read();
  const apply = () => {
    if (mode === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = mode;
    const next = ORDER[(ORDER.indexOf(mode) + 1) % ORDER.length];
    button.dataset.mode = mode;
    button.setAttribute('aria-label', `Theme: ${LABEL[mode]}. Switch to ${LABEL[next]}`);
    button.title = `Theme: ${LABEL[mode]}`;
  };
  button.addEventListener('click', () => {
    mode = ORDER[(ORDER.indexOf(mode) + 1) % ORDER.length];
    try {
      if (mode === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, mode);
    } catch {
      /* not remembered */
    }
    apply();
    announce(`Theme: ${LABEL[mode]}`);
  });
  apply();
}

function read() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return ORDER.includes(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}
