/** Characters Obsidian, Windows or macOS refuse (or treat as syntax) in a note's name. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const UNSAFE = /[\\/:*?"<>|#^[\]\u0000-\u001f\u007f]/g;
const TITLE_CHARS = 48;

/**
 * A note's file name: its day, its first words and the start of its id, which keeps names
 * unique however alike two thoughts begin.
 */
export function noteFileName(thought: { id: string; content: string; created_at: string }): string {
  const words = thought.content
    .split('\n')[0]!
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // No leading dot (a hidden file) and no trailing dot or space (Windows drops them).
    .replace(/^\.+/, '');
  const title = [...words]
    .slice(0, TITLE_CHARS)
    .join('')
    .replace(/[.\s]+$/, '');
  const day = thought.created_at.slice(0, 10);
  return `${day} ${title ? `${title} ` : ''}${thought.id.slice(0, 8)}.md`;
}

/** Obsidian tags have no spaces; everything else in ours is allowed. */
export function obsidianTag(tag: string): string {
  return tag.trim().replace(/\s+/g, '-');
}

/** A YAML flow value: JSON strings and arrays are valid YAML and need no escaping rules of their own. */
export function yamlValue(value: string | string[] | null): string {
  return JSON.stringify(value);
}
