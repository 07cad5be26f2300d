import { call } from '../../api';

/**
 * Up to `pages` pages of a list endpoint, following X-Next-Cursor; `more` says whether the
 * service has items beyond them.
 */
export async function getPages<T>(path: string, pages = 1): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path;
    const { data, headers } = await call<T[]>('GET', url);
    items.push(...data);
    cursor = headers.get('X-Next-Cursor');
    if (!cursor) return { items, more: false };
  }
  return { items, more: true };
}
