import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsObjectStore } from '../../src/infra/object-store/fs-object-store';
import { S3ObjectStore } from '../../src/infra/object-store/s3-object-store';
import { startS3Server, TestS3Server } from '../helpers/s3-server';
import { describeObjectStoreContract } from './object-store.contract';
import { MiB } from './streams';

// every path below a regular file fails with ENOTDIR: a store rooted there cannot do any I/O
let offlineDir: string | undefined;
function offlineRoot(): string {
  offlineDir ??= mkdtempSync(path.join(os.tmpdir(), 'tippers-objects-offline-'));
  writeFileSync(path.join(offlineDir, 'file'), '');
  return path.join(offlineDir, 'file', 'objects');
}
afterAll(() => offlineDir && rm(offlineDir, { recursive: true, force: true }));

describeObjectStoreContract('fs driver', {
  async create() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-objects-'));
    // the root does not exist yet: the store creates it on first put
    const store = new FsObjectStore({ root: path.join(dir, 'objects') });
    return { store, dispose: () => rm(dir, { recursive: true, force: true }) };
  },
  unreachable: () => new FsObjectStore({ root: offlineRoot() }),
  bufferedBytes: 0,
  async leftovers(store) {
    // temp files at any depth (putMany spreads them over shard directories, which stay)
    try {
      const entries = await readdir(path.join((store as FsObjectStore).root, '.tmp'), {
        recursive: true,
        withFileTypes: true,
      });
      return entries.filter((e) => !e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  },
});

describe('with s3rver', () => {
  let s3: TestS3Server;
  let admin: S3Client;
  let buckets = 0;

  beforeAll(async () => {
    s3 = await startS3Server();
    admin = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: s3.region,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
  });
  afterAll(async () => {
    admin?.destroy();
    await s3?.close();
  });

  describeObjectStoreContract('s3 driver', {
    async create() {
      const bucket = `contract-${++buckets}`;
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      const store = new S3ObjectStore({
        bucket,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        partSizeBytes: 5 * MiB,
      });
      return { store, dispose: async () => undefined };
    },
    unreachable() {
      return new S3ObjectStore({
        bucket: 'offline',
        endpoint: 'http://127.0.0.1:9', // discard port: nothing listens
        forcePathStyle: true,
        accessKeyId: 'x',
        secretAccessKey: 'y',
      });
    },
    bufferedBytes: 5 * MiB,
    // no leftovers(): s3rver cannot abort multipart uploads (MethodNotAllowed), so the parts
    // of a failed upload stay in its upload area; AWS S3 and MinIO discard them on abort.
    emulatorDefects: {
      listOrderAcrossDirectories:
        "s3rver lists by on-disk file names ('a/b' before 'a-c'); AWS S3 and MinIO use UTF-8 byte order",
    },
  });
});
