import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ObjectInfo, ObjectStore } from '../../src/infra/object-store/object-store.port';

export const MiB = 1024 * 1024;

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Hashes a stream without keeping it: returns its sha256 and length. */
export async function digestOf(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function getText(store: ObjectStore, key: string): Promise<string> {
  return (await readAll(await store.get(key))).toString('utf8');
}

/** Collects a listing; the call itself is inside, so a synchronous throw becomes a rejection. */
export async function listAll(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const info of store.list(prefix)) out.push(info);
  return out;
}

export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  return (await listAll(store, prefix)).map((o) => o.key);
}

/**
 * A stream of `size` random bytes in 64 KiB chunks, produced only as fast as it is read.
 * `expected` resolves to the sha256 of everything produced. With `pauseAfter`, production
 * stops after that many bytes until `resume()` is called; `failAfter` makes the stream error
 * instead once that many bytes were produced.
 */
export function randomStream(
  size: number,
  opts: { pauseAfter?: number; failAfter?: number } = {},
): {
  stream: Readable;
  expected: Promise<string>;
  produced: () => number;
  /** Resolves once production reached `pauseAfter` and the stream is waiting. */
  paused: Promise<void>;
  resume: () => void;
} {
  const hash = createHash('sha256');
  let produced = 0;
  let resolveExpected!: (h: string) => void;
  const expected = new Promise<string>((r) => (resolveExpected = r));
  let resolvePaused!: () => void;
  const paused = new Promise<void>((r) => (resolvePaused = r));
  let resolveGate!: () => void;
  const gate = new Promise<void>((r) => (resolveGate = r));
  let blocked = false;
  let resumed = false;

  const pushNext = (s: Readable): void => {
    if (produced >= size) {
      resolveExpected(hash.digest('hex'));
      s.push(null);
      return;
    }
    let n = Math.min(64 * 1024, size - produced);
    if (opts.pauseAfter !== undefined && !resumed) n = Math.min(n, opts.pauseAfter - produced);
    if (opts.failAfter !== undefined) n = Math.min(n, opts.failAfter - produced);
    const chunk = randomBytes(n);
    hash.update(chunk);
    produced += n;
    s.push(chunk);
  };

  const stream = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      if (blocked) return;
      if (opts.failAfter !== undefined && produced >= opts.failAfter) {
        this.destroy(new Error('source stream failed on purpose'));
        return;
      }
      if (opts.pauseAfter !== undefined && produced >= opts.pauseAfter && !resumed) {
        blocked = true;
        resolvePaused();
        void gate.then(() => {
          blocked = false;
          resumed = true;
          pushNext(this);
        });
        return;
      }
      pushNext(this);
    },
  });

  return { stream, expected, produced: () => produced, paused, resume: () => resolveGate() };
}

/** Polls `check` until it returns true (or throws after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await sleep(20);
  }
}
