import { fetchAll } from '../../paging';

/**
 * Up to `pages` pages of a list endpoint, following X-Next-Cursor; `more` says whether the
 * service has items beyond them.
 */
export async function getPages<T>(path: string, pages = 1): Promise<{ items: T[]; more: boolean }> {
  const { items, complete } = await fetchAll<T>(path, {}, pages);
  return { items, more: !complete };
}
