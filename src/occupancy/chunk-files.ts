import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError, ObjectStore } from '../infra/object-store/object-store.port';
import { LostChunkObjectsError } from './lost-chunk-objects.error';

/**
 * Copies chunks' Parquet objects into `dir` (for DuckDB to read) and returns local file →
 * chunk id. Chunks whose object is missing are reported together as a LostChunkObjectsError.
 */
export async function downloadChunkFiles(
  store: ObjectStore,
  dir: string,
  chunks: { chunkId: string; storageKey: string }[],
): Promise<Map<string, string>> {
  const chunkOfFile = new Map<string, string>();
  const lost: string[] = [];
  for (const [i, c] of chunks.entries()) {
    const file = path.join(dir, `chunk-${i}.parquet`);
    try {
      await pipeline(await store.get(c.storageKey), createWriteStream(file));
    } catch (e) {
      if (!(e instanceof ObjectNotFoundError)) throw e;
      lost.push(c.chunkId);
      continue;
    }
    chunkOfFile.set(file, c.chunkId);
  }
  if (lost.length) throw new LostChunkObjectsError(lost);
  return chunkOfFile;
}
