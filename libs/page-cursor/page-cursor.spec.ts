import { decodeCursor, encodeCursor } from '.';

describe('page cursors', () => {
  it('round-trips a position of each field type', () => {
    const at = '2026-11-27T01:02:03.456789Z';
    const id = '0b1e4a8c-3d2f-4c59-9f5e-2a7b6c8d9e01';
    const text = encodeCursor([at, id, 42, 'Room 1', null]);
    expect(decodeCursor(text, ['instant', 'uuid', 'int', 'text', 'text?'] as const)).toEqual([
      at,
      id,
      42,
      'Room 1',
      null,
    ]);
  });

  it('keeps microseconds (runs queued in one statement differ only there)', () => {
    const text = encodeCursor(['2026-11-27T01:02:03.000001Z']);
    expect(decodeCursor(text, ['instant'])).toEqual(['2026-11-27T01:02:03.000001Z']);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['not an array', encodeCursor([]).replace('W10', 'e30')],
    ['too few values', encodeCursor([1])],
    ['too many values', encodeCursor([1, 2, 3])],
    ['a millisecond instant', encodeCursor(['2026-11-27T01:02:03.456Z', 1])],
    ['a float', encodeCursor(['2026-11-27T01:02:03.456789Z', 1.5])],
    ['an unsafe integer', encodeCursor(['2026-11-27T01:02:03.456789Z', 2 ** 53])],
  ])('rejects %s', (_what, text) => {
    expect(decodeCursor(text, ['instant', 'int'] as const)).toBeNull();
  });

  it('rejects text with a NUL or longer than 1,000 characters', () => {
    expect(decodeCursor(encodeCursor(['a\u0000']), ['text'])).toBeNull();
    expect(decodeCursor(encodeCursor(['x'.repeat(1001)]), ['text'])).toBeNull();
    expect(decodeCursor(encodeCursor(['x'.repeat(1000)]), ['text'])).toEqual(['x'.repeat(1000)]);
  });

  it('rejects a string where a uuid or a null where text is expected', () => {
    expect(decodeCursor(encodeCursor(['x']), ['uuid'])).toBeNull();
    expect(decodeCursor(encodeCursor([null]), ['text'])).toBeNull();
  });
});
