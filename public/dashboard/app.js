import { showActivity } from './js/activity.js';
import { showTidyTags } from './js/tidy-tags.js';
import { showAi } from './js/ai.js';
import { ApiError, NetworkError, api, onUnauthorized } from './js/api.js';
import { resetBackupStatus, showBackupStatus } from './js/backup-status.js';
import {
  flush,
  focusCapture,
  initCapture,
  onQueueChange,
  restoreQueue,
  stopCapture,
} from './js/capture.js';
import { initDataExport } from './js/data-export.js';
import { byId } from './js/dom.js';
import { startEvents, stopEvents, watchPending } from './js/events.js';
import {
  initFeed,
  onFeedTask,
  onPendingAnalysis,
  pendingAnalysisIds,
  resetFeed,
  showFeed,
  updateThought,
} from './js/feed.js';
import {
  initInbox,
  refreshInboxCount,
  resetInbox,
  showInbox,
  suggestionCreated,
} from './js/inbox.js';
import { checkCompleted, initInsights, resetInsights, showInsights } from './js/insights.js';
import { announce } from './js/live.js';
import { initRouter, route } from './js/router.js';
import { clearKey, getKey, keyPrefix, setKey } from './js/session.js';
import { loadTimezone, resetSettings, showSettings } from './js/settings.js';
import { initTasks, resetTasks, showTasks, taskCreated } from './js/tasks.js';
import { initTheme } from './js/theme.js';

const VIEWS = {
  feed: showFeed,
  inbox: showInbox,
  tasks: showTasks,
  insights: showInsights,
  activity: () => {
    void showActivity();
    void showTidyTags();
  },
  ai: showAi,
  settings: showSettings,
  more: () => {},
};

let started = false;

function boot() {
  initTheme(byId('theme-toggle'));
  initFeed();
  initCapture();
  initTasks();
  initInbox();
  initInsights();
  initRouter((name) => VIEWS[name]?.());
  wireAccount();
  wireSkipLinks();
  byId('signin-form').addEventListener('submit', signIn);
  onUnauthorized(() =>
    signOut('Your API key was not accepted any more (revoked or expired?). Sign in again.'),
  );
  onQueueChange(showQueue);
  onFeedTask(taskCreated);
  onPendingAnalysis(watchPending);
  window.addEventListener('online', showConnection);
  window.addEventListener('offline', showConnection);
  if (getKey()) {
    start();
    // Verify in the background: offline, the app still opens and captures into the queue.
    api('/thoughts', { query: { limit: 1 } }).catch(() => {});
  } else showSignIn();
}

function showSignIn(message = '') {
  byId('app').hidden = true;
  byId('signin-screen').hidden = false;
  const error = byId('signin-error');
  error.textContent = message;
  const input = byId('signin-key');
  input.value = '';
  input.toggleAttribute('aria-invalid', Boolean(message));
  input.focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = byId('signin-key');
  const error = byId('signin-error');
  const button = event.submitter ?? byId('signin-form').querySelector('button');
  const key = input.value.trim();
  error.textContent = '';
  input.removeAttribute('aria-invalid');
  if (!key) {
    error.textContent = 'Paste your API key first. It starts with pai_.';
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  button.disabled = true;
  button.textContent = 'Checking…';
  try {
    await api('/thoughts', { query: { limit: 1 }, key, quiet: true });
    setKey(key);
    input.value = '';
    start(true);
  } catch (failure) {
    input.setAttribute('aria-invalid', 'true');
    if (failure instanceof ApiError && failure.status === 401) {
      error.textContent =
        'That key was not accepted (401). Check that you pasted all of it and that it has not been revoked or expired.';
    } else if (failure instanceof ApiError && failure.status === 429) {
      error.textContent = `Too many attempts. Wait ${failure.retryAfter ?? 60} seconds and try again.`;
    } else if (failure instanceof NetworkError) {
      error.textContent = 'Can’t reach the server. Check your connection and try again.';
    } else {
      error.textContent = failure?.message ?? 'Sign-in failed.';
    }
    input.focus();
    input.select();
  } finally {
    button.disabled = false;
    button.textContent = 'Sign in';
  }
}

function start(interactive = false) {
  byId('signin-screen').hidden = true;
  byId('app').hidden = false;
  byId('whoami').textContent = keyPrefix();
  byId('account-prefix').textContent = keyPrefix();
  byId('settings-whoami').textContent = keyPrefix();
  started = true;
  showConnection();
  loadTimezone();
  route(false);
  restoreQueue();
  refreshInboxCount();
  showBackupStatus();
  startEvents({
    onEvent: handleEvent,
    pendingIds: pendingAnalysisIds,
    onPolled: (thought) => {
      const wasPending = pendingAnalysisIds().includes(thought.id);
      updateThought(thought);
      if (wasPending && thought.analysis_status !== 'pending') refreshInboxCount();
    },
    onUnauthorized: () => signOut('Your API key was not accepted any more. Sign in again.'),
    onMode: (mode) => {
      byId('live-mode').textContent =
        mode === 'live'
          ? 'Live updates on'
          : mode === 'polling'
            ? 'Checking for updates every 10 s'
            : '';
    },
  });
  // Ready to type after signing in; on a phone, not on every visit (no keyboard popping up).
  const onFeed = location.hash === '' || location.hash === '#/feed';
  if (onFeed && (interactive || matchMedia('(min-width: 600px)').matches)) focusCapture();
}

function signOut(message = '') {
  if (!started && !getKey()) return showSignIn(message);
  started = false;
  stopEvents();
  stopCapture();
  clearKey();
  resetFeed();
  resetTasks();
  resetInbox();
  resetInsights();
  resetSettings();
  resetBackupStatus();
  closeAccountMenu();
  showSignIn(message);
  announce(message || 'Signed out');
}

function handleEvent(type, data) {
  switch (type) {
    case 'thought.analyzed':
      updateThought(data);
      break;
    case 'suggestion.created':
      suggestionCreated(data);
      break;
    case 'task.created':
      taskCreated();
      announce(`New task: ${data.title}`);
      break;
    case 'consciousness_check.completed':
      checkCompleted(data);
      break;
    default:
      break;
  }
}

function wireAccount() {
  const button = byId('account-btn');
  const menu = byId('account-menu');
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    menu.hidden = !open;
    if (open) byId('signout').focus();
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      closeAccountMenu();
      button.focus();
    }
  });
  document.addEventListener('click', (event) => {
    const target = /** @type {Node} */ (event.target);
    if (!menu.hidden && !menu.contains(target) && !button.contains(target)) closeAccountMenu();
  });
  byId('signout').addEventListener('click', () => signOut());
  byId('settings-signout').addEventListener('click', () => signOut());
  initDataExport();
}

function closeAccountMenu() {
  byId('account-btn').setAttribute('aria-expanded', 'false');
  byId('account-menu').hidden = true;
}

function wireSkipLinks() {
  for (const link of document.querySelectorAll('[data-skip]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const target = /** @type {HTMLElement | null} */ (
        document.querySelector(link.getAttribute('href'))
      );
      target?.focus();
    });
  }
}

let queued = 0;
function showQueue(count) {
  queued = count;
  showConnection();
}

function showConnection() {
  const pill = byId('conn');
  const offline = !navigator.onLine;
  const text = queued > 0 ? `${queued} waiting to send` : offline ? 'Offline' : '';
  pill.textContent = text;
  pill.hidden = !text;
  pill.classList.toggle('warn', Boolean(text));
  const retry = byId('conn-retry');
  retry.hidden = queued === 0;
  byId('settings-queue').textContent =
    queued > 0
      ? `${queued} thought${queued === 1 ? ' is' : 's are'} waiting on this device to be sent.`
      : 'Nothing is waiting to be sent.';
}

byId('conn-retry')?.addEventListener('click', () => flush());

boot();
