import { fitGaussianNb, loadGaussianNb } from './naive-bayes';
import { FitInput, Matrix } from './model';

const input = (rows: number[][], y: number[], k = 2): FitInput => ({
  x: Float64Array.from(rows.flat()),
  n: rows.length,
  d: rows[0].length,
  y: Int32Array.from(y),
  k,
  seed: 0,
});
const matrix = (rows: number[][]): Matrix => ({
  x: Float64Array.from(rows.flat()),
  n: rows.length,
  d: rows[0].length,
});
const normal = (x: number, mean: number, variance: number) =>
  Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);

describe('gaussian naive bayes', () => {
  // class 0: {0, 2} → mean 1, variance 1; class 1: {4, 6, 8} → mean 6, variance 8/3;
  // all five values: mean 4, variance 8, so the smoothing is 8e-9; priors 2/5 and 3/5
  const toy = input([[0], [2], [4], [6], [8]], [0, 0, 1, 1, 1]);

  it('matches the closed-form normal densities on a 1-feature toy', () => {
    const model = fitGaussianNb(toy);
    expect(model.epsilon).toBeCloseTo(8e-9, 20);
    const xs = [3, -1, 5.5, 20];
    const p = model.predictProba(matrix(xs.map((v) => [v])));
    xs.forEach((v, i) => {
      const a = 0.4 * normal(v, 1, 1 + 8e-9);
      const b = 0.6 * normal(v, 6, 8 / 3 + 8e-9);
      expect(p[i * 2]).toBeCloseTo(a / (a + b), 12);
      expect(p[i * 2 + 1]).toBeCloseTo(b / (a + b), 12);
    });
  });

  it('multiplies per-feature densities (2 features)', () => {
    const rows = [
      [0, 10],
      [2, 14],
      [4, 0],
      [6, 2],
    ];
    const model = fitGaussianNb(input(rows, [0, 0, 1, 1]));
    // largest feature variance: feature 2 (mean 6.5, variance 131 / 4 = 32.75)
    const eps = 32.75e-9;
    const q = [3, 7];
    const a = 0.5 * normal(q[0], 1, 1 + eps) * normal(q[1], 12, 4 + eps);
    const b = 0.5 * normal(q[0], 5, 1 + eps) * normal(q[1], 1, 1 + eps);
    expect(model.predictProba(matrix([q]))[0]).toBeCloseTo(a / (a + b), 12);
  });

  it('stays finite far from every class (log-sum-exp)', () => {
    const p = fitGaussianNb(toy).predictProba(matrix([[1e6], [-1e6]]));
    expect(Array.from(p)).toEqual([0, 1, 0, 1]);
    // (1e200)² overflows: every likelihood is 0, so the answer falls back to the priors
    expect(Array.from(fitGaussianNb(toy).predictProba(matrix([[1e200]])))).toEqual([0.4, 0.6]);
  });

  it('gives classes absent from y probability 0 without NaN', () => {
    const model = fitGaussianNb(input([[0], [1], [5], [6]], [0, 0, 2, 2], 3));
    const p = model.predictProba(matrix([[0.5], [5.5], [3]]));
    for (let i = 0; i < 3; i++) {
      expect(p[i * 3 + 1]).toBe(0);
      expect(p[i * 3] + p[i * 3 + 2]).toBeCloseTo(1, 12);
    }
    expect(p[0]).toBeGreaterThan(0.99);
    const loaded = loadGaussianNb(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.predictProba(matrix([[3]]))).toEqual(model.predictProba(matrix([[3]])));
  });

  it('handles constant features (within a class and overall) without NaN', () => {
    const within = fitGaussianNb(input([[1], [1], [3], [5]], [0, 0, 1, 1]));
    // class 0 has variance 0 + 2.75e-9 (all four values: variance 11 / 4); class 1: 4 ± 1
    const p = within.predictProba(matrix([[1], [4]]));
    const a = normal(1, 1, 2.75e-9);
    const b = normal(1, 4, 1 + 2.75e-9);
    expect(p[0]).toBeCloseTo(a / (a + b), 12);
    expect(p[1]).toBeGreaterThan(1e-7); // a wide class still gets a little mass at x = 1
    expect(p[2]).toBe(0); // exp(−(4 − 1)² / 5.5e-9) underflows
    expect(p[3]).toBe(1);
    const flat = fitGaussianNb(input([[2], [2], [2]], [0, 1, 1]));
    const pf = flat.predictProba(matrix([[2], [9]]));
    [1 / 3, 2 / 3, 1 / 3, 2 / 3].forEach((v, i) => expect(pf[i]).toBeCloseTo(v, 12));
  });

  it('is deterministic and survives a JSON round trip', () => {
    const model = fitGaussianNb(toy);
    const q = matrix([[0.1], [3.3], [7]]);
    const loaded = loadGaussianNb(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.predictProba(q)).toEqual(model.predictProba(q));
    expect(fitGaussianNb(toy).predictProba(q)).toEqual(model.predictProba(q));
  });

  it('rejects malformed state with a clear error', () => {
    const good = fitGaussianNb(toy).toJSON();
    const with_ = (p: Record<string, unknown>) => ({ ...good, params: { ...good.params, ...p } });
    expect(() => loadGaussianNb({ ...good, family: 'knn' })).toThrow(/family knn/);
    expect(() => loadGaussianNb(with_({ priors: [0.5, 0.6] }))).toThrow(/priors/);
    expect(() => loadGaussianNb(with_({ var: [[1], [0]] }))).toThrow(/variance/);
    expect(() => loadGaussianNb(with_({ theta: [[1, 2], [3]] }))).toThrow(/theta\[0\]/);
    expect(() => loadGaussianNb(with_({ epsilon: null }))).toThrow(/epsilon/);
  });
});
