import { Mt19937 } from '../../label-model/mt19937';
import { binMatrix, binOf, computeBinEdges, MAX_BINS } from './binning';

/** A one-feature matrix. */
function column(values: number[]) {
  return { x: Float64Array.from(values), n: values.length, d: 1 };
}

describe('computeBinEdges', () => {
  it('gives a constant feature no edge, so one bin', () => {
    const m = column([3, 3, 3, 3]);
    const [edges] = computeBinEdges(m);
    expect(edges.length).toBe(0);
    expect(Array.from(binMatrix(m, [edges]).codes)).toEqual([0, 0, 0, 0]);
  });

  it('gives each of few distinct values its own bin, edges at midpoints', () => {
    const m = column([5, 1, 1, 3, 5, 5, 1]);
    const [edges] = computeBinEdges(m);
    expect(Array.from(edges)).toEqual([2, 4]);
    expect(Array.from(binMatrix(m, [edges]).codes)).toEqual([2, 0, 0, 1, 2, 2, 0]);
  });

  it('caps many distinct values at MAX_BINS bins of roughly equal counts', () => {
    const rng = new Mt19937(3);
    const values = Array.from({ length: 10000 }, () => rng.random());
    const m = column(values);
    const [edges] = computeBinEdges(m);
    expect(edges.length).toBe(MAX_BINS - 1);
    const counts = new Array<number>(MAX_BINS).fill(0);
    for (const c of binMatrix(m, [edges]).codes) counts[c]++;
    expect(Math.min(...counts)).toBeGreaterThan(10000 / MAX_BINS / 2);
    expect(Math.max(...counts)).toBeLessThan((10000 / MAX_BINS) * 2);
  });

  it('never splits a repeated value across bins', () => {
    // half the rows share one value: it takes one bin, the rest are quantile-cut
    const rng = new Mt19937(4);
    const values = Array.from({ length: 4000 }, (_, i) => (i % 2 ? 0.5 : rng.random()));
    const m = column(values);
    const [edges] = computeBinEdges(m);
    const codes = binMatrix(m, [edges]).codes;
    const heavy = new Set<number>();
    for (let i = 1; i < 4000; i += 2) heavy.add(codes[i]);
    expect(heavy.size).toBe(1);
    expect(edges.length).toBeLessThan(MAX_BINS);
    for (let b = 1; b < edges.length; b++) expect(edges[b]).toBeGreaterThan(edges[b - 1]);
  });

  it('is deterministic and respects maxBins', () => {
    const rng = new Mt19937(5);
    const m = { x: Float64Array.from({ length: 3000 }, () => rng.random()), n: 1000, d: 3 };
    const a = computeBinEdges(m, 16);
    const b = computeBinEdges(m, 16);
    expect(a).toEqual(b);
    for (const e of a) expect(e.length).toBeLessThanOrEqual(15);
  });

  it('rejects an invalid maxBins', () => {
    expect(() => computeBinEdges(column([1, 2]), 256)).toThrow(RangeError);
    expect(() => computeBinEdges(column([1, 2]), 1)).toThrow(RangeError);
  });
});

describe('binOf', () => {
  it('puts a value equal to an edge in the lower bin (x <= edge goes left)', () => {
    const edges = Float64Array.of(1, 2, 3);
    expect([0.5, 1, 1.5, 2, 3, 3.5].map((v) => binOf(edges, v))).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('agrees with the raw test x <= edges[b] for every training value', () => {
    const rng = new Mt19937(6);
    const values = Array.from({ length: 2000 }, () => Math.round(rng.random() * 1000) / 7);
    const m = column(values);
    const [edges] = computeBinEdges(m);
    const codes = binMatrix(m, [edges]).codes;
    let mismatches = 0;
    for (let i = 0; i < values.length; i++)
      for (let b = 0; b < edges.length; b++)
        if (values[i] <= edges[b] !== codes[i] <= b) mismatches++;
    expect(edges.length).toBeGreaterThan(100);
    expect(mismatches).toBe(0);
  });
});
