import { call } from './api';

/** One page of a list endpoint: its items and the cursor of the next page (null: the last). */
export interface PageOf<T> {
  items: T[];
  next: string | null;
}

type Query = Record<string, string | number | null | undefined>;

/** `path` (which may hold a query already) with the query's non-empty values appended. */
export function withQuery(path: string, query: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** One page of a paged list (the array and its X-Next-Cursor header). */
export async function fetchPage<T>(path: string, query: Query = {}): Promise<PageOf<T>> {
  const { data, headers } = await call<T[]>('GET', withQuery(path, query));
  return { items: data, next: headers.get('x-next-cursor') };
}

/**
 * The items of a paged list, following X-Next-Cursor for at most `maxPages` pages (of the
 * query's `limit`); `complete` is false when more remain.
 */
export async function fetchAll<T>(
  path: string,
  query: Query = {},
  maxPages = 50,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < maxPages; n++) {
    const page: PageOf<T> = await fetchPage<T>(path, { ...query, cursor });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}
