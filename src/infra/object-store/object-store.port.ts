import type { Readable } from 'node:stream';
import { objectKeyPrefixProblem, objectKeyProblem } from '../../../libs/object-key';

/** What a store knows about one stored object. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  /** S3's entity tag, without quotes (absent for the fs driver). */
  etag?: string;
}

export type ObjectBody = Buffer | string | Readable;

export interface PutObjectOptions {
  /** Stored by the s3 driver; the fs driver does not keep content types. */
  contentType?: string;
}

/** One object of a putMany batch. */
export interface PutManyEntry {
  key: string;
  body: Buffer | string;
}

/**
 * Where the app keeps files (chunk results, exports, models). Two drivers pass one contract
 * suite (test/object-store.contract.ts): `fs` under a root directory, `s3` in a bucket.
 *
 * Keys are relative `/`-separated paths (see libs/object-key); an invalid key or prefix is
 * rejected with InvalidObjectKeyError before any I/O. Keys whose first segment is `.tmp` are
 * reserved (the fs driver keeps its in-progress writes there).
 */
export interface ObjectStore {
  readonly driver: 'fs' | 's3';

  /**
   * Stores `body` under `key`, replacing any previous object. Atomic: readers see either the
   * old object or the whole new one, never a partial one; a put that fails (e.g. its stream
   * errors) leaves the previous state. A stream body is not buffered whole in memory.
   */
  put(key: string, body: ObjectBody, opts?: PutObjectOptions): Promise<ObjectInfo>;

  /**
   * Stores many small objects (Buffers). Each object is atomic as with put (never partial); the
   * call resolves only when every object is durable, so a caller may then record the keys as done.
   * If it rejects, some objects may have been stored and others not (each is still whole or absent).
   *
   * Every key and body is validated before any I/O: an invalid key or a key given twice rejects
   * with InvalidObjectKeyError (a body that is not a Buffer or string with TypeError), and then
   * nothing of the batch is stored. An empty batch does nothing. `opts` apply to every object.
   */
  putMany(entries: readonly PutManyEntry[], opts?: PutObjectOptions): Promise<void>;

  /**
   * The object's bytes as a stream; rejects with ObjectNotFoundError when there is no object.
   * The caller must consume or destroy the stream.
   */
  get(key: string): Promise<Readable>;

  /** The object's info, or null when there is none. */
  head(key: string): Promise<ObjectInfo | null>;

  /**
   * Every object whose key starts with `prefix` (a string prefix, not only a directory:
   * `a/1` matches `a/1/x` and `a/12`), in key order (UTF-8 bytes, as S3 lists them).
   * Pages internally; `''` lists everything.
   */
  list(prefix: string): AsyncIterable<ObjectInfo>;

  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;

  /** Removes several objects (all keys are validated first); missing ones are ignored. */
  deleteMany(keys: Iterable<string>): Promise<void>;

  /** Releases connections; the store is unusable afterwards. Idempotent. */
  close(): Promise<void>;
}

/** Injection token of the app's ObjectStore (see ObjectStoreModule). */
export const OBJECT_STORE = Symbol('OBJECT_STORE');

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`no object with key ${JSON.stringify(key)}`);
  }
}

export class InvalidObjectKeyError extends Error {
  override readonly name = 'InvalidObjectKeyError';
  constructor(message: string) {
    super(message);
  }
}

/** First segment reserved for drivers' internal use (the fs driver's temp directory). */
export const RESERVED_KEY_SEGMENT = '.tmp';

/** Throws InvalidObjectKeyError unless `key` is a valid, non-reserved object key. */
export function assertValidObjectKey(key: string): void {
  const problem = objectKeyProblem(key);
  if (problem) throw new InvalidObjectKeyError(problem);
  if (key.split('/', 1)[0] === RESERVED_KEY_SEGMENT) {
    throw new InvalidObjectKeyError(
      `object key ${JSON.stringify(key)} starts with the reserved segment '${RESERVED_KEY_SEGMENT}/'; ` +
        'choose a key whose first segment is something else',
    );
  }
}

/**
 * Validates a putMany batch before any I/O: every key (assertValidObjectKey), no key twice
 * (InvalidObjectKeyError), every body a Buffer or string (TypeError).
 */
export function assertPutManyEntries(entries: readonly PutManyEntry[]): void {
  if (!Array.isArray(entries)) throw new TypeError('putMany takes an array of { key, body }');
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) {
      throw new TypeError('putMany takes an array of { key, body }');
    }
    const { key, body } = entry;
    assertValidObjectKey(key);
    if (seen.has(key)) {
      throw new InvalidObjectKeyError(
        `putMany got the key ${JSON.stringify(key)} more than once; give each key once per call`,
      );
    }
    seen.add(key);
    if (typeof body !== 'string' && !Buffer.isBuffer(body)) {
      throw new TypeError(
        `body of object ${JSON.stringify(key)} must be a Buffer or a string for putMany ` +
          '(use put for streams)',
      );
    }
  }
}

/**
 * Calls `fn` for every item, at most `limit` at a time, for the drivers' batch operations.
 * After the first failure no further call starts; once the running ones have settled, rejects
 * with that first failure (so nothing of the batch is still in flight afterwards).
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
}

/** Throws InvalidObjectKeyError unless `prefix` is a valid listing prefix. */
export function assertValidObjectKeyPrefix(prefix: string): void {
  const problem = objectKeyPrefixProblem(prefix);
  if (problem) throw new InvalidObjectKeyError(problem);
}

/** Validates a put body's type (a plain JS caller could pass anything). */
export function assertObjectBody(key: string, body: unknown): asserts body is ObjectBody {
  const isStream =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Readable).pipe === 'function' &&
    typeof (body as Readable)[Symbol.asyncIterator] === 'function';
  if (typeof body === 'string' || Buffer.isBuffer(body) || isStream) return;
  throw new TypeError(
    `body of object ${JSON.stringify(key)} must be a Buffer, a string or a Readable stream`,
  );
}
