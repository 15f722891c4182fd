import { API_BASE, ApiError, describeError } from './api.js';
import { byId } from './dom.js';
import { announce } from './live.js';
import { getKey } from './session.js';

/**
 * "Your data" on the settings page: the export is fetched with the key in a header (never in
 * a URL) and handed to the browser as a download under the server's file name.
 */
export function initDataExport() {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
    document.querySelectorAll('[data-export-format]')
  )) {
    button.addEventListener('click', () => download(button, button.dataset.exportFormat));
  }
}

async function download(button, format) {
  const status = byId('export-status');
  button.disabled = true;
  status.textContent = 'Preparing your export…';
  try {
    const response = await fetch(`${API_BASE}/export?format=${encodeURIComponent(format)}`, {
      headers: { Authorization: `Bearer ${getKey()}` },
      cache: 'no-store',
    });
    if (!response.ok)
      throw new ApiError(
        response.status,
        await response.json().catch(() => null),
        response.headers,
      );
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ??
      `pai-export.${format === 'json' ? 'json' : 'zip'}`;
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `Downloaded ${name}`;
    announce(`Export downloaded: ${name}`);
  } catch (error) {
    status.textContent = describeError(error, 'Could not export');
  } finally {
    button.disabled = false;
  }
}
