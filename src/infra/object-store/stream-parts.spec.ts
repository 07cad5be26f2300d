import { PassThrough, Readable } from 'node:stream';
import { streamParts } from './stream-parts';

async function partsOf(stream: Readable, size: number): Promise<Array<[string, boolean]>> {
  const out: Array<[string, boolean]> = [];
  for await (const part of streamParts(stream, size)) out.push([part.body.toString(), part.final]);
  return out;
}

describe('streamParts', () => {
  it('cuts a stream into parts of exactly the part size, the last one shorter', async () => {
    const stream = Readable.from(['ab', 'cdefg', 'h', 'ijk']);
    expect(await partsOf(stream, 4)).toEqual([
      ['abcd', false],
      ['efgh', false],
      ['ijk', true],
    ]);
  });

  it('marks a part final only when no byte follows it', async () => {
    expect(await partsOf(Readable.from(['abcd', 'efgh']), 4)).toEqual([
      ['abcd', false],
      ['efgh', true],
    ]);
    expect(await partsOf(Readable.from(['abc']), 4)).toEqual([['abc', true]]);
  });

  it('yields one empty final part for an empty stream', async () => {
    expect(await partsOf(Readable.from([]), 4)).toEqual([['', true]]);
    expect(await partsOf(Readable.from([Buffer.alloc(0), '']), 4)).toEqual([['', true]]);
  });

  it('splits one large chunk into several parts', async () => {
    expect(await partsOf(Readable.from(['abcdefghij']), 3)).toEqual([
      ['abc', false],
      ['def', false],
      ['ghi', false],
      ['j', true],
    ]);
  });

  it('treats string chunks as UTF-8 bytes', async () => {
    const parts: Buffer[] = [];
    for await (const p of streamParts(Readable.from(['é', 'é']), 3)) parts.push(p.body);
    expect(parts.map((b) => b.length)).toEqual([3, 1]);
    expect(Buffer.concat(parts).toString()).toBe('éé');
  });

  it('reads no further than the parts consumed, and ending early destroys the stream', async () => {
    const source = new PassThrough();
    source.write('abcdef');
    const parts = streamParts(source, 2);
    expect((await parts.next()).value).toMatchObject({ final: false });
    await parts.return(undefined);
    expect(source.destroyed).toBe(true);
  });

  it('rethrows the stream error', async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error('boom'));
      },
    });
    await expect(partsOf(source, 4)).rejects.toThrow('boom');
  });

  it('rejects a non-positive part size', async () => {
    await expect(partsOf(Readable.from(['a']), 0)).rejects.toThrow(RangeError);
  });
});
