import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareObjectKeys } from '../../libs/object-key';
import {
  InvalidObjectKeyError,
  ObjectNotFoundError,
  ObjectStore,
} from '../../src/infra/object-store/object-store.port';
import { digestOf, getText, listAll, listKeys, MiB, randomStream, readAll } from './streams';

export interface ContractHarness {
  /** A fresh, empty store for one test, and how to dispose of it. */
  create(): Promise<{ store: ObjectStore; dispose(): Promise<void> }>;
  /** A store whose backend cannot be reached: any I/O it attempts fails. */
  unreachable(): ObjectStore;
  /** Bytes a streaming put may hold before writing to the backend (s3: the part size). */
  bufferedBytes: number;
  /** Temp files or pending uploads left in the backend, when the driver can tell. */
  leftovers?(store: ObjectStore): Promise<string[]>;
  /** Known defects of the backend emulator the suite runs against (skips those tests). */
  emulatorDefects?: { listOrderAcrossDirectories?: string };
}

const INVALID_KEYS = [
  '',
  '../x',
  '/abs',
  'a//b',
  'a/./b',
  'a/..',
  'a\\b',
  'a\u0000b',
  'a/',
  '.tmp/x',
];

/** One behaviour suite every ObjectStore driver must pass. */
export function describeObjectStoreContract(name: string, harness: ContractHarness): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await harness.create());
    });
    afterEach(async () => {
      await store.close();
      await dispose();
    });

    it('round-trips a string as UTF-8 and reports its size', async () => {
      const text = 'occupancy ✓ 😀\n';
      const info = await store.put('t/string.txt', text, { contentType: 'text/plain' });
      expect(info).toMatchObject({ key: 't/string.txt', size: Buffer.byteLength(text) });
      expect(info.lastModified).toBeInstanceOf(Date);
      expect(Math.abs(info.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await getText(store, 't/string.txt')).toBe(text);
    });

    it('round-trips a Buffer holding every byte value', async () => {
      const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
      await store.put('t/bytes.bin', bytes);
      expect((await readAll(await store.get('t/bytes.bin'))).equals(bytes)).toBe(true);
    });

    it('round-trips a Readable of mixed string and Buffer chunks', async () => {
      await store.put('t/chunks', Readable.from(['ab', Buffer.from('cd'), '', 'é']));
      expect(await getText(store, 't/chunks')).toBe('abcdé');
      expect((await store.head('t/chunks'))?.size).toBe(6);
    });

    it('stores empty objects from an empty string and an empty stream', async () => {
      await store.put('t/empty-string', '');
      await store.put('t/empty-stream', Readable.from([]));
      expect((await readAll(await store.get('t/empty-string'))).length).toBe(0);
      expect((await readAll(await store.get('t/empty-stream'))).length).toBe(0);
      expect((await store.head('t/empty-stream'))?.size).toBe(0);
    });

    it('round-trips a 12 MiB stream (several parts) byte for byte', async () => {
      const size = 12 * MiB;
      const src = randomStream(size);
      const info = await store.put('big/blob.bin', src.stream);
      expect(info.size).toBe(size);
      expect(await digestOf(await store.get('big/blob.bin'))).toEqual({
        sha256: await src.expected,
        size,
      });
      expect((await store.head('big/blob.bin'))?.size).toBe(size);
    });

    it('head returns the info of an object and null for a missing one', async () => {
      await store.put('h/a', 'abc');
      const info = await store.head('h/a');
      expect(info).toMatchObject({ key: 'h/a', size: 3 });
      expect(info!.lastModified).toBeInstanceOf(Date);
      expect(await store.head('h/missing')).toBeNull();
      expect(await store.head('h')).toBeNull(); // a prefix of a key is not an object
    });

    it('get of a missing key rejects with ObjectNotFoundError naming the key', async () => {
      await store.put('g/a/b', 'x');
      for (const key of ['g/missing', 'g/a', 'nothing/here']) {
        const err = await store.get(key).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ObjectNotFoundError);
        expect((err as ObjectNotFoundError).key).toBe(key);
      }
    });

    it('a put replaces the previous object', async () => {
      await store.put('o/key', 'a much longer first version');
      await store.put('o/key', 'v2');
      expect(await getText(store, 'o/key')).toBe('v2');
      expect((await store.head('o/key'))?.size).toBe(2);
      expect(await listKeys(store, 'o/')).toEqual(['o/key']);
    });

    it('lists by plain string prefix, not only by directory', async () => {
      const keys = [
        'occupancy/spaces/1/a',
        'occupancy/spaces/1/b/c',
        'occupancy/spaces/12/a',
        'occupancy/spaces/2/a',
        'occupancy/spacesX',
        'other/x',
      ];
      for (const key of keys) await store.put(key, key);
      expect(await listKeys(store, 'occupancy/spaces/1')).toEqual([
        'occupancy/spaces/1/a',
        'occupancy/spaces/1/b/c',
        'occupancy/spaces/12/a',
      ]);
      expect(await listKeys(store, 'occupancy/spaces/1/')).toEqual([
        'occupancy/spaces/1/a',
        'occupancy/spaces/1/b/c',
      ]);
      expect(await listKeys(store, 'occupancy/spaces')).toEqual(keys.slice(0, 5));
      expect(await listKeys(store, 'occupancy/spaces/1/a')).toEqual(['occupancy/spaces/1/a']);
      expect(await listKeys(store, 'occupancy/spaces/3')).toEqual([]);
      expect(await listKeys(store, 'nothing/')).toEqual([]);
      expect(await listKeys(store, '')).toEqual(keys);
      const [first] = await listAll(store, 'occupancy/spaces/12');
      expect(first).toMatchObject({ key: 'occupancy/spaces/12/a', size: 21 });
      expect(first.lastModified).toBeInstanceOf(Date);
    });

    it('lists keys in UTF-8 byte order whatever the put order', async () => {
      // U+FB01 sorts before U+1F600 in UTF-8 but after it in UTF-16 code units
      const keys = ['k/b', 'k/B', 'k/a0', 'k/a', 'k/é', 'k/😀', 'k/\ufb01', 'k/10', 'k/9', 'k/ab'];
      for (const key of keys) await store.put(key, 'x');
      expect(await listKeys(store, 'k/')).toEqual([...keys].sort(compareObjectKeys));
      expect(await listKeys(store, 'k/')).toEqual([
        'k/10',
        'k/9',
        'k/B',
        'k/a',
        'k/a0',
        'k/ab',
        'k/b',
        'k/é',
        'k/\ufb01',
        'k/😀',
      ]);
    });

    const defect = harness.emulatorDefects?.listOrderAcrossDirectories;
    (defect ? it.skip : it)(
      `lists keys in byte order across directory levels ('a-c' < 'a/b' < 'a0')${defect ? ` [skipped: ${defect}]` : ''}`,
      async () => {
        const keys = ['d/a0', 'd/a/b', 'd/a-c', 'd/a.d', 'd/a/c/e', 'd/a b'];
        for (const key of keys) await store.put(key, 'x');
        expect(await listKeys(store, 'd/')).toEqual([
          'd/a b',
          'd/a-c',
          'd/a.d',
          'd/a/b',
          'd/a/c/e',
          'd/a0',
        ]);
        expect(await listKeys(store, 'd/a')).toEqual(await listKeys(store, 'd/'));
        expect(await listKeys(store, 'd/a/')).toEqual(['d/a/b', 'd/a/c/e']);
      },
    );

    it('lists more than 1000 keys completely and in order (pagination)', async () => {
      const n = 1010;
      const keys = Array.from({ length: n }, (_, i) => `many/${String(i).padStart(5, '0')}`);
      for (let i = 0; i < n; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((k) => store.put(k, k.slice(-5))));
      }
      await store.put('manyX', 'outside the prefix');
      const listed = await listAll(store, 'many/');
      expect(listed.map((o) => o.key)).toEqual(keys);
      expect(listed.every((o) => o.size === 5)).toBe(true);
      expect(await listKeys(store, 'many/0107')).toEqual(keys.slice(1070, 1080));
    });

    it('delete removes an object and is idempotent', async () => {
      await store.put('del/a/b', 'x');
      await store.put('del/c', 'y');
      await store.delete('del/a/b');
      expect(await store.head('del/a/b')).toBeNull();
      await expect(store.get('del/a/b')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await store.delete('del/a/b');
      await store.delete('del/never-existed');
      await store.delete('del'); // a prefix, not an object: deletes nothing
      expect(await listKeys(store, 'del/')).toEqual(['del/c']);
      await store.put('del/a/b', 'again'); // the key can be used again
      expect(await getText(store, 'del/a/b')).toBe('again');
    });

    it('deleteMany removes the given objects and ignores missing ones', async () => {
      for (const k of ['dm/1', 'dm/2', 'dm/3/x', 'dm/4']) await store.put(k, k);
      await store.deleteMany(['dm/1', 'dm/3/x', 'dm/missing']);
      expect(await listKeys(store, 'dm/')).toEqual(['dm/2', 'dm/4']);
      await store.deleteMany([]);
      await expect(store.deleteMany(['dm/2', '../dm/4'])).rejects.toBeInstanceOf(
        InvalidObjectKeyError,
      );
      expect(await listKeys(store, 'dm/')).toEqual(['dm/2', 'dm/4']); // validated before deleting
    });

    it.each(INVALID_KEYS.map((k) => [JSON.stringify(k), k]))(
      'rejects the invalid key %s with InvalidObjectKeyError before any I/O',
      async (_label, key) => {
        const offline = harness.unreachable();
        try {
          const body = randomStream(1024);
          const calls: Array<() => Promise<unknown>> = [
            () => offline.put(key, 'x'),
            () => offline.put(key, body.stream),
            () => offline.get(key),
            () => offline.head(key),
            () => offline.delete(key),
            () => offline.deleteMany(['ok', key]),
            async () => offline.localPath(key),
          ];
          for (const call of calls) {
            await expect(call()).rejects.toBeInstanceOf(InvalidObjectKeyError);
          }
          expect(body.produced()).toBe(0); // the body was not even read
        } finally {
          await offline.close();
        }
      },
    );

    it.each(['/x', 'a//', '../', 'a/./b', 'a\\'])(
      'rejects the invalid prefix %j before any I/O',
      async (prefix) => {
        const offline = harness.unreachable();
        try {
          await expect(listAll(offline, prefix)).rejects.toBeInstanceOf(InvalidObjectKeyError);
        } finally {
          await offline.close();
        }
      },
    );

    it('the unreachable store used above really fails on I/O', async () => {
      const offline = harness.unreachable();
      try {
        await expect(offline.put('fine/key', 'x')).rejects.not.toBeInstanceOf(
          InvalidObjectKeyError,
        );
        await expect(offline.put('fine/key', 'x')).rejects.toHaveProperty('message');
      } finally {
        await offline.close();
      }
    });

    it('a streaming put is invisible until complete; readers keep seeing the old object', async () => {
      await store.put('at/old', 'old version');
      const size = harness.bufferedBytes + 3 * MiB;
      const pauseAfter = harness.bufferedBytes + MiB;
      const fresh = randomStream(size, { pauseAfter });
      const replacing = randomStream(size, { pauseAfter });
      const puts = [store.put('at/new', fresh.stream), store.put('at/old', replacing.stream)];
      try {
        // fail fast if a put settles before its stream was even paused
        const settledEarly = (p: Promise<unknown>) =>
          p.then(() => Promise.reject(new Error('put completed while its stream was paused')));
        await Promise.race([
          Promise.all([fresh.paused, replacing.paused]),
          ...puts.map(settledEarly),
        ]);
        await sleep(200); // let the drivers write what they have read

        expect(await store.head('at/new')).toBeNull();
        await expect(store.get('at/new')).rejects.toBeInstanceOf(ObjectNotFoundError);
        expect(await listKeys(store, '')).toEqual(['at/old']);
        expect(await getText(store, 'at/old')).toBe('old version');
        expect((await store.head('at/old'))?.size).toBe('old version'.length);
      } finally {
        fresh.resume();
        replacing.resume();
        await Promise.allSettled(puts);
      }
      await Promise.all(puts);
      expect(await listKeys(store, '')).toEqual(['at/new', 'at/old']);
      expect((await digestOf(await store.get('at/new'))).sha256).toBe(await fresh.expected);
      expect((await digestOf(await store.get('at/old'))).sha256).toBe(await replacing.expected);
      if (harness.leftovers) expect(await harness.leftovers(store)).toEqual([]);
    });

    it('a put whose stream fails rejects and leaves nothing behind', async () => {
      await store.put('fail/existing', 'keep me');
      const failAfter = harness.bufferedBytes + MiB; // past the first part for s3
      for (const key of ['fail/new', 'fail/existing']) {
        const src = randomStream(failAfter + 4 * MiB, { failAfter });
        await expect(store.put(key, src.stream)).rejects.toThrow('source stream failed on purpose');
        expect(src.produced()).toBe(failAfter);
      }
      expect(await store.head('fail/new')).toBeNull();
      expect(await getText(store, 'fail/existing')).toBe('keep me');
      expect(await listKeys(store, '')).toEqual(['fail/existing']);
      if (harness.leftovers) expect(await harness.leftovers(store)).toEqual([]);
    });

    it('localPath names a readable file holding the object, or is null for remote stores', async () => {
      await store.put('local/obj', 'in place');
      const file = store.localPath('local/obj');
      if (file === null) {
        expect(store.driver).toBe('s3');
      } else {
        expect(await readFile(file, 'utf8')).toBe('in place');
        // a missing object: a path that is not there (the caller checks)
        const missing = store.localPath('local/missing');
        expect(missing).not.toBeNull();
        expect(existsSync(missing!)).toBe(false);
      }
    });

    it('a key can become an object once the objects below it are deleted', async () => {
      await store.put('p/x/y', 'nested');
      await store.delete('p/x/y');
      await store.put('p/x', 'now a leaf');
      expect(await getText(store, 'p/x')).toBe('now a leaf');
      expect(await listKeys(store, 'p/')).toEqual(['p/x']);
    });
  });
}
