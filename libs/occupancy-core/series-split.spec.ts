import { seriesBySpace } from './series-split';

const plain = (m: ReturnType<typeof seriesBySpace>) =>
  Object.fromEntries(
    [...m].map(([space, r]) => [space, { t: [...r.binStarts], n: [...r.counts] }]),
  );

describe('seriesBySpace', () => {
  it('splits rows sorted by space then time into views of the same arrays', () => {
    const t = Float64Array.from([0, 3600, 0, 7200, 3600]);
    const n = Int32Array.from([1, 2, 3, 4, 5]);
    const got = seriesBySpace(Int32Array.from([1, 1, 2, 2, 9]), t, n);
    expect(plain(got)).toEqual({
      1: { t: [0, 3600], n: [1, 2] },
      2: { t: [0, 7200], n: [3, 4] },
      9: { t: [3600], n: [5] },
    });
    expect(got.get(2)!.binStarts.buffer).toBe(t.buffer);
    expect(got.get(2)!.counts.buffer).toBe(n.buffer);
  });

  it('sorts rows of another order by space, then time', () => {
    const got = seriesBySpace(
      [5, 1, 5, 1],
      Float64Array.from([7200, 3600, 0, -3600]),
      Int32Array.from([1, 2, 3, 4]),
    );
    expect([...got.keys()]).toEqual([1, 5]);
    expect(plain(got)).toEqual({
      1: { t: [-3600, 3600], n: [4, 2] },
      5: { t: [0, 7200], n: [3, 1] },
    });
  });

  it('answers an empty map for no rows', () => {
    expect(seriesBySpace([], new Float64Array(0), new Int32Array(0)).size).toBe(0);
  });

  it('refuses two rows of one space at one time, sorted or not', () => {
    expect(() => seriesBySpace([1, 1], Float64Array.from([0, 0]), Int32Array.from([1, 2]))).toThrow(
      /space 1 has two rows at 0/,
    );
    expect(() =>
      seriesBySpace([2, 1, 2], Float64Array.from([60, 0, 60]), Int32Array.from([1, 2, 3])),
    ).toThrow(/space 2 has two rows at 60/);
  });

  it('refuses columns of different lengths', () => {
    expect(() => seriesBySpace([1, 2], Float64Array.from([0]), Int32Array.from([1, 2]))).toThrow(
      RangeError,
    );
  });
});
