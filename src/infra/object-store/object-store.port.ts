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
   * The object's bytes as a stream; rejects with ObjectNotFoundError when there is no object.
   * The caller must consume or destroy the stream.
   */
  get(key: string): Promise<Readable>;

  /** The object's info, or null when there is none. */
  head(key: string): Promise<ObjectInfo | null>;

  /**
   * The local file holding the object when the store keeps objects as files (fs): readers such
   * as DuckDB open it in place instead of copying it. Null for stores that do not (s3). The path
   * is not checked: it may name no file (a missing object).
   */
  localPath(key: string): string | null;

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
