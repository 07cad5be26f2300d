import {
  applyScaler,
  capImbalance,
  confidenceFilter,
  dropRareClasses,
  fitScaler,
  stratifiedSplit,
} from './prep';

const f64 = (v: number[]) => Float64Array.from(v);
const i32 = (v: number[]) => Int32Array.from(v);
const countOf = (y: Int32Array, rows: Iterable<number>, c: number) =>
  Array.from(rows).filter((i) => y[i] === c).length;

describe('confidenceFilter', () => {
  const proba = f64([0.9, 0.1, 0.6, 0.4, 0.5, 0.5, 1, 0, NaN, NaN]);

  it('keeps rows whose largest probability reaches the threshold', () => {
    expect(Array.from(confidenceFilter(proba, 5, 2, 'max_confidence', 0.6))).toEqual([
      1, 1, 0, 1, 0,
    ]);
  });

  it('keeps rows whose normalised entropy is at most the threshold', () => {
    // H(0.9, 0.1) / ln 2 = (0.0948 + 0.2303) / 0.6931 = 0.469; H(0.6, 0.4) / ln 2 = 0.971
    expect(Array.from(confidenceFilter(proba, 5, 2, 'entropy', 0.5))).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(confidenceFilter(proba, 5, 2, 'entropy', 0.46))).toEqual([0, 0, 0, 1, 0]);
    // uniform over 3 classes is exactly as uncertain as possible
    const third = confidenceFilter(f64([1 / 3, 1 / 3, 1 / 3]), 1, 3, 'entropy', 0.999);
    expect(third[0]).toBe(0);
  });

  it('rejects bad shapes and thresholds', () => {
    expect(() => confidenceFilter(proba, 4, 2, 'entropy', 0.5)).toThrow(/n × k/);
    expect(() => confidenceFilter(proba, 5, 2, 'entropy', 1.5)).toThrow(/threshold/);
  });
});

describe('dropRareClasses', () => {
  it('keeps classes with enough rows and reports the dropped ones', () => {
    const y = i32([0, 0, 0, 1, 2, 2, -1]);
    const r = dropRareClasses(y, 4, 2);
    expect(r.counts).toEqual([3, 1, 2, 0]);
    expect(r.kept).toEqual([0, 2]);
    expect(r.dropped).toEqual([1]);
    expect(Array.from(r.mask)).toEqual([1, 1, 1, 0, 1, 1, 0]);
    const masked = dropRareClasses(y, 4, 2, Uint8Array.from([1, 1, 1, 1, 1, 0, 1]));
    expect(masked.counts).toEqual([3, 1, 1, 0]);
    expect(masked.kept).toEqual([0]);
    expect(masked.dropped).toEqual([1, 2]);
  });
});

describe('capImbalance', () => {
  // counts: class 0 → 10, class 1 → 3, class 2 → 5 (plus two rows outside the mask)
  const y = i32([...Array(10).fill(0), 1, 1, 1, ...Array(5).fill(2), 0, 1]);
  const mask = Uint8Array.from([...Array(18).fill(1), 0, 0]);

  it('caps every class at factor × the smallest class', () => {
    const out = capImbalance(y, mask, 2, 42);
    const kept = Array.from(out.keys()).filter((i) => out[i]);
    expect([0, 1, 2].map((c) => countOf(y, kept, c))).toEqual([6, 3, 5]);
    expect(out[18]).toBe(0);
    expect(out[19]).toBe(0);
    expect(Array.from(capImbalance(y, mask, Infinity, 1))).toEqual(Array.from(mask));
  });

  it('is deterministic for a seed and varies with it', () => {
    const a = Array.from(capImbalance(y, mask, 1, 3));
    expect(Array.from(capImbalance(y, mask, 1, 3))).toEqual(a);
    const seeds = [4, 5, 6, 7].map((s) => Array.from(capImbalance(y, mask, 1, s)).join(''));
    expect(seeds.some((s) => s !== a.join(''))).toBe(true);
    expect(() => capImbalance(y, mask, 0.5, 1)).toThrow(/factor/);
  });
});

describe('stratifiedSplit', () => {
  const y = i32([...Array(100).fill(0), ...Array(50).fill(1), ...Array(10).fill(2), 3, 3, 4]);
  const rows = i32(Array.from(y.keys()));

  it('keeps class proportions and partitions the rows', () => {
    const { train, test } = stratifiedSplit(y, rows, 0.2, 1);
    expect([0, 1, 2, 3, 4].map((c) => countOf(y, test, c))).toEqual([20, 10, 2, 1, 0]);
    expect([0, 1, 2, 3, 4].map((c) => countOf(y, train, c))).toEqual([80, 40, 8, 1, 1]);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from(rows));
    expect(Array.from(test)).toEqual(Array.from(test).sort((a, b) => a - b));
  });

  it('uses only the given rows', () => {
    const some = i32([0, 1, 2, 3, 100, 101, 150, 151]);
    const { train, test } = stratifiedSplit(y, some, 0.5, 9);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from(some));
    expect([0, 1, 2].map((c) => countOf(y, test, c))).toEqual([2, 1, 1]);
  });

  it('is deterministic for a seed and varies with it', () => {
    const a = stratifiedSplit(y, rows, 0.3, 5);
    expect(stratifiedSplit(y, rows, 0.3, 5)).toEqual(a);
    expect(Array.from(stratifiedSplit(y, rows, 0.3, 6).test)).not.toEqual(Array.from(a.test));
    expect(() => stratifiedSplit(y, rows, 1, 5)).toThrow(/testSize/);
  });
});

describe('scaler', () => {
  // feature 0 of the training rows 0..3 is 1, 2, 3, 4; feature 1 is constant 7 there;
  // row 4 (test only) holds extreme values
  const m = { x: f64([1, 7, 2, 7, 3, 7, 4, 7, 1000, -50]), n: 5, d: 2 };
  const trainRows = i32([0, 1, 2, 3]);

  it('standardises with the training rows only', () => {
    const s = fitScaler(m, trainRows, 'standard');
    expect(s.center).toEqual([2.5, 7]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(s.scale[1]).toBe(1); // constant on the training rows
    const out = applyScaler(s, m);
    expect(out.x[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 15);
    expect(out.x[1]).toBe(0);
    expect(out.x[8]).toBeCloseTo(997.5 / Math.sqrt(1.25), 10);
    expect(m.x[0]).toBe(1); // input untouched
  });

  it('min-max scales with the training rows only', () => {
    const s = fitScaler(m, trainRows, 'minmax');
    expect(s).toEqual({ kind: 'minmax', center: [1, 7], scale: [3, 1] });
    expect(Array.from(applyScaler(s, m).x.subarray(0, 8))).toEqual([
      0,
      0,
      1 / 3,
      0,
      2 / 3,
      0,
      1,
      0,
    ]);
  });

  it('ignores a value present only in other rows; none is the identity', () => {
    const withTest = fitScaler(m, i32([0, 1, 2, 3, 4]), 'standard');
    expect(withTest.center[0]).not.toBe(2.5);
    const none = fitScaler(m, trainRows, 'none');
    expect(none).toEqual({ kind: 'none', center: [0, 0], scale: [1, 1] });
    expect(Array.from(applyScaler(none, m).x)).toEqual(Array.from(m.x));
    expect(() => fitScaler(m, i32([]), 'standard')).toThrow(/no rows/);
    expect(() => applyScaler(none, { x: f64([1]), n: 1, d: 1 })).toThrow(/features/);
  });
});
