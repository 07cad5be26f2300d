import type { TestApp } from './test-app';

/** Every item of a list endpoint, following its pages (the X-Next-Cursor header). */
export async function listAll<T>(
  t: TestApp,
  path: string,
  query: Record<string, string | number> = {},
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const q: Record<string, string | number> = { limit: 1000, ...query };
    if (cursor) q.cursor = cursor;
    const res = await t.http.get(path).query(q).expect(200);
    out.push(...(res.body as T[]));
    cursor = res.headers['x-next-cursor'];
    if (!cursor) return out;
  }
}
