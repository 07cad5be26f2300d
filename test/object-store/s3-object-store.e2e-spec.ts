import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { ObjectNotFoundError } from '../../src/infra/object-store/object-store.port';
import {
  MIN_PART_SIZE,
  S3ObjectStore,
  S3ObjectStoreOptions,
} from '../../src/infra/object-store/s3-object-store';
import { startS3Server, TestS3Server } from '../helpers/s3-server';
import { digestOf, getText, MiB, randomStream } from './streams';

/** Records the commands a store sends (`UploadPart(5242880)`) and the most sent at once. */
function recordCommands(store: S3ObjectStore): { sent: string[]; maxInFlight: () => number } {
  const sent: string[] = [];
  let inFlight = 0;
  let max = 0;
  const client = (store as unknown as { client: S3Client }).client;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      const body = (args.input as { Body?: unknown }).Body;
      sent.push(Buffer.isBuffer(body) ? `${name}(${body.length})` : name);
      max = Math.max(max, ++inFlight);
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return { sent, maxInFlight: () => max };
}

describe('S3ObjectStore (driver specifics, against s3rver)', () => {
  let s3: TestS3Server;
  let admin: S3Client;
  let store: S3ObjectStore;
  let options: S3ObjectStoreOptions;

  beforeAll(async () => {
    s3 = await startS3Server('specifics');
    options = {
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      partSizeBytes: MIN_PART_SIZE,
    };
    admin = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: s3.region,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
  });
  beforeEach(() => {
    store = new S3ObjectStore(options);
  });
  afterEach(() => store.close());
  afterAll(async () => {
    admin?.destroy();
    await s3?.close();
  });

  it('stores the content type and returns the etag without quotes', async () => {
    const info = await store.put('typed.json', '{}', { contentType: 'application/json' });
    const head = await admin.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'typed.json' }));
    expect(head.ContentType).toBe('application/json');
    expect(info.etag).toBe(head.ETag!.replace(/"/g, ''));
    expect((await store.head('typed.json'))?.etag).toBe(info.etag);
  });

  it('sends a stream that fits in one part as a single PutObject', async () => {
    const rec = recordCommands(store);
    await store.put('small-stream', Readable.from([Buffer.alloc(MIN_PART_SIZE, 7)]));
    expect(rec.sent).toEqual([`PutObject(${MIN_PART_SIZE})`]);
  });

  it('sends a longer stream as a multipart upload, one part in flight at a time', async () => {
    const rec = recordCommands(store);
    const src = randomStream(12 * MiB);
    await store.put('multipart', src.stream, { contentType: 'application/octet-stream' });
    expect(rec.sent).toEqual([
      'CreateMultipartUpload',
      `UploadPart(${5 * MiB})`,
      `UploadPart(${5 * MiB})`,
      `UploadPart(${2 * MiB})`,
      'CompleteMultipartUpload',
    ]);
    expect(rec.maxInFlight()).toBe(1);
    expect((await digestOf(await store.get('multipart'))).sha256).toBe(await src.expected);
    const head = await admin.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'multipart' }));
    expect(head.ContentType).toBe('application/octet-stream');
  });

  it('aborts the multipart upload when the stream fails, and reports the stream error', async () => {
    const rec = recordCommands(store);
    const src = randomStream(20 * MiB, { failAfter: 7 * MiB });
    // s3rver refuses AbortMultipartUpload (MethodNotAllowed); that must not hide the cause
    await expect(store.put('aborted', src.stream)).rejects.toThrow(
      'source stream failed on purpose',
    );
    expect(rec.sent).toEqual([
      'CreateMultipartUpload',
      `UploadPart(${5 * MiB})`,
      'AbortMultipartUpload',
    ]);
    expect(await store.head('aborted')).toBeNull();
  });

  it('does not mistake a missing bucket for a missing object on get', async () => {
    const other = new S3ObjectStore({ ...options, bucket: 'no-such-bucket' });
    try {
      const err = await other.get('k').catch((e: unknown) => e);
      expect(err).not.toBeInstanceOf(ObjectNotFoundError);
      expect(err).toMatchObject({ name: 'NoSuchBucket' });
    } finally {
      await other.close();
    }
  });

  it('validates its options', () => {
    expect(() => new S3ObjectStore({ ...options, partSizeBytes: MIN_PART_SIZE - 1 })).toThrow(
      /part size/,
    );
    expect(() => new S3ObjectStore({ ...options, secretAccessKey: undefined })).toThrow(
      /both an access key id and a secret access key/,
    );
    expect(() => new S3ObjectStore({ ...options, bucket: '' })).toThrow(/bucket name/);
  });

  it('reads back what another S3 client wrote', async () => {
    await admin.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'from/admin',
        Body: 'hello',
      }),
    );
    expect(await getText(store, 'from/admin')).toBe('hello');
  });
});
