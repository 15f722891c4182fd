import { api } from './api.js';
import { byId, clear, h } from './dom.js';
import { checkField, clearErrors, field, select, showErrors } from './forms.js';
import { announce } from './live.js';

/**
 * "Connect an assistant": an admin creates a read or user key for an AI assistant and
 * gets the configuration to paste, with the key in it, once. Nothing here keeps the key:
 * leaving the page or pressing Done forgets it.
 */
const CLIENTS = [
  ['claude-desktop', 'Claude Desktop (stdio bridge)'],
  ['claude-code', 'Claude Code'],
  ['http', 'Other Streamable HTTP client'],
];

export function snippetFor(client, key, origin) {
  const url = `${origin}/mcp`;
  if (client === 'claude-code')
    return `claude mcp add --transport http pai ${url} --header "Authorization: Bearer ${key}"`;
  if (client === 'http')
    return JSON.stringify(
      { mcpServers: { pai: { type: 'http', url, headers: { Authorization: `Bearer ${key}` } } } },
      null,
      2,
    );
  return [
    '# 1. Save the key where only you can read it:',
    `printf '%s' '${key}' > ~/.pai-key && chmod 600 ~/.pai-key`,
    '',
    '# 2. Add to claude_desktop_config.json (path to your PAI checkout, after npm run build):',
    JSON.stringify(
      {
        mcpServers: {
          pai: {
            command: 'node',
            args: [
              '/path/to/pai/dist/src/cli/mcp-stdio.js',
              '--url',
              origin,
              '--key-file',
              '~/.pai-key',
            ],
          },
        },
      },
      null,
      2,
    ),
  ].join('\n');
}

export function showAssistantPanel(me, onCreated) {
  const box = clear(byId('assistant-box'));
  if (me.scope !== 'admin') {
    box.append(
      h(
        'p',
        { class: 'muted' },
        'Ask your admin for a read key for your assistant; the README section “Use PAI from an AI assistant” has the configuration.',
      ),
    );
    return;
  }
  const name = h('input', {
    type: 'text',
    name: 'name',
    value: 'AI assistant',
    maxlength: '100',
    autocomplete: 'off',
  });
  const scopes = h(
    'fieldset',
    { class: 'radio-group' },
    h('legend', null, 'What may it do?'),
    checkField(
      'Read only: search and read thoughts, tasks and insights',
      h('input', { type: 'radio', name: 'scope', value: 'read', checked: true }),
    ),
    checkField(
      'Everything: also capture, create and change tasks, accept suggestions',
      h('input', { type: 'radio', name: 'scope', value: 'user' }),
    ),
  );
  const client = select('client', CLIENTS, 'claude-desktop');
  const output = h('div', { id: 'assistant-snippet-box' });
  const form = h(
    'form',
    { id: 'assistant-form', class: 'stack-form', novalidate: true },
    field('Name of the key', name, { hint: 'Shown in the key list, e.g. “Claude on my laptop”.' }),
    scopes,
    field('Assistant', client),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Create key and show setup'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      const issued = await api('/admin/api-keys', {
        method: 'POST',
        body: { user_id: me.user.id, name: name.value.trim(), scope: form.elements.scope.value },
      });
      const text = snippetFor(client.value, issued.key, location.origin);
      const pre = h('pre', { id: 'assistant-snippet', class: 'mono snippet', tabindex: '0' }, text);
      const copy = h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          onclick: () => navigator.clipboard?.writeText(text).then(() => announce('Copied')),
        },
        'Copy',
      );
      const done = h(
        'button',
        { type: 'button', class: 'btn small ghost', onclick: () => clear(output) },
        'Done, hide it',
      );
      clear(output).append(
        h(
          'p',
          { class: 'notice' },
          `A ${issued.scope} key “${issued.name}” was created. This is the only time it is shown: paste it now.`,
        ),
        pre,
        h('div', { class: 'button-row' }, copy, done),
      );
      announce('Key created; the setup is shown once');
      onCreated?.();
    } catch (error) {
      showErrors(form, error);
    }
  });
  box.append(form, output);
}
