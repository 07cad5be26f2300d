import { randomUUID } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { compareObjectKeys } from '../../../libs/object-key';
import {
  assertObjectBody,
  assertPutManyEntries,
  assertValidObjectKey,
  assertValidObjectKeyPrefix,
  forEachBounded,
  ObjectBody,
  ObjectInfo,
  ObjectNotFoundError,
  ObjectStore,
  PutManyEntry,
  PutObjectOptions,
  RESERVED_KEY_SEGMENT,
} from './object-store.port';
import {
  asKeyCollision,
  assertNoKeyBelowAnother,
  errno,
  infoOf,
  isMissing,
  SHARD_NAME,
  shardName,
  syncFile,
  TMP_SHARDS,
} from './fs-object-store.helpers';
import { SyncfsHelper } from './syncfs-helper';
import { chunkToBuffer } from './stream-parts';

export interface FsObjectStoreOptions {
  /** Directory holding the objects (the app uses DATA_DIR/objects); created on first put. */
  root: string;
  /** Temp files older than this are removed when the store first writes (default 1 hour). */
  staleTempAfterMs?: number;
  /** coreutils `sync`, for putMany's syncfs (default `sync` on PATH). */
  syncCommand?: string;
}

const DEFAULT_STALE_TEMP_MS = 60 * 60 * 1000;
/** File operations (writes, fsyncs, mkdirs, renames) one putMany keeps in flight. */
const PUT_MANY_IN_FLIGHT = 16;
/** Smaller putMany batches fsync file by file: two syncfs round trips cost more. */
const SYNCFS_MIN_BATCH = 8;

/**
 * Objects as files under a root directory: key `a/b/c` is the file `<root>/a/b/c`.
 *
 * A put writes `<root>/.tmp/<uuid>`, fsyncs it and renames it into place, so readers never
 * see a partial object and a failed put leaves nothing behind. One limitation of files: a key
 * cannot be both an object and the directory of another (`a` and `a/b`); such a put is
 * rejected with InvalidObjectKeyError.
 *
 * putMany pays for durability once per batch instead of once per object:
 * 1. it writes every body to its own temp file in a shard directory of `.tmp/`
 *    (PUT_MANY_IN_FLIGHT at a time, no fsync each);
 * 2. makes them durable with one syncfs(2) of the filesystem holding the root, run as coreutils
 *    `sync -f <root>/.tmp` by a helper shell (SyncfsHelper: Node has no syncfs; concurrent
 *    batches share syncs); where that is unavailable (not Linux, no shell or `sync` binary:
 *    remembered for the store's lifetime) or fails, or the batch is smaller than
 *    SYNCFS_MIN_BATCH, it fsyncs every temp file instead;
 * 3. creates each distinct target directory once, then renames every temp file into place;
 * 4. makes the renames durable with a second `sync -f` (fallback: fsync of every target
 *    directory and its parents up to the root);
 * 5. on any failure removes its temp files that were not renamed, and rethrows.
 * A key below another key of the same batch (`a` and `a/b`) is rejected before any I/O; a key
 * below an existing object fails at step 3 before any rename (nothing stored); a key where
 * other objects already sit below it fails at its own rename, leaving the batch partial (each
 * object whole or absent). syncfs flushes everything dirty on that filesystem, not only this
 * batch, and kernels before 5.8 do not report writeback errors through it.
 */
export class FsObjectStore implements ObjectStore {
  readonly driver = 'fs' as const;
  readonly root: string;
  private readonly tmpDir: string;
  private readonly staleTempAfterMs: number;
  private readonly syncCommand: string;
  private tmpReady?: Promise<void>;
  /** syncfs for putMany (a helper shell; when it cannot, putMany fsyncs file by file). */
  private syncfs?: SyncfsHelper;

  constructor(opts: FsObjectStoreOptions) {
    this.root = path.resolve(opts.root);
    this.tmpDir = path.join(this.root, RESERVED_KEY_SEGMENT);
    this.staleTempAfterMs = opts.staleTempAfterMs ?? DEFAULT_STALE_TEMP_MS;
    this.syncCommand = opts.syncCommand ?? 'sync';
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

  async putMany(entries: readonly PutManyEntry[], _opts?: PutObjectOptions): Promise<void> {
    assertPutManyEntries(entries);
    assertNoKeyBelowAnother(entries);
    if (entries.length === 0) return;
    await this.ensureTmpDir();
    const batch = entries.map(({ key, body }, i) => ({
      key,
      body,
      tmp: path.join(this.tmpDir, shardName(i), randomUUID()),
      placed: false,
    }));
    try {
      await forEachBounded(batch, PUT_MANY_IN_FLIGHT, async ({ tmp, body }) => {
        await writeFile(tmp, body, { flag: 'wx', mode: 0o644 });
      });
      const synced = batch.length >= SYNCFS_MIN_BATCH && (await this.syncFilesystem());
      if (!synced) await forEachBounded(batch, PUT_MANY_IN_FLIGHT, ({ tmp }) => syncFile(tmp));

      // directories first: a key below an existing object fails here, before any rename
      const dirs = new Map<string, string>(); // directory -> a key stored in it
      for (const { key } of batch) dirs.set(path.dirname(this.pathOf(key)), key);
      await forEachBounded([...dirs], PUT_MANY_IN_FLIGHT, ([dir, key]) => this.makeDir(dir, key));
      await forEachBounded(batch, PUT_MANY_IN_FLIGHT, async (entry) => {
        await this.renameIntoPlace(entry.tmp, entry.key, true);
        entry.placed = true;
      });

      if (!(synced && (await this.syncFilesystem()))) {
        await forEachBounded([...this.withParents(dirs.keys())], PUT_MANY_IN_FLIGHT, (dir) =>
          this.syncDir(dir),
        );
      }
    } catch (e) {
      const leftover = batch.filter((entry) => !entry.placed);
      await forEachBounded(leftover, PUT_MANY_IN_FLIGHT, ({ tmp }) =>
        rm(tmp, { force: true }).catch(() => undefined),
      );
      throw e;
    }
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
    // no handles held between calls, except the syncfs helper
    this.syncfs?.close();
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

  private async moveIntoPlace(tmp: string, key: string): Promise<void> {
    await this.syncDir(await this.renameIntoPlace(tmp, key, false));
  }

  /**
   * Renames a temp file to the object's path, creating its directory unless `dirExists`;
   * returns that directory. Collisions of files and directories become InvalidObjectKeyError.
   */
  private async renameIntoPlace(tmp: string, key: string, dirExists: boolean): Promise<string> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    // A concurrent delete may prune `dir` between mkdir and rename: retry a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        if (!dirExists || attempt > 1) await mkdir(dir, { recursive: true });
        await rename(tmp, target);
        return dir;
      } catch (e) {
        if (errno(e) !== 'ENOENT' || attempt >= 3) throw asKeyCollision(e, key);
      }
    }
  }

  /** Creates the directory that will hold `key`. */
  private async makeDir(dir: string, key: string): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw asKeyCollision(e, key);
    }
  }

  /** The given directories below the root and all their parents up to the root itself. */
  private withParents(dirs: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (let dir of dirs) {
      while (!out.has(dir)) {
        out.add(dir);
        if (dir === this.root) break;
        dir = path.dirname(dir);
      }
    }
    return out;
  }

  /**
   * syncfs(2) on the filesystem holding the root, via coreutils `sync -f`: everything written
   * there so far is durable when this returns true. False when it could not be done.
   */
  private async syncFilesystem(): Promise<boolean> {
    this.syncfs ??= new SyncfsHelper(this.tmpDir, this.syncCommand);
    return this.syncfs.sync();
  }

  /** Makes the rename durable; best effort (not every platform can fsync a directory). */
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
      for (let i = 0; i < TMP_SHARDS; i++)
        await mkdir(path.join(this.tmpDir, shardName(i)), { recursive: true });
      await this.removeStaleTemps();
    })().catch((e: unknown) => {
      this.tmpReady = undefined;
      throw e;
    });
    return this.tmpReady;
  }

  /**
   * Temp files left by a crashed process; young ones may belong to another live process. The
   * shard directories stay (another process may be writing into them); their files are checked.
   */
  private async removeStaleTemps(): Promise<void> {
    const cutoff = Date.now() - this.staleTempAfterMs;
    const files: string[] = [];
    for (const name of await readdir(this.tmpDir)) {
      if (!SHARD_NAME.test(name)) files.push(path.join(this.tmpDir, name));
      else {
        const shard = path.join(this.tmpDir, name);
        for (const inner of await readdir(shard).catch(() => []))
          files.push(path.join(shard, inner));
      }
    }
    for (const file of files) {
      try {
        if ((await stat(file)).mtimeMs < cutoff) await rm(file, { force: true, recursive: true });
      } catch {
        // raced with its owner: fine
      }
    }
  }
}
