import { ApiError, NetworkError, api, describeError } from './api.js';
import { byId } from './dom.js';
import { confirmPending, failPending, showPending } from './feed.js';
import { uuid } from './format.js';
import { announce } from './live.js';
import * as outbox from './outbox.js';
import { getKey, keyPrefix } from './session.js';

/**
 * Capture with an outbox: every thought is written to IndexedDB before it is sent and
 * removed only once the server has it. A failed send (no connection, 5xx, 429) stays queued
 * and is retried with the same Idempotency-Key on `online`, on a backoff timer and on the
 * next visit, so the server stores it exactly once.
 */
const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
const SOFT_LIMIT = 10_000;

const inflight = new Set();
const queueListeners = new Set();
let retryTimer = null;
let backoff = 0;
let flushing = null;
let input;
let counter;

export const onQueueChange = (listener) => queueListeners.add(listener);

export function initCapture() {
  const form = byId('capture');
  input = byId('capture-input');
  counter = byId('capture-count');
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey) return;
    event.preventDefault();
    submit();
  });
  input.addEventListener('input', () => {
    autosize();
    const length = [...input.value].length;
    counter.textContent =
      length > SOFT_LIMIT * 0.9
        ? `${length.toLocaleString()} / ${SOFT_LIMIT.toLocaleString()}`
        : '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  window.addEventListener('online', () => flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.4)}px`;
}

export function focusCapture() {
  input?.focus();
}

export function fillCapture(text) {
  input.value = text;
  autosize();
  input.focus();
}

async function submit() {
  const content = input.value;
  if (!content.trim()) {
    announce('Type a thought first');
    return;
  }
  const entry = {
    idempotency_key: uuid(),
    owner: keyPrefix(),
    content,
    queued_at: new Date().toISOString(),
    attempts: 0,
  };
  input.value = '';
  counter.textContent = '';
  autosize();
  showPending(entry, 'sending');
  try {
    await outbox.put(entry);
  } catch (error) {
    console.error('could not store the thought offline:', error);
  }
  await send(entry);
}

const isTransient = (error) =>
  error instanceof NetworkError ||
  (error instanceof ApiError &&
    (error.status >= 500 ||
      error.status === 429 ||
      error.status === 408 ||
      (error.status === 409 && /concurrent/i.test(error.message))));

async function send(entry) {
  const key = entry.idempotency_key;
  if (inflight.has(key)) return 'busy';
  inflight.add(key);
  try {
    const thought = await api('/thoughts', {
      method: 'POST',
      body: { content: entry.content, source: 'dashboard' },
      headers: { 'Idempotency-Key': key },
    });
    await outbox.remove(key).catch(() => {});
    backoff = 0;
    confirmPending(key, thought);
    announce(entry.attempts > 0 ? 'A queued thought was sent' : 'Thought saved');
    return 'sent';
  } catch (error) {
    if (isTransient(error) || (error instanceof ApiError && error.status === 401)) {
      entry.attempts += 1;
      entry.last_error = describeError(error);
      await outbox.put(entry).catch(() => {});
      showPending(entry, 'queued');
      if (entry.attempts === 1)
        announce('Offline: the thought is kept on this device and will be sent later');
      if (error.status !== 401) scheduleRetry(error.retryAfter);
      return 'queued';
    }
    // The server refused it for good (400, 413, 409 with another body): nothing to retry.
    await outbox.remove(key).catch(() => {});
    failPending(entry, describeError(error));
    return 'failed';
  } finally {
    inflight.delete(key);
    notifyQueue();
  }
}

function scheduleRetry(retryAfterSeconds) {
  backoff = backoff ? Math.min(backoff * 2, MAX_RETRY_MS) : MIN_RETRY_MS;
  const delay = retryAfterSeconds
    ? retryAfterSeconds * 1000
    : backoff * (0.8 + Math.random() * 0.4);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => flush(), delay);
}

/** Sends every queued thought of the signed-in key, oldest first; stops at the first failure. */
export function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    clearTimeout(retryTimer);
    retryTimer = null;
    const owner = keyPrefix();
    if (!owner || !getKey()) return;
    let entries = [];
    try {
      entries = await outbox.list(owner);
    } catch (error) {
      console.error('could not read the offline queue:', error);
    }
    for (const entry of entries) {
      if (inflight.has(entry.idempotency_key)) continue;
      showPending(entry, 'sending');
      const result = await send(entry);
      if (result === 'queued') break;
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** On sign-in: show what is still waiting from an earlier visit, then try to send it. */
export async function restoreQueue() {
  try {
    const entries = await outbox.list(keyPrefix());
    for (const entry of entries) showPending(entry, 'queued');
  } catch (error) {
    console.error('could not read the offline queue:', error);
  }
  notifyQueue();
  return flush();
}

export function stopCapture() {
  clearTimeout(retryTimer);
  retryTimer = null;
  backoff = 0;
}

async function notifyQueue() {
  let count = 0;
  try {
    count = (await outbox.list(keyPrefix())).length;
  } catch {
    count = 0;
  }
  queueListeners.forEach((listener) => listener(count));
}
