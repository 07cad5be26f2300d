import { Test } from '@nestjs/testing';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FsObjectStore } from '../../src/infra/object-store/fs-object-store';
import { createObjectStore } from '../../src/infra/object-store/object-store.factory';
import { ObjectStoreModule } from '../../src/infra/object-store/object-store.module';
import {
  InvalidObjectKeyError,
  OBJECT_STORE,
  ObjectStore,
} from '../../src/infra/object-store/object-store.port';
import { S3ObjectStore } from '../../src/infra/object-store/s3-object-store';
import { digestOf, getText, listKeys, MiB, randomStream, readAll } from './streams';

describe('FsObjectStore (driver specifics)', () => {
  let dir: string;
  let root: string;
  let store: FsObjectStore;
  /** Temp files at any depth below .tmp. */
  const tmpFiles = async () => {
    try {
      const entries = await readdir(path.join(root, '.tmp'), {
        recursive: true,
        withFileTypes: true,
      });
      return entries.filter((e) => !e.isDirectory()).map((e) => e.name);
    } catch {
      return [] as string[];
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-fs-store-'));
    root = path.join(dir, 'objects');
    store = new FsObjectStore({ root });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps each object as a plain file at <root>/<key>', async () => {
    await store.put('occupancy/spaces/1/chunk.json', '{"n":1}');
    expect(await readFile(path.join(root, 'occupancy/spaces/1/chunk.json'), 'utf8')).toBe(
      '{"n":1}',
    );
    expect(await tmpFiles()).toEqual([]);
  });

  it('streams a put to a temp file in <root>/.tmp as data arrives, not into memory', async () => {
    const src = randomStream(20 * MiB, { pauseAfter: 8 * MiB });
    const put = store.put('stream/big', src.stream);
    await src.paused;
    await sleep(100);
    const temps = await tmpFiles();
    expect(temps).toHaveLength(1);
    expect((await stat(path.join(root, '.tmp', temps[0]))).size).toBeGreaterThanOrEqual(7 * MiB);
    expect(existsSync(path.join(root, 'stream/big'))).toBe(false);
    src.resume();
    expect((await put).size).toBe(20 * MiB);
    expect(await tmpFiles()).toEqual([]);
    expect((await digestOf(await store.get('stream/big'))).sha256).toBe(await src.expected);
  });

  it('a reader keeps the version it opened while a put replaces the object', async () => {
    const v1 = Buffer.alloc(4 * MiB, 1);
    await store.put('swap', v1);
    const reading = await store.get('swap');
    await store.put('swap', Buffer.alloc(2 * MiB, 2));
    expect((await readAll(reading)).equals(v1)).toBe(true);
    expect((await store.head('swap'))?.size).toBe(2 * MiB);
  });

  it('rejects a key that would make a file and a directory share a path', async () => {
    await store.put('a/b', 'leaf');
    await expect(store.put('a', 'x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
    await expect(store.put('a/b/c', 'x')).rejects.toThrow(/a file cannot be both/);
    expect(await getText(store, 'a/b')).toBe('leaf');
    expect(await listKeys(store, '')).toEqual(['a/b']);
    expect(await tmpFiles()).toEqual([]);
  });

  it('delete prunes directories it leaves empty, but not the root or non-empty ones', async () => {
    await store.put('x/y/z/1', '1');
    await store.put('x/2', '2');
    await store.delete('x/y/z/1');
    expect(existsSync(path.join(root, 'x/y'))).toBe(false);
    expect(existsSync(path.join(root, 'x/2'))).toBe(true);
    await store.delete('x/2');
    expect(await readdir(root)).toEqual(['.tmp']);
  });

  it('list never shows the temp directory', async () => {
    await store.put('k', 'v');
    await writeFile(path.join(root, '.tmp', 'in-progress'), 'partial');
    expect(await listKeys(store, '')).toEqual(['k']);
    expect(await listKeys(store, '.')).toEqual([]);
    expect(await listKeys(store, '.tmp/')).toEqual([]);
    expect(await listKeys(store, '.tmp/in')).toEqual([]);
  });

  it('removes temp files left by a crashed process on first write, keeping recent ones', async () => {
    await mkdir(path.join(root, '.tmp'), { recursive: true });
    const stale = path.join(root, '.tmp', 'stale');
    const recent = path.join(root, '.tmp', 'recent');
    await writeFile(stale, 'old');
    await writeFile(recent, 'new');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await store.put('k', 'v');
    expect(await tmpFiles()).toEqual(['recent']);
  });

  it('also removes stale directories an earlier version left in .tmp', async () => {
    const shard = path.join(root, '.tmp', 's03');
    await mkdir(shard, { recursive: true });
    await writeFile(path.join(shard, 'stale'), 'old');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(shard, 'stale'), twoHoursAgo, twoHoursAgo);
    await utimes(shard, twoHoursAgo, twoHoursAgo);
    await store.put('k', 'v');
    expect(existsSync(shard)).toBe(false);
  });

  it('creates the directories a key needs and leaves nothing in .tmp', async () => {
    await store.put('deep/a/b/c/obj', 'x');
    expect(await readFile(path.join(root, 'deep/a/b/c/obj'), 'utf8')).toBe('x');
    expect(await tmpFiles()).toEqual([]);
  });

  it('reads from a root that does not exist yet as an empty store', async () => {
    expect(await store.head('a')).toBeNull();
    expect(await listKeys(store, '')).toEqual([]);
    await store.delete('a');
    expect(existsSync(root)).toBe(false);
  });
});

describe('ObjectStoreModule and createObjectStore', () => {
  it('provides OBJECT_STORE from plain options and closes it with the app', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-store-module-'));
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ObjectStoreModule.forRoot({ driver: 'fs', root: dir })],
      }).compile();
      const app = await moduleRef.init();
      const store = app.get<ObjectStore>(OBJECT_STORE);
      expect(store).toBeInstanceOf(FsObjectStore);
      await store.put('via/nest', 'ok');
      expect(await getText(store, 'via/nest')).toBe('ok');
      const close = jest.spyOn(store, 'close');
      await app.close();
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('builds the driver the options name', async () => {
    const fs = createObjectStore({ driver: 'fs', root: os.tmpdir() });
    const s3 = createObjectStore({ driver: 's3', bucket: 'b', endpoint: 'http://127.0.0.1:9' });
    expect(fs).toBeInstanceOf(FsObjectStore);
    expect(fs.driver).toBe('fs');
    expect(s3).toBeInstanceOf(S3ObjectStore);
    expect(s3.driver).toBe('s3');
    await Promise.all([fs.close(), s3.close()]);
  });
});
