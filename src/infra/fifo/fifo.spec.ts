import { readFile } from 'node:fs';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeFifo, openFifoWriter, releaseFifoReader } from './fifo';

describe('fifo', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fifo-spec-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A reader that opens the FIFO (blocking until a writer comes) and reads it to the end. */
  const readAll = (file: string) =>
    new Promise<Buffer>((resolve, reject) =>
      readFile(file, (err, data) => (err ? reject(err) : resolve(data))),
    );

  it('makes a FIFO, and says false where it cannot', async () => {
    const file = path.join(dir, 'p');
    expect(await makeFifo(file)).toBe(true);
    expect((await stat(file)).isFIFO()).toBe(true);
    expect(await makeFifo(path.join(dir, 'missing', 'p'))).toBe(false);
  });

  it('streams from the writer to a reader that opened the other end', async () => {
    const file = path.join(dir, 'p');
    await makeFifo(file);
    const reading = readAll(file);
    const out = await openFifoWriter(file, reading);
    const chunk = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 4; i++) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    }
    out.end();
    expect((await reading).length).toBe(4 << 20);
  });

  it('gives up with the reader’s error when the reader fails before opening its end', async () => {
    const file = path.join(dir, 'p');
    await makeFifo(file);
    const reader = new Promise((_, reject) => setTimeout(() => reject(new Error('boom')), 30));
    reader.catch(() => undefined);
    await expect(openFifoWriter(file, reader)).rejects.toThrow('boom');
  });

  it('fails the writes once the reader has gone (EPIPE), instead of blocking', async () => {
    const file = path.join(dir, 'p');
    await makeFifo(file);
    const readEnd = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const out = await openFifoWriter(file, new Promise(() => undefined));
    await readEnd.close();
    const failed = new Promise<NodeJS.ErrnoException>((resolve) => out.once('error', resolve));
    out.write(Buffer.alloc(1 << 20));
    expect((await failed).code).toBe('EPIPE');
  });

  it('releases a reader blocked in opening a FIFO whose writer never came', async () => {
    const file = path.join(dir, 'p');
    await makeFifo(file);
    const reading = readAll(file);
    await releaseFifoReader(file, reading);
    expect((await reading).length).toBe(0);
  });
});
