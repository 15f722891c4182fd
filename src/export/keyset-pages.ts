export interface Keyset {
  createdAt: Date;
  id: string;
}

/**
 * Walks a keyset-paginated source oldest first, one page in memory at a time, so an export
 * of any size holds no more than `pageSize` rows.
 */
export async function* keysetPages<T>(
  fetchPage: (limit: number, after?: Keyset) => Promise<T[]>,
  keyOf: (row: T) => Keyset,
  pageSize: number,
): AsyncGenerator<T[]> {
  let after: Keyset | undefined;
  for (;;) {
    const page = await fetchPage(pageSize, after);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = keyOf(page[page.length - 1]!);
  }
}
