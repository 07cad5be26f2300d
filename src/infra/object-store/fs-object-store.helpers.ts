import type { Stats } from 'node:fs';
import { InvalidObjectKeyError, ObjectInfo } from './object-store.port';

/** The fs object store's small pieces: error mapping, key collisions. */

export function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

/** The path does not name an existing object (missing, or a directory on the way). */
export function isMissing(e: unknown): boolean {
  const code = errno(e);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Errors that mean a file and a directory would share a path (`a` and `a/b`). */
const COLLISION_CODES = new Set(['ENOTDIR', 'EEXIST', 'EISDIR', 'ENOTEMPTY']);

function collisionError(key: string, why: string): InvalidObjectKeyError {
  return new InvalidObjectKeyError(
    `cannot store ${JSON.stringify(key)}: ${why}, and a file cannot be both`,
  );
}

/** Maps an mkdir/rename error for `key` to InvalidObjectKeyError when keys collide. */
export function asKeyCollision(e: unknown, key: string): unknown {
  const code = errno(e);
  if (code === undefined || !COLLISION_CODES.has(code)) return e;
  return collisionError(
    key,
    'the fs object store keeps an object at a prefix of this key or objects below it',
  );
}

export function infoOf(key: string, stats: Stats): ObjectInfo {
  // a fresh Date: Stats dates come from Node's own realm (instanceof Date fails under Jest)
  return { key, size: stats.size, lastModified: new Date(stats.mtimeMs) };
}
