/** The API key lives in localStorage only: never in a URL, a cookie or a log. */
const STORAGE_KEY = 'pai.apiKey';
/** The same length as the display prefix the server shows in its key list. */
const PREFIX_LENGTH = 12;

export function getKey() {
  try {
    return localStorage.getItem(STORAGE_KEY) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  localStorage.setItem(STORAGE_KEY, key);
}

export function clearKey() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

export const keyPrefix = (key = getKey()) => (key ? key.slice(0, PREFIX_LENGTH) : '');
