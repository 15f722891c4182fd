import { getKey } from './session.js';

export const API_BASE = '/api/v1';

/** A response other than 2xx, in the API's error shape. */
export class ApiError extends Error {
  constructor(status, body, headers) {
    super(body?.message || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.details = Array.isArray(body?.details) ? body.details : [];
    this.requestId = body?.request_id ?? headers?.get('X-Request-Id') ?? null;
    const retryAfter = Number(headers?.get('Retry-After'));
    this.retryAfter = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  }
}

/** The server could not be reached at all (offline, DNS, connection refused, aborted). */
export class NetworkError extends Error {
  constructor(cause) {
    super('The server could not be reached');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

const unauthorizedListeners = new Set();
export const onUnauthorized = (listener) => unauthorizedListeners.add(listener);

export function buildUrl(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/**
 * @typedef {object} ApiOptions
 * @property {string} [method]
 * @property {Record<string, string | number | boolean | null | undefined>} [query]
 * @property {unknown} [body] sent as JSON
 * @property {Record<string, string>} [headers]
 * @property {AbortSignal} [signal]
 * @property {string | null} [key] the API key; the signed-in one unless given
 * @property {boolean} [quiet] a 401 does not sign out
 */

/**
 * One API call. JSON in and out; throws ApiError or NetworkError. A 401 also tells the app
 * (unless `quiet`), which signs out: the key was revoked or has expired. The answer is typed
 * by the caller from types/api.d.ts, with a JSDoc type on the variable it lands in.
 * @param {string} path
 * @param {ApiOptions} [options]
 * @returns {Promise<any>}
 */
export async function api(
  path,
  { method = 'GET', query, body, headers = {}, signal, key = getKey(), quiet = false } = {},
) {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = {
    method,
    signal,
    cache: 'no-store',
    headers: { Accept: 'application/json', ...headers },
  };
  if (key) init.headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(buildUrl(path, query), init);
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const text = response.status === 204 ? '' : await response.text().catch(() => '');
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data, response.headers);
    if (response.status === 401 && !quiet)
      unauthorizedListeners.forEach((listener) => listener(error));
    throw error;
  }
  return data;
}

/** Words for a failure, for a toast or an inline message. */
export function describeError(error, fallback = 'Something went wrong') {
  if (error instanceof NetworkError) return 'Can’t reach the server. Check your connection.';
  if (error instanceof ApiError) {
    if (error.status === 429)
      return `Too many requests. Try again in ${error.retryAfter ?? 'a few'} seconds.`;
    if (error.status >= 500)
      return `The server had a problem (${error.status}). Try again in a moment.`;
    return error.message;
  }
  return fallback;
}
