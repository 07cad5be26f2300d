import { execFile } from 'node:child_process';
import { close, constants, open } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';

const openFd = promisify(open);
const closeFd = promisify(close);

/**
 * Named pipes between a producer in this process (a COPY stream from PostgreSQL) and a reader
 * that wants a file path (DuckDB's read_csv), so the two run at the same time instead of one
 * after the other through a temporary file.
 *
 * Nothing here blocks a libuv threadpool thread: the write end is opened non-blocking (retried
 * while the reader has not opened its end yet) and written through a net.Socket (epoll, not
 * fs.write), so builds waiting on each other can never starve the pool that DuckDB's own
 * statements need.
 */

/** How often the writer looks again for the reader's end while the reader starts. */
const OPEN_RETRY_MS = 2;

/**
 * Makes a FIFO at `path` (coreutils `mkfifo`; Node has no API for it). False when the platform
 * cannot (no mkfifo binary, a file system without FIFOs): the caller falls back to a file.
 */
export function makeFifo(path: string): Promise<boolean> {
  if (process.platform === 'win32') return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('mkfifo', ['-m', '600', '--', path], (error) => resolve(!error));
  });
}

/**
 * Opens the write end of the FIFO at `path` as a stream, once its reader has opened the other
 * end. `reader` is the reading work: if it ends before opening the FIFO (it failed), this
 * rejects with its error instead of waiting for ever. A reader that stops early makes writes
 * fail with EPIPE (nothing else holds a read end), so the producer stops too.
 */
export async function openFifoWriter(path: string, reader: Promise<unknown>): Promise<Socket> {
  let settled = false;
  let failure: unknown;
  reader.then(
    () => (settled = true),
    (e) => {
      settled = true;
      failure = e;
    },
  );
  for (;;) {
    try {
      const fd = await openFd(path, constants.O_WRONLY | constants.O_NONBLOCK);
      // the socket owns the descriptor from here: destroying or ending it closes the fd
      return new Socket({ fd, readable: false, writable: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
    }
    if (settled) throw failure ?? new Error(`the reader of ${path} ended without opening it`);
    await new Promise((r) => setTimeout(r, OPEN_RETRY_MS));
  }
}

/**
 * Gives a reader blocked in opening the FIFO at `path` (its writer never came) an empty input:
 * opens the write end and closes it at once, until `reader` settles. Never throws.
 */
export async function releaseFifoReader(path: string, reader: Promise<unknown>): Promise<void> {
  let settled = false;
  const done = reader.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    try {
      await closeFd(await openFd(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: no reader at the moment; anything else: nothing more we can do
    }
    await Promise.race([done, new Promise((r) => setTimeout(r, 10))]);
  }
}
