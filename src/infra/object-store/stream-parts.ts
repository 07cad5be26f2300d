import type { Readable } from 'node:stream';

export interface StreamPart {
  body: Buffer;
  /** True for the last part; a part with `final: false` is always followed by one more byte. */
  final: boolean;
}

/** A chunk read from a body stream as bytes (strings are UTF-8). */
export function chunkToBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  throw new TypeError(`object body streams must yield bytes or strings, got ${typeof chunk}`);
}

/**
 * Cuts a stream into parts of exactly `size` bytes, the last one shorter (possibly empty when
 * the stream is empty). Holds at most one part plus one incoming chunk in memory; the stream
 * is only read as fast as the parts are consumed. Ending the iteration early destroys the
 * stream.
 */
export async function* streamParts(stream: Readable, size: number): AsyncGenerator<StreamPart> {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`part size must be > 0: ${size}`);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    const bytes = chunkToBuffer(chunk);
    if (bytes.length === 0) continue;
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes <= size) continue;
    // strictly more than one part is pending: the parts yielded here are not the last
    const all = Buffer.concat(pending, pendingBytes);
    let offset = 0;
    while (pendingBytes - offset > size) {
      yield { body: all.subarray(offset, offset + size), final: false };
      offset += size;
    }
    const rest = Buffer.from(all.subarray(offset)); // a copy: do not pin `all` via the remainder
    pending = [rest];
    pendingBytes = rest.length;
  }
  yield { body: Buffer.concat(pending, pendingBytes), final: true };
}
