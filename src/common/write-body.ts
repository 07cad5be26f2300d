import type { Response } from 'express';

/** Bytes gathered before a write: small bodies go out in one write with the headers. */
const WRITE_AT = 64 * 1024;

/**
 * Writes what `body` yields to `res` in pieces of at least 64 KiB (small bodies: one write),
 * waiting when the socket is full. A client that goes away ends the loop, and with it the
 * iteration of `body` (its `finally` blocks run): the work behind a stream stops with its
 * reader. Resolves once the response has ended or its client has gone.
 */
export async function writeBody(
  res: Response,
  body: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<void> {
  let pending: Buffer[] = [];
  let size = 0;
  let written = false;
  for await (const piece of body) {
    if (res.destroyed) return; // leaving the loop returns the iterator
    const buf = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    pending.push(buf);
    size += buf.length;
    if (size < WRITE_AT) continue;
    const more = res.write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    written = true;
    pending = [];
    size = 0;
    if (!more) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
  if (res.destroyed) return;
  const last = pending.length === 1 ? pending[0] : Buffer.concat(pending);
  // a body sent whole has a length: no chunked encoding, headers and body in one write
  if (!written && !res.headersSent) res.setHeader('Content-Length', last.length);
  res.end(last);
}
