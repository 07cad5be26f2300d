import { randomUUID } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { compareObjectKeys } from '../../../libs/object-key';
import {
  assertObjectBody,
  assertValidObjectKey,
  assertValidObjectKeyPrefix,
  ObjectBody,
  ObjectInfo,
  ObjectNotFoundError,
  ObjectStore,
  PutObjectOptions,
  RESERVED_KEY_SEGMENT,
} from './object-store.port';
import { asKeyCollision, errno, infoOf, isMissing } from './fs-object-store.helpers';
import { chunkToBuffer } from './stream-parts';

export interface FsObjectStoreOptions {
  /** Directory holding the objects (the app uses DATA_DIR/objects); created on first put. */
  root: string;
  /** Temp files older than this are removed when the store first writes (default 1 hour). */
  staleTempAfterMs?: number;
}

const DEFAULT_STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Objects as files under a root directory: key `a/b/c` is the file `<root>/a/b/c`.
 *
 * A put writes `<root>/.tmp/<uuid>`, fsyncs it, renames it into place and fsyncs the
 * directory, so readers never see a partial object, a failed put leaves nothing behind, and a
 * put that resolved survives a crash. One limitation of files: a key cannot be both an object
 * and the directory of another (`a` and `a/b`); such a put is rejected with
 * InvalidObjectKeyError. Readers that can open files (DuckDB) read objects in place through
 * `localPath`.
 */
export class FsObjectStore implements ObjectStore {
  readonly driver = 'fs' as const;
  readonly root: string;
  private readonly tmpDir: string;
  private readonly staleTempAfterMs: number;
  private tmpReady?: Promise<void>;

  constructor(opts: FsObjectStoreOptions) {
    this.root = path.resolve(opts.root);
    this.tmpDir = path.join(this.root, RESERVED_KEY_SEGMENT);
    this.staleTempAfterMs = opts.staleTempAfterMs ?? DEFAULT_STALE_TEMP_MS;
  }

  async put(key: string, body: ObjectBody, _opts?: PutObjectOptions): Promise<ObjectInfo> {
    assertValidObjectKey(key);
    assertObjectBody(key, body);
    await this.ensureTmpDir();
    const tmp = path.join(this.tmpDir, randomUUID());
    try {
      const stats = await this.writeTemp(tmp, body);
      await this.moveIntoPlace(tmp, key);
      return infoOf(key, stats);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  localPath(key: string): string {
    assertValidObjectKey(key);
    return this.pathOf(key);
  }

  async get(key: string): Promise<Readable> {
    assertValidObjectKey(key);
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (e) {
      if (isMissing(e) || errno(e) === 'EISDIR') throw new ObjectNotFoundError(key);
      throw e;
    }
    // An open handle keeps reading the object it opened, even if a put replaces it meanwhile.
    let isFile = false;
    try {
      isFile = (await handle.stat()).isFile();
    } finally {
      if (!isFile) await handle.close();
    }
    if (!isFile) throw new ObjectNotFoundError(key);
    return handle.createReadStream();
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidObjectKey(key);
    try {
      const stats = await stat(this.pathOf(key));
      return stats.isFile() ? infoOf(key, stats) : null;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidObjectKeyPrefix(prefix);
    return this.listFrom(prefix);
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    try {
      await unlink(this.pathOf(key));
    } catch (e) {
      // a directory is a prefix of other keys, not an object: nothing to delete
      if (isMissing(e) || errno(e) === 'EISDIR' || errno(e) === 'EPERM') return;
      throw e;
    }
    await this.pruneEmptyParents(key);
  }

  async deleteMany(keys: Iterable<string>): Promise<void> {
    const all = [...keys];
    all.forEach(assertValidObjectKey);
    for (const key of all) await this.delete(key);
  }

  async close(): Promise<void> {
    // no handles are held between calls
  }

  private pathOf(key: string): string {
    return key === '' ? this.root : path.join(this.root, ...key.split('/'));
  }

  private async *listFrom(prefix: string): AsyncGenerator<ObjectInfo> {
    const cut = prefix.lastIndexOf('/') + 1;
    const dirKey = prefix.slice(0, cut);
    if (dirKey.split('/', 1)[0] === RESERVED_KEY_SEGMENT) return; // temp files are no objects
    yield* this.walk(dirKey, prefix.slice(cut));
  }

  /** Yields the objects under directory `dirKey` ('' or ending in '/') whose names start with `namePrefix`. */
  private async *walk(dirKey: string, namePrefix: string): AsyncGenerator<ObjectInfo> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.pathOf(dirKey.slice(0, -1)), { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    // Sorting directories as `name/` makes this depth-first walk yield keys in key order:
    // every key below `a-b/` sorts before `a/...`, because '-' < '/'.
    const items = entries
      .filter((e) => e.name.startsWith(namePrefix) && (e.isFile() || e.isDirectory()))
      .filter((e) => !(dirKey === '' && e.name === RESERVED_KEY_SEGMENT))
      .map((e) => ({
        name: e.name,
        dir: e.isDirectory(),
        order: e.isDirectory() ? `${e.name}/` : e.name,
      }))
      .sort((a, b) => compareObjectKeys(a.order, b.order));
    for (const item of items) {
      const key = dirKey + item.name;
      if (item.dir) {
        yield* this.walk(`${key}/`, '');
        continue;
      }
      let stats: Stats;
      try {
        stats = await stat(this.pathOf(key));
      } catch (e) {
        if (isMissing(e)) continue; // deleted since readdir
        throw e;
      }
      if (stats.isFile()) yield infoOf(key, stats);
    }
  }

  /** Writes the whole body to a new temp file and fsyncs it; streams are written chunk by chunk. */
  private async writeTemp(tmp: string, body: ObjectBody): Promise<Stats> {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        await handle.writeFile(body);
      } else {
        for await (const chunk of body) {
          const bytes = chunkToBuffer(chunk);
          let offset = 0;
          while (offset < bytes.length) {
            offset += (await handle.write(bytes, offset)).bytesWritten;
          }
        }
      }
      await handle.sync();
      return await handle.stat();
    } finally {
      await handle.close();
    }
  }

  /**
   * Renames the temp file to the object's path (creating its directory) and makes that durable:
   * fsync of the directory, and of every directory this put created and the one holding them.
   */
  private async moveIntoPlace(tmp: string, key: string): Promise<void> {
    const { dir, created } = await this.renameIntoPlace(tmp, key);
    const top = created ? path.dirname(created) : dir;
    for (let d = dir; ; d = path.dirname(d)) {
      await this.syncDir(d);
      if (d === top || d === this.root || path.dirname(d) === d) break;
    }
  }

  /**
   * Renames a temp file to the object's path, creating its directory; returns that directory
   * and the first directory created (if any). Collisions of files and directories become
   * InvalidObjectKeyError.
   */
  private async renameIntoPlace(
    tmp: string,
    key: string,
  ): Promise<{ dir: string; created: string | undefined }> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    let created: string | undefined;
    // A concurrent delete may prune `dir` between mkdir and rename: retry a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        const made = await mkdir(dir, { recursive: true });
        if (made && (!created || made.length < created.length)) created = made; // the topmost
        await rename(tmp, target);
        return { dir, created };
      } catch (e) {
        if (errno(e) !== 'ENOENT' || attempt >= 3) throw asKeyCollision(e, key);
      }
    }
  }

  /** Makes a rename durable; best effort (not every platform can fsync a directory). */
  private async syncDir(dir: string): Promise<void> {
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // durability of the directory entry is a bonus, not part of the contract
    }
  }

  private async pruneEmptyParents(key: string): Promise<void> {
    const segments = key.split('/');
    for (let n = segments.length - 1; n > 0; n--) {
      try {
        await rmdir(this.pathOf(segments.slice(0, n).join('/')));
      } catch {
        return; // not empty (or already gone): stop
      }
    }
  }

  private ensureTmpDir(): Promise<void> {
    this.tmpReady ??= (async () => {
      await mkdir(this.tmpDir, { recursive: true });
      await this.removeStaleTemps();
    })().catch((e: unknown) => {
      this.tmpReady = undefined;
      throw e;
    });
    return this.tmpReady;
  }

  /**
   * Temp files (and directories of earlier versions) left by a crashed process; young ones may
   * belong to another live process.
   */
  private async removeStaleTemps(): Promise<void> {
    const cutoff = Date.now() - this.staleTempAfterMs;
    for (const name of await readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      try {
        if ((await stat(file)).mtimeMs < cutoff) await rm(file, { force: true, recursive: true });
      } catch {
        // raced with its owner: fine
      }
    }
  }
}
