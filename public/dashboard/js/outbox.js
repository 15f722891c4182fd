/**
 * The offline queue: captures not yet acknowledged by the server, in IndexedDB, keyed by
 * their Idempotency-Key so a resend can never create a second thought. Entries belong to
 * the key prefix that captured them and are only sent with that key.
 */
const DB_NAME = 'pai-dashboard';
const STORE = 'outbox';
let database = null;
const memory = new Map(); // when IndexedDB is unavailable (some private modes)

function open() {
  if (!database) {
    database = new Promise((resolve, reject) => {
      if (!('indexedDB' in globalThis)) {
        reject(new Error('IndexedDB unavailable'));
        return;
      }
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'idempotency_key' });
        store.createIndex('owner', 'owner');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((error) => {
      database = Promise.resolve(null);
      console.error('offline queue falls back to memory:', error);
      return null;
    });
  }
  return database;
}

async function run(mode, operation) {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = operation(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export async function put(entry) {
  if (!(await open())) return void memory.set(entry.idempotency_key, { ...entry });
  await run('readwrite', (store) => store.put(entry));
}

export async function remove(idempotencyKey) {
  if (!(await open())) return void memory.delete(idempotencyKey);
  await run('readwrite', (store) => store.delete(idempotencyKey));
}

/** The owner's entries, oldest first (sent in the order they were typed). */
export async function list(owner) {
  const rows = (await open())
    ? ((await run('readonly', (store) => store.index('owner').getAll(owner))) ?? [])
    : [...memory.values()].filter((entry) => entry.owner === owner);
  return rows.sort((a, b) => a.queued_at.localeCompare(b.queued_at));
}
