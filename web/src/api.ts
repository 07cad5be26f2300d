/**
 * The dashboard's only way to the service: its public REST API, same origin. An API key, when
 * the service asks for one (401), is kept for the browser session and sent as a Bearer token.
 */

import type { Schema } from './api-types';

const KEY = 'tippers.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** Listeners told when the service answers 401 (the shell then asks for a key). */
const unauthorized = new Set<() => void>();
export function onUnauthorized(fn: () => void): () => void {
  unauthorized.add(fn);
  return () => unauthorized.delete(fn);
}

export interface Answer<T> {
  data: T;
  headers: Headers;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  const key = apiKey.get();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) unauthorized.forEach((fn) => fn());
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const message =
      data && typeof data === 'object' && 'message' in data
        ? String((data as { message: unknown }).message)
        : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return { data: data as T, headers: res.headers };
}

export const get = <T>(path: string) => call<T>('GET', path).then((a) => a.data);
export const post = <T>(path: string, body?: unknown) =>
  call<T>('POST', path, body ?? {}).then((a) => a.data);

/** A download link with the key (a plain <a href> cannot send headers). */
export async function download(path: string, filename: string): Promise<void> {
  const key = apiKey.get();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export type WhoAmI = Schema<'WhoAmIResponse'>;

const RANK = { viewer: 0, editor: 1, admin: 2 } as const;
export const mayAct = (who: WhoAmI | null, need: keyof typeof RANK) =>
  !!who && RANK[who.role] >= RANK[need];
