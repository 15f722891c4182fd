import { API_BASE, api } from './api.js';
import { getKey } from './session.js';

/**
 * Server-Sent Events over fetch(): EventSource cannot send the Authorization header, and the
 * key must never go into a URL. When the stream is missing (404) or keeps failing, thoughts
 * whose analysis is pending are polled every 10 s instead.
 */
const POLL_MS = 10_000;
const RETRY_MISSING_MS = 5 * 60_000;

let controller = null;
let stopped = true;
let retryDelay = 1_000;
let reconnectTimer = null;
let pollTimer = null;
let handlers = {};
let mode = 'off';
let session = 0; // a connection attempt from before a sign-out must not come back to life

/** handlers: { onEvent(type, data), pendingIds(), onPolled(thought), onUnauthorized(), onMode(mode) } */
export function startEvents(options) {
  handlers = options;
  stopped = false;
  retryDelay = 1_000;
  session++;
  connect();
}

export function stopEvents() {
  stopped = true;
  controller?.abort();
  controller = null;
  clearTimeout(reconnectTimer);
  clearInterval(pollTimer);
  pollTimer = null;
  setMode('off');
}

/** Something new is pending: make sure someone is watching for it. */
export function watchPending() {
  if (mode !== 'live' && !stopped) startPolling();
}

function setMode(next) {
  mode = next;
  handlers.onMode?.(next);
}

async function connect() {
  if (stopped) return;
  const mine = session;
  controller = new AbortController();
  let response;
  try {
    response = await fetch(`${API_BASE}/events`, {
      headers: { Authorization: `Bearer ${getKey()}`, Accept: 'text/event-stream' },
      cache: 'no-store',
      signal: controller.signal,
    });
  } catch {
    return mine === session ? fallBack(retryDelay) : undefined;
  }
  if (mine !== session) return;
  if (response.status === 404) return fallBack(RETRY_MISSING_MS);
  if (response.status === 401) {
    handlers.onUnauthorized?.();
    return;
  }
  if (!response.ok || !response.body) return fallBack(retryDelay);
  setMode('live');
  stopPolling();
  retryDelay = 1_000;
  poll(); // catch up on whatever finished while the stream was not there
  try {
    await readStream(response.body);
  } catch {
    /* dropped: reconnect below */
  }
  if (!stopped && mine === session) fallBack(retryDelay);
}

function fallBack(delay) {
  if (stopped) return;
  setMode('polling');
  startPolling();
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(connect, delay);
  retryDelay = Math.min(retryDelay * 2, 60_000);
}

async function readStream(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (event.data.length > 0) dispatch(event.type, event.data.join('\n'));
        event = { type: 'message', data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'event') event.type = fieldValue;
        else if (name === 'data') event.data.push(fieldValue);
        else if (name === 'retry' && /^\d+$/.test(fieldValue)) retryDelay = Number(fieldValue);
      }
    }
  }
}

function dispatch(type, raw) {
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    return;
  }
  handlers.onEvent?.(type, data);
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(poll, POLL_MS);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

async function poll() {
  if (document.hidden) return;
  const ids = handlers.pendingIds?.() ?? [];
  if (ids.length === 0) {
    if (mode !== 'polling') stopPolling();
    return;
  }
  for (const id of ids.slice(0, 10)) {
    try {
      handlers.onPolled?.(await api(`/thoughts/${id}`));
    } catch {
      /* try again next round */
    }
  }
}
