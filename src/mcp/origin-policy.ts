/**
 * DNS rebinding defence for /mcp: a page on another site that rebinds its name to this
 * server arrives with its own Origin (and its own Host, so comparing the two proves
 * nothing). Browsers always send Origin on POST; assistants and scripts send none. So: no
 * Origin passes, and an Origin passes only when CORS_ORIGINS names it.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  return allowed.includes(origin.replace(/\/+$/, ''));
}

export const ORIGIN_REFUSED = 'this Origin may not use the MCP endpoint (allow it in CORS_ORIGINS)';
