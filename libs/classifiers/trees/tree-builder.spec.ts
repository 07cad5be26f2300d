import { Mt19937 } from '../../label-model/mt19937';
import { binMatrix, computeBinEdges } from './binning';
import { leafCount, leafOf, meanLeafDistribution, treeDepth } from './flat-tree';
import { TreeBuilder } from './tree-builder';
import type { TreeLimits, TreeTarget } from './tree-builder';

/** n rows of d integer features in 0..levels-1 (so binning is exact), classes from a noisy rule. */
function integerData(n: number, d: number, levels: number, seed: number) {
  const rng = new Mt19937(seed);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = rng.below(levels);
    const s = x[i * d] + 0.5 * x[i * d + 1] - 0.8 * x[i * d + 2];
    y[i] = rng.random() < 0.2 ? rng.below(3) : s > levels * 0.6 ? 2 : s > levels * 0.1 ? 1 : 0;
  }
  // gradients tied to the class plus noise, so Newton splits follow the features too
  const grad = Float64Array.from(y, (c) => c - 1 + rng.random() * 2 - 1);
  const hess = Float64Array.from({ length: n }, () => 0.05 + rng.random() * 0.2);
  return { m: { x, n, d }, y, grad, hess };
}

/**
 * Exhaustive greedy CART on raw values (the definition the histogram builder must reproduce):
 * every threshold of every feature, first best on ties. Returns each row's leaf values.
 */
function referenceTree(
  x: Float64Array,
  d: number,
  target: TreeTarget,
  limits: TreeLimits,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const k = target.kind === 'gini' ? target.k : 0;
  const stats = (rows: number[]) => {
    const t = new Array<number>(target.kind === 'gini' ? k : 2).fill(0);
    for (const r of rows)
      if (target.kind === 'gini') t[target.y[r]]++;
      else {
        t[0] += target.grad[r];
        t[1] += target.hess[r];
      }
    return t;
  };
  const lam = target.kind === 'newton' ? target.lambda : 0;
  const score = (t: number[], m: number) =>
    target.kind === 'gini' ? t.reduce((s, c) => s + c * c, 0) / m : (t[0] * t[0]) / (t[1] + lam);
  const grow = (rows: number[], depth: number) => {
    const m = rows.length;
    const t = stats(rows);
    const leaf = () => {
      const v =
        target.kind === 'gini' ? t.map((c) => c / m) : [(-target.scale * t[0]) / (t[1] + lam)];
      for (const r of rows) out.set(r, v);
    };
    const pure = target.kind === 'gini' && t.some((c) => c === m);
    if (pure || depth >= limits.maxDepth || m < 2 * limits.minSamplesLeaf) return leaf();
    let best = { gain: target.kind === 'gini' ? -1e-9 : 1e-12, f: -1, v: 0 };
    const parent = score(t, m);
    for (let f = 0; f < d; f++) {
      const values = [...new Set(rows.map((r) => x[r * d + f]))].sort((a, b) => a - b);
      for (const v of values.slice(0, -1)) {
        const left = rows.filter((r) => x[r * d + f] <= v);
        const nL = left.length;
        const nR = m - nL;
        if (nL < limits.minSamplesLeaf || nR < limits.minSamplesLeaf) continue;
        const l = stats(left);
        const r = t.map((c, i) => c - l[i]);
        if (target.kind === 'newton' && (l[1] < 1e-3 || r[1] < 1e-3)) continue;
        const gain = score(l, nL) + score(r, nR) - parent;
        if (gain > best.gain) best = { gain, f, v };
      }
    }
    if (best.f < 0) return leaf();
    grow(
      rows.filter((r) => x[r * d + best.f] <= best.v),
      depth + 1,
    );
    grow(
      rows.filter((r) => x[r * d + best.f] > best.v),
      depth + 1,
    );
  };
  grow(
    Array.from({ length: x.length / d }, (_, i) => i),
    0,
  );
  return out;
}

describe('TreeBuilder', () => {
  const n = 1500;
  const d = 5;
  const data = integerData(n, d, 30, 11);
  const binned = binMatrix(data.m, computeBinEdges(data.m));
  const allRows = () => Int32Array.from({ length: n }, (_, i) => i);

  // 30 levels: mostly histogram scans; 200 levels: small nodes take the sorted path
  it.each([
    [30, 8, 3],
    [200, 12, 1],
  ])('grows the same gini tree as exhaustive CART (%i levels)', (levels, maxDepth, minLeaf) => {
    const ex = levels === 30 ? data : integerData(n, d, levels, 12);
    const limits = { maxDepth, minSamplesLeaf: minLeaf, maxFeatures: d };
    const target: TreeTarget = { kind: 'gini', y: ex.y, k: 3 };
    const bins = binMatrix(ex.m, computeBinEdges(ex.m));
    const tree = new TreeBuilder(bins, 'gini', 3, limits).build(target, allRows(), null);
    const ref = referenceTree(ex.m.x, d, target, limits);
    const proba = meanLeafDistribution([tree], 3, ex.m.x, n, d);
    let differ = 0;
    for (let i = 0; i < n; i++)
      if (proba.subarray(i * 3, i * 3 + 3).some((p, c) => p !== ref.get(i)![c])) differ++;
    expect(differ).toBe(0);
    expect(leafCount(tree)).toBeGreaterThan(20);
  });

  it('grows the same Newton tree as exhaustive search, with leaves −scale·G/(H+λ)', () => {
    const limits = { maxDepth: 5, minSamplesLeaf: 10, maxFeatures: d };
    const target: TreeTarget = { kind: 'newton', ...data, lambda: 1, scale: 0.1 };
    const leafOfRow = new Int32Array(n);
    const builder = new TreeBuilder(binned, 'newton', 3, limits);
    const tree = builder.build(target, allRows(), null, leafOfRow);
    const ref = referenceTree(data.m.x, d, target, limits);
    for (let i = 0; i < n; i++) expect(tree.value[leafOfRow[i]]).toBeCloseTo(ref.get(i)![0], 12);
    expect(leafCount(tree)).toBeGreaterThan(8);
  });

  it('routes every training row by raw thresholds to the leaf it was binned into', () => {
    const rng = new Mt19937(2);
    const rows = Int32Array.from({ length: n }, () => rng.below(n)).sort(); // with repeats
    const leafOfRow = new Int32Array(n).fill(-1);
    const limits = { maxDepth: 20, minSamplesLeaf: 1, maxFeatures: 2 };
    const builder = new TreeBuilder(binned, 'gini', 3, limits);
    const tree = builder.build({ kind: 'gini', y: data.y, k: 3 }, rows, rng, leafOfRow);
    for (const r of rows) expect(leafOf(tree, data.m.x, r * d)).toBe(leafOfRow[r]);
  });

  it('honours maxDepth and minSamplesLeaf', () => {
    const leafOfRow = new Int32Array(n);
    const limits = { maxDepth: 4, minSamplesLeaf: 40, maxFeatures: d };
    const builder = new TreeBuilder(binned, 'gini', 3, limits);
    const tree = builder.build({ kind: 'gini', y: data.y, k: 3 }, allRows(), null, leafOfRow);
    expect(treeDepth(tree)).toBe(4);
    const counts = new Array<number>(leafCount(tree)).fill(0);
    for (const l of leafOfRow) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(40);
  });

  it('samples features per node from the rng, deterministically', () => {
    const limits = { maxDepth: 6, minSamplesLeaf: 1, maxFeatures: 1 };
    const fit = (seed: number) =>
      new TreeBuilder(binned, 'gini', 3, limits).build(
        { kind: 'gini', y: data.y, k: 3 },
        allRows(),
        new Mt19937(seed),
      );
    expect(fit(1)).toEqual(fit(1));
    expect(fit(1).feature).not.toEqual(fit(2).feature);
    expect(new Set(fit(1).feature).size).toBeGreaterThan(3); // several features, not only x0
  });

  it('keeps drawing features past constant ones, as scikit-learn does', () => {
    // x1..x4 are the indicator x0 > 14.5: constant in both children of a split on it, where
    // a node drawing one feature must go on drawing until it reaches x0
    const x = new Float64Array(n * d);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = data.m.x[i * d];
      x.fill(v > 14.5 ? 1 : 0, i * d + 1, i * d + d);
      x[i * d] = v;
      y[i] = i % 10 === 0 ? (i / 10) % 3 : v < 10 ? 0 : v < 20 ? 1 : 2;
    }
    const bins = binMatrix({ x, n, d }, computeBinEdges({ x, n, d }));
    const limits = { maxDepth: 3, minSamplesLeaf: 1, maxFeatures: 1 };
    for (let seed = 1; seed <= 5; seed++) {
      const tree = new TreeBuilder(bins, 'gini', 3, limits).build(
        { kind: 'gini', y, k: 3 },
        allRows(),
        new Mt19937(seed),
      );
      expect(leafCount(tree)).toBe(8);
    }
  });

  it('needs an rng to sample features', () => {
    const builder = new TreeBuilder(binned, 'gini', 3, {
      maxDepth: 3,
      minSamplesLeaf: 1,
      maxFeatures: 2,
    });
    expect(() => builder.build({ kind: 'gini', y: data.y, k: 3 }, allRows(), null)).toThrow(/rng/);
  });
});
