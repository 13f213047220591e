import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';

/** What these helpers need of a list page (every list answer of the API has at least this). */
interface Page<T> {
  items: T[];
  total: number;
}

/** Every item loaded so far in a cursor-paginated query. */
export function allItems<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/**
 * Removes items from every cached page of the lists under `key` at once, so a withdrawn or
 * accepted row disappears without waiting for the refetch that follows.
 */
export function removeFromPages<T extends { id: string }>(
  client: QueryClient,
  key: QueryKey,
  ids: ReadonlySet<string>,
): void {
  client.setQueriesData<InfiniteData<Page<T>>>({ queryKey: key }, (data) => {
    if (!data?.pages) return data;
    let removed = 0;
    const pages = data.pages.map((page) => {
      const items = page.items.filter((item) => !ids.has(item.id));
      removed += page.items.length - items.length;
      return { ...page, items };
    });
    if (removed === 0) return data;
    return { ...data, pages: pages.map((page) => ({ ...page, total: Math.max(0, page.total - removed) })) };
  });
}
