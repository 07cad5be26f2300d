import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from './object-store.port';

/**
 * `fn` on a local file holding object `key`: the store's own file when it keeps objects on this
 * disk, else a temporary download removed afterwards (for DuckDB, which reads paths).
 */
export async function withLocalFile<T>(
  store: ObjectStore,
  key: string,
  fn: (file: string) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const local = store.localPath(key);
  if (local !== null) return fn(local);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-object-'));
  try {
    const file = path.join(dir, path.basename(key) || 'object');
    await pipeline(await store.get(key), createWriteStream(file), { signal });
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
