import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { InvalidObjectKeyError, ObjectInfo, PutManyEntry } from './object-store.port';

/** The fs object store's small pieces: error mapping, temp shards, key collisions. */

/**
 * putMany spreads its temp files over this many subdirectories of `.tmp/` (`s00`...): creating
 * thousands of files at once in one directory serializes on that directory's lock (seen as
 * the top kernel symbol, rwsem_spin_on_owner, in a profile of occupancy runs).
 */
export const TMP_SHARDS = 16;
export const shardName = (i: number) => `s${String(i % TMP_SHARDS).padStart(2, '0')}`;
export const SHARD_NAME = /^s\d\d$/;

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

/** Rejects a batch in which one key is a directory of another (`a` and `a/b`), before any I/O. */
export function assertNoKeyBelowAnother(entries: readonly PutManyEntry[]): void {
  const keys = new Set(entries.map((e) => e.key));
  for (const { key } of entries) {
    for (let i = key.indexOf('/'); i > 0; i = key.indexOf('/', i + 1)) {
      const prefix = key.slice(0, i);
      if (keys.has(prefix)) {
        throw collisionError(
          key,
          `the same putMany also stores ${JSON.stringify(prefix)}, which would have to be its directory`,
        );
      }
    }
  }
}

/** fsyncs a file that is already written and closed. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function infoOf(key: string, stats: Stats): ObjectInfo {
  // a fresh Date: Stats dates come from Node's own realm (instanceof Date fails under Jest)
  return { key, size: stats.size, lastModified: new Date(stats.mtimeMs) };
}
