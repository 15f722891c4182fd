const MAX_TITLE = 200;

/** A task title from a thought: its first sentence or line, cut at a word boundary. */
export function titleFromThought(content: string): string {
  const first = content.split(/(?<=[.!?])\s|\n/)[0]!.trim() || content.trim();
  if ([...first].length <= MAX_TITLE) return first;
  const cut = [...first].slice(0, MAX_TITLE - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > MAX_TITLE / 2 ? atWord : cut}…`;
}
