const WINDOW = 80;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The snippet for a literal substring match, in the same form ts_headline gives full-text
 * hits: HTML-escaped text with the match in <mark>.
 */
export function substringSnippet(content: string, needle: string): string {
  const at = content.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return escapeHtml(content.slice(0, WINDOW * 2));
  const start = Math.max(0, at - WINDOW);
  const end = Math.min(content.length, at + needle.length + WINDOW);
  return [
    start > 0 ? '… ' : '',
    escapeHtml(content.slice(start, at)),
    '<mark>',
    escapeHtml(content.slice(at, at + needle.length)),
    '</mark>',
    escapeHtml(content.slice(at + needle.length, end)),
    end < content.length ? ' …' : '',
  ].join('');
}
