import { api, describeError } from './api.js';
import { byId, clear, h } from './dom.js';
import { relativeTime } from './format.js';
import { showAssistantPanel } from './assistant.js';

/**
 * The key this browser holds (its scope says what the dashboard can do with it) and, for an
 * admin key, every key with its scope. Narrow keys: `read` sees, `capture` only captures.
 */
export const SCOPE_HINTS = {
  admin: 'admin: everything, plus users and keys',
  user: 'user: all of your data',
  read: 'read: look only, no changes',
  capture: 'capture: new thoughts only',
};

let generation = 0;

export async function showKeys() {
  const mine = ++generation;
  const scope = byId('settings-scope');
  const panel = byId('keys-panel');
  try {
    const me = await api('/me');
    if (mine !== generation) return;
    scope.textContent = SCOPE_HINTS[me.scope] ?? me.scope;
    scope.dataset.scope = me.scope;
    panel.hidden = me.scope !== 'admin';
    showAssistantPanel(me, () => void listKeys(mine));
    if (me.scope !== 'admin') return;
    await listKeys(mine);
  } catch (error) {
    if (mine !== generation) return;
    // A capture key may not even ask who it is: say so instead of failing the page.
    scope.textContent =
      error?.status === 403 ? SCOPE_HINTS.capture : describeError(error, 'unknown');
  }
}

async function listKeys(mine) {
  const page = await api('/admin/api-keys', { query: { limit: 100 } });
  if (mine !== generation) return;
  clear(byId('keys-box')).append(keyTable(page.items));
}

export function resetKeys() {
  generation++;
  byId('settings-scope').textContent = '';
  byId('keys-panel').hidden = true;
  clear(byId('keys-box'));
  clear(byId('assistant-box'));
}

function state(key) {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && Date.parse(key.expires_at) <= Date.now()) return 'expired';
  return 'active';
}

function keyTable(keys) {
  const headers = ['Key', 'Name', 'Scope', 'Last used', 'State'];
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { id: 'keys-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((text) => h('th', { scope: 'col' }, text)),
        ),
      ),
      h(
        'tbody',
        null,
        keys.map((key) =>
          h(
            'tr',
            { dataset: { keyId: key.id } },
            h('th', { scope: 'row', class: 'mono' }, `${key.prefix}…`),
            h('td', null, key.name),
            h('td', { class: 'key-scope', title: SCOPE_HINTS[key.scope] ?? '' }, key.scope),
            h('td', null, key.last_used_at ? relativeTime(key.last_used_at) : 'never'),
            h('td', null, state(key)),
          ),
        ),
      ),
    ),
  );
}
