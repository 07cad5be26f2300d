import {
  AbortMultipartUploadCommand,
  CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { StreamPart } from './stream-parts';

/** S3 accepts at most this many parts in one upload. */
export const MAX_PARTS = 10_000;

export interface MultipartTarget {
  bucket: string;
  key: string;
  contentType?: string;
}

/**
 * Uploads `first` and then the rest of `parts` as one multipart upload, one part in flight at
 * a time (so memory stays at one part), and completes it. Until CompleteMultipartUpload the
 * key keeps its previous object. On any failure the upload is aborted (best effort) and the
 * error rethrown.
 */
export async function uploadMultipart(
  client: S3Client,
  target: MultipartTarget,
  first: StreamPart,
  parts: AsyncIterator<StreamPart>,
): Promise<{ size: number; etag?: string }> {
  const { bucket: Bucket, key: Key } = target;
  const created = await client.send(
    new CreateMultipartUploadCommand({ Bucket, Key, ContentType: target.contentType }),
  );
  const UploadId = created.UploadId;
  if (!UploadId) throw new Error('S3 CreateMultipartUpload returned no UploadId');
  try {
    const done: CompletedPart[] = [];
    let size = 0;
    let part = first;
    for (;;) {
      if (done.length >= MAX_PARTS) {
        throw new Error(
          `object ${JSON.stringify(Key)} needs more than ${MAX_PARTS} parts of ` +
            `${first.body.length} bytes; configure a larger part size`,
        );
      }
      done.push(await uploadPart(client, { Bucket, Key, UploadId }, done.length + 1, part.body));
      size += part.body.length;
      if (part.final) break;
      const next = await parts.next();
      if (next.done) break;
      part = next.value;
    }
    const out = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: done },
      }),
    );
    return { size, etag: out.ETag };
  } catch (e) {
    await abort(client, { Bucket, Key, UploadId });
    throw e;
  }
}

interface UploadRef {
  Bucket: string;
  Key: string;
  UploadId: string;
}

async function uploadPart(
  client: S3Client,
  ref: UploadRef,
  PartNumber: number,
  Body: Buffer,
): Promise<CompletedPart> {
  const out = await client.send(
    new UploadPartCommand({ ...ref, PartNumber, Body, ContentLength: Body.length }),
  );
  if (!out.ETag) throw new Error(`S3 UploadPart ${PartNumber} returned no ETag`);
  // the SDK adds a checksum to each part; S3 wants them echoed in CompleteMultipartUpload
  return {
    PartNumber,
    ETag: out.ETag,
    ChecksumCRC32: out.ChecksumCRC32,
    ChecksumCRC32C: out.ChecksumCRC32C,
    ChecksumCRC64NVME: out.ChecksumCRC64NVME,
    ChecksumSHA1: out.ChecksumSHA1,
    ChecksumSHA256: out.ChecksumSHA256,
  };
}

/** Best effort: the put already failed, and a lingering upload is only storage to reclaim. */
async function abort(client: S3Client, ref: UploadRef): Promise<void> {
  try {
    await client.send(new AbortMultipartUploadCommand(ref));
  } catch {
    // s3rver answers MethodNotAllowed; on S3, a lifecycle rule can reclaim stray uploads
  }
}
