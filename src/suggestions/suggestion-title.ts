/** What two titles must share to be "the same suggestion": case, punctuation and spacing aside. */
export function normalizeSuggestionTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 200);
}
