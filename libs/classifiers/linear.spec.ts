import {
  fitLogisticRegression,
  fitSoftLogisticRegression,
  loadLogisticRegression,
  minimizeLbfgs,
} from './linear';
import { FitInput, ModelState } from './model';

const input = (rows: number[][], y: number[], k: number, soft?: number[][]): FitInput => ({
  x: Float64Array.from(rows.flat()),
  n: rows.length,
  d: rows[0].length,
  y: Int32Array.from(y),
  k,
  soft: soft && Float64Array.from(soft.flat()),
  seed: 0,
});

/** The L2-penalised multinomial objective written out independently of linear.ts. */
function objective(rows: number[][], targets: number[][], W: number[][], b: number[], C = 1) {
  let loss = 0;
  rows.forEach((x, i) => {
    const z = W.map((w, a) => b[a] + w.reduce((s, wj, j) => s + wj * x[j], 0));
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    targets[i].forEach((t, a) => (loss -= t * (z[a] - lse)));
  });
  return loss + W.flat().reduce((s, w) => s + w * w, 0) / (2 * C);
}

// scipy.optimize L-BFGS-B (gtol 1e-12) on the same objective gives 6.0024086048535334 and, for
// the query [0.3, −0.7], probabilities [0.2023353101, 0.7713772522, 0.0262874377]
const X3 = [
  [-2, 1],
  [-1, 0.5],
  [-0.5, -1],
  [0.5, 0],
  [1, 1.5],
  [2, -0.5],
  [0, 2],
  [1.5, 2.5],
  [-1.5, -2],
];
const Y3 = [0, 0, 1, 0, 1, 1, 2, 2, 1];

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const res = minimizeLbfgs(
      (p, g) => {
        const [a, b] = p;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { maxIter: 500, tol: 1e-10 },
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });
});

describe('logistic regression', () => {
  it('matches the SciPy optimum on a 3-class problem', () => {
    const model = fitLogisticRegression(input(X3, Y3, 3));
    const { coef, intercept } = model.toJSON().params as { coef: number[][]; intercept: number[] };
    const onehot = Y3.map((c) => [0, 1, 2].map((a) => (a === c ? 1 : 0)));
    expect(objective(X3, onehot, coef, intercept)).toBeCloseTo(6.0024086048535334, 8);
    const p = model.predictProba({ x: Float64Array.of(0.3, -0.7), n: 1, d: 2 });
    [0.2023353101, 0.7713772522, 0.0262874377].forEach((v, c) => expect(p[c]).toBeCloseTo(v, 6));
  });

  it('has a zero finite-difference gradient at its solution (1-D, overlapping classes)', () => {
    const rows = [[-2], [-1], [-0.5], [0.5], [1], [2], [0.2], [-0.3]];
    const y = [0, 0, 1, 0, 1, 1, 1, 0];
    const model = fitLogisticRegression(input(rows, y, 2));
    const { coef, intercept } = model.toJSON().params as { coef: number[][]; intercept: number[] };
    const t = y.map((c) => [1 - c, c]);
    const theta = [...coef.flat(), ...intercept];
    const unpack = (v: number[]) => objective(rows, t, [[v[0]], [v[1]]], [v[2], v[3]]);
    const f0 = unpack(theta);
    const h = 1e-6;
    theta.forEach((_, p) => {
      const up = theta.map((v, q) => (q === p ? v + h : v));
      const down = theta.map((v, q) => (q === p ? v - h : v));
      expect(Math.abs((unpack(up) - unpack(down)) / (2 * h))).toBeLessThan(1e-5);
      // and a real step in either direction makes the objective worse
      expect(unpack(theta.map((v, q) => (q === p ? v + 0.01 : v)))).toBeGreaterThan(f0);
      expect(unpack(theta.map((v, q) => (q === p ? v - 0.01 : v)))).toBeGreaterThan(f0);
    });
  });

  it('learns class frequencies when the feature carries no information', () => {
    const model = fitLogisticRegression(input([[0], [0], [0], [0]], [0, 0, 0, 1], 2));
    const p = model.predictProba({ x: Float64Array.of(0), n: 1, d: 1 });
    expect(p[0]).toBeCloseTo(0.75, 6);
    expect(p[1]).toBeCloseTo(0.25, 6);
  });

  it('gives probability exactly 0 to a class absent from y, without NaN', () => {
    const model = fitLogisticRegression(input([[-1], [-2], [1], [2]], [0, 0, 2, 2], 3));
    const p = model.predictProba({ x: Float64Array.of(-1.5, 0, 1.5), n: 3, d: 1 });
    for (let i = 0; i < 3; i++) {
      expect(p[i * 3 + 1]).toBe(0);
      expect(p[i * 3] + p[i * 3 + 2]).toBeCloseTo(1, 12);
    }
    expect(p[0]).toBeGreaterThan(0.5);
    expect(p[8]).toBeGreaterThan(0.5);
  });

  it('shrinks the weights as C decreases', () => {
    const norm = (C: number) =>
      (fitLogisticRegression(input(X3, Y3, 3), { C }).toJSON().params.coef as number[][])
        .flat()
        .reduce((s, w) => s + w * w, 0);
    expect(norm(0.01)).toBeLessThan(norm(1));
    expect(norm(1)).toBeLessThan(norm(100));
  });

  it('is deterministic and survives a JSON round trip', () => {
    const a = fitLogisticRegression(input(X3, Y3, 3));
    const b = fitLogisticRegression(input(X3, Y3, 3));
    const q = { x: Float64Array.from(X3.flat()), n: X3.length, d: 2 };
    expect(b.predictProba(q)).toEqual(a.predictProba(q));
    const loaded = loadLogisticRegression(JSON.parse(JSON.stringify(a.toJSON())));
    expect(loaded.family).toBe('logistic_regression');
    expect(loaded.predictProba(q)).toEqual(a.predictProba(q));
  });

  it('rejects malformed state with a clear error', () => {
    const good = fitLogisticRegression(input(X3, Y3, 3)).toJSON();
    const withParams = (p: Record<string, unknown>): ModelState => ({
      ...good,
      params: { ...good.params, ...p },
    });
    expect(() => loadLogisticRegression({ ...good, family: 'knn' })).toThrow(/family knn/);
    expect(() => loadLogisticRegression(withParams({ coef: [[1, 2]] }))).toThrow(/coef/);
    expect(() => loadLogisticRegression(withParams({ intercept: [0, 'a', 0] }))).toThrow(
      /intercept/,
    );
    expect(() => loadLogisticRegression(withParams({ classes: [0, 5, 1] }))).toThrow(/classes/);
    expect(() => loadLogisticRegression({ ...good, d: 3 })).toThrow(/coef\[0\]/);
  });
});

describe('soft-label logistic regression', () => {
  // each side of 0 is labelled 70/30 by the label model; the hard labels are its argmax
  const rows = [[-2], [-1.5], [-1], [-0.5], [0.5], [1], [1.5], [2]];
  const soft = rows.map(([v]) => (v < 0 ? [0.7, 0.3] : [0.3, 0.7]));
  const y = soft.map((p) => (p[0] > p[1] ? 0 : 1));
  const q = { x: Float64Array.of(-1.25, 1.25), n: 2, d: 1 };

  it('stays close to the uncertain targets where hard-label training is more extreme', () => {
    const pSoft = fitSoftLogisticRegression(input(rows, y, 2, soft)).predictProba(q);
    const pHard = fitLogisticRegression(input(rows, y, 2, soft)).predictProba(q);
    expect(pSoft[0]).toBeGreaterThan(0.6);
    expect(pSoft[0]).toBeLessThan(0.75);
    expect(pSoft[3]).toBeGreaterThan(0.6);
    expect(pSoft[3]).toBeLessThan(0.75);
    expect(pHard[0]).toBeGreaterThan(0.85);
    expect(pHard[3]).toBeGreaterThan(0.85);
  });

  it('learns the mean soft target when the feature carries no information', () => {
    const t = [
      [0.9, 0.1, 0],
      [0.5, 0.3, 0.2],
      [0.1, 0.5, 0.4],
    ];
    const model = fitSoftLogisticRegression(input([[0], [0], [0]], [0, 0, 1], 3, t));
    const p = model.predictProba({ x: Float64Array.of(0), n: 1, d: 1 });
    [0.5, 0.3, 0.2].forEach((v, c) => expect(p[c]).toBeCloseTo(v, 6));
  });

  it('requires soft targets and round-trips its own family', () => {
    expect(() => fitSoftLogisticRegression(input(rows, y, 2))).toThrow(/input.soft/);
    const model = fitSoftLogisticRegression(input(rows, y, 2, soft));
    const loaded = loadLogisticRegression(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.family).toBe('logistic_regression_soft');
    expect(loaded.predictProba(q)).toEqual(model.predictProba(q));
  });
});
