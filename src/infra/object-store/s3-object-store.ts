import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import {
  assertObjectBody,
  assertValidObjectKey,
  assertValidObjectKeyPrefix,
  ObjectBody,
  ObjectInfo,
  ObjectNotFoundError,
  ObjectStore,
  PutObjectOptions,
} from './object-store.port';
import { uploadMultipart } from './s3-multipart-upload';
import { streamParts } from './stream-parts';

export interface S3ObjectStoreOptions {
  bucket: string;
  /** e.g. MinIO's `http://minio:9000`; omitted for AWS S3. */
  endpoint?: string;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), as MinIO and most emulators need. */
  forcePathStyle?: boolean;
  /** Default `us-east-1` (what MinIO expects); redirects to the bucket's region are followed. */
  region?: string;
  /** Both or neither; without them the SDK's default credential chain is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /**
   * Streams up to this size go up as one PutObject; longer ones as a multipart upload of
   * parts this size (min 5 MiB, the S3 limit). Also the memory one streaming put holds.
   */
  partSizeBytes?: number;
}

export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const DELETE_BATCH = 1000;

interface SdkError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

function httpStatus(e: unknown): number | undefined {
  return (e as SdkError | null)?.$metadata?.httpStatusCode;
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/^"(.*)"$/, '$1');
}

/** Objects in one S3 bucket (AWS S3, MinIO, or any S3-compatible server). */
export class S3ObjectStore implements ObjectStore {
  readonly driver = 's3' as const;
  readonly bucket: string;
  readonly partSizeBytes: number;
  private readonly client: S3Client;
  private closed = false;

  constructor(opts: S3ObjectStoreOptions) {
    if (!opts.bucket) throw new Error('S3 object store: a bucket name is required');
    if (Boolean(opts.accessKeyId) !== Boolean(opts.secretAccessKey)) {
      throw new Error(
        'S3 object store: give both an access key id and a secret access key, or neither ' +
          '(then the AWS SDK default credential chain is used)',
      );
    }
    this.partSizeBytes = opts.partSizeBytes ?? DEFAULT_PART_SIZE;
    if (!Number.isInteger(this.partSizeBytes) || this.partSizeBytes < MIN_PART_SIZE) {
      throw new Error(`S3 object store: part size must be an integer >= ${MIN_PART_SIZE} bytes`);
    }
    this.bucket = opts.bucket;
    const config: S3ClientConfig = {
      region: opts.region ?? 'us-east-1',
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      followRegionRedirects: true,
    };
    if (opts.accessKeyId && opts.secretAccessKey) {
      config.credentials = {
        accessKeyId: opts.accessKeyId,
        secretAccessKey: opts.secretAccessKey,
        sessionToken: opts.sessionToken,
      };
    }
    this.client = new S3Client(config);
  }

  async put(key: string, body: ObjectBody, opts: PutObjectOptions = {}): Promise<ObjectInfo> {
    assertValidObjectKey(key);
    assertObjectBody(key, body);
    if (typeof body === 'string') return this.putBuffer(key, Buffer.from(body, 'utf8'), opts);
    if (Buffer.isBuffer(body)) return this.putBuffer(key, body, opts);
    return this.putStream(key, body, opts);
  }

  localPath(key: string): null {
    assertValidObjectKey(key);
    return null;
  }

  async get(key: string): Promise<Readable> {
    assertValidObjectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) {
        throw new Error(`S3 GetObject of ${JSON.stringify(key)} returned no Node.js stream`);
      }
      return out.Body;
    } catch (e) {
      // NoSuchBucket is also a 404, but a configuration fault rather than a missing object
      if ((e as SdkError).name === 'NoSuchKey') throw new ObjectNotFoundError(key);
      throw e;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidObjectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        lastModified: out.LastModified ?? new Date(0),
        etag: unquote(out.ETag),
      };
    } catch (e) {
      if (httpStatus(e) === 404) return null;
      throw e;
    }
  }

  list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidObjectKeyPrefix(prefix);
    return this.listPages(prefix);
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deleteMany(keys: Iterable<string>): Promise<void> {
    const all = [...keys];
    all.forEach(assertValidObjectKey);
    for (let i = 0; i < all.length; i += DELETE_BATCH) {
      const batch = all.slice(i, i + DELETE_BATCH).map((Key) => ({ Key }));
      const out = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(
          `S3 DeleteObjects failed for ${failed.length} key(s), e.g. ` +
            `${JSON.stringify(first.Key)}: ${first.Code ?? ''} ${first.Message ?? ''}`.trim(),
        );
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
  }

  private async *listPages(prefix: string): AsyncGenerator<ObjectInfo> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix === '' ? undefined : prefix,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        yield {
          key: o.Key,
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
          etag: unquote(o.ETag),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async putBuffer(key: string, body: Buffer, opts: PutObjectOptions): Promise<ObjectInfo> {
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentLength: body.length,
        ContentType: opts.contentType,
      }),
    );
    return { key, size: body.length, lastModified: new Date(), etag: unquote(out.ETag) };
  }

  /**
   * A stream of unknown length: the first part decides. If the stream ends within one part it
   * is a plain PutObject; otherwise a multipart upload (see uploadMultipart).
   */
  private async putStream(
    key: string,
    body: Readable,
    opts: PutObjectOptions,
  ): Promise<ObjectInfo> {
    const parts = streamParts(body, this.partSizeBytes);
    try {
      const first = await parts.next();
      if (first.done) throw new Error('unreachable: streamParts always yields a final part');
      if (first.value.final) return await this.putBuffer(key, first.value.body, opts);
      const target = { bucket: this.bucket, key, contentType: opts.contentType };
      const out = await uploadMultipart(this.client, target, first.value, parts);
      return { key, size: out.size, lastModified: new Date(), etag: unquote(out.etag) };
    } finally {
      await parts.return(undefined); // stops reading; destroys the source stream if unfinished
    }
  }
}
