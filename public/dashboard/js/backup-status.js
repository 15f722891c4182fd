import { api } from './api.js';
import { byId } from './dom.js';
import { relativeTime } from './format.js';

/**
 * Admins see how old the last verified backup is, and a warning when it needs them. Any
 * other key gets 403 from the admin route, and the line stays hidden.
 */
export async function showBackupStatus() {
  const line = byId('backup-status');
  try {
    const status = await api('/admin/backups/status', { quiet: true });
    const age = status.last_good_at
      ? `Last verified backup ${relativeTime(status.last_good_at)}`
      : 'No verified backup yet';
    line.textContent = status.warning ? `Backup warning: ${status.warning}. ${age}.` : `${age}.`;
    line.classList.toggle('warn', Boolean(status.warning));
    line.hidden = false;
    line.dataset.state = status.warning ? 'warn' : 'ok';
  } catch {
    line.hidden = true;
    line.dataset.state = 'hidden';
  }
}

export function resetBackupStatus() {
  const line = byId('backup-status');
  line.hidden = true;
  line.textContent = '';
  delete line.dataset.state;
}
