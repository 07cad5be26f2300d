import type { Classifier, FitInput, ModelState } from '../model';
import {
  fitDecisionTree,
  fitGradientBoosting,
  fitRandomForest,
  loadDecisionTree,
  loadGradientBoosting,
  loadRandomForest,
} from './index';
import { accuracy, quadrants } from './synthetic';

type Fit = (input: FitInput) => Classifier;
type Load = (state: ModelState) => Classifier;

const families: [string, Fit, Load, number][] = [
  ['decision_tree', (i) => fitDecisionTree(i), loadDecisionTree, 0.9],
  ['random_forest', (i) => fitRandomForest(i, { nTrees: 40 }), loadRandomForest, 0.97],
  ['gradient_boosting', (i) => fitGradientBoosting(i, { rounds: 40 }), loadGradientBoosting, 0.97],
];

/** A state through JSON text, as it would come back from storage or an upload. */
const roundTrip = (m: Classifier): ModelState => JSON.parse(JSON.stringify(m.toJSON()));

interface JsonTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
}

/** Rows of the JSON tree `tree` reached by each training row, counted per node. */
function leafSizes(tree: JsonTree, input: FitInput) {
  const sizes = new Map<number, number>();
  for (let i = 0; i < input.n; i++) {
    let node = 0;
    while (tree.feature[node] >= 0)
      node =
        input.x[i * input.d + tree.feature[node]] <= tree.threshold[node]
          ? tree.left[node]
          : tree.right[node];
    sizes.set(node, (sizes.get(node) ?? 0) + 1);
  }
  return [...sizes.values()];
}

describe.each(families)('%s', (family, fit, load, minAccuracy) => {
  const train = quadrants(2000, 6, 1, 0.1); // 10% label noise
  const test = quadrants(1000, 6, 2);
  const model = fit(train);
  const proba = model.predictProba(test);

  it('learns the XOR-and-slab boundary, far above a constant predictor', () => {
    const counts = [0, 0, 0];
    for (const c of test.y) counts[c]++;
    const constant = Math.max(...counts) / test.n;
    expect(constant).toBeLessThan(0.45);
    expect(accuracy(proba, test.y, 3)).toBeGreaterThan(minAccuracy);
    expect(model.family).toBe(family);
    expect([model.k, model.d]).toEqual([3, 6]);
  });

  it('returns probability rows that sum to 1', () => {
    expect(proba.length).toBe(test.n * 3);
    for (let i = 0; i < test.n; i++) {
      const row = proba.subarray(i * 3, i * 3 + 3);
      expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
    }
  });

  it('is deterministic for a seed', () => {
    expect(fit(train).predictProba(test)).toEqual(proba);
  });

  it('predicts identically after a JSON round trip', () => {
    const state = roundTrip(model);
    const loaded = load(state);
    expect(loaded.predictProba(test)).toEqual(proba);
    expect(loaded.toJSON()).toEqual(state);
    expect(state.family).toBe(family);
  });

  it('predicts identically after a round trip on rows lying exactly on thresholds', () => {
    const state = roundTrip(model);
    const params = state.params as { tree?: JsonTree; trees?: JsonTree[] };
    const tree = params.tree ?? params.trees![0];
    const cuts = tree.threshold.filter((_, i) => tree.feature[i] >= 0);
    const x = new Float64Array(cuts.length * 6);
    cuts.forEach((t, r) => x.fill(t, r * 6, r * 6 + 6));
    const onCuts = { x, n: cuts.length, d: 6 };
    expect(cuts.length).toBeGreaterThan(3);
    expect(load(state).predictProba(onCuts)).toEqual(model.predictProba(onCuts));
  });

  it('handles a class absent from y (k = 3, classes 0 and 1 only)', () => {
    const y = train.y.map((c) => (c === 2 ? 1 : c));
    const m = fit({ ...train, y });
    const p = m.predictProba(test);
    for (let i = 0; i < test.n; i++) {
      expect(p[i * 3 + 2]).toBeLessThan(1e-9);
      expect(p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2]).toBeCloseTo(1, 12);
    }
    expect(load(roundTrip(m)).predictProba(test)).toEqual(p);
  });

  it('predicts the class shares when every feature is constant', () => {
    const input = { ...train, x: new Float64Array(train.n * train.d).fill(2.5) };
    const p = fit(input).predictProba(test);
    const shares = [0, 1, 2].map((c) => train.y.filter((v) => v === c).length / train.n);
    const tolerance = family === 'random_forest' ? 0.02 : 1e-9; // bootstrap shares vary
    let worst = 0;
    for (let i = 0; i < test.n; i++)
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(p[i * 3 + c] - shares[c]));
    expect(worst).toBeLessThan(tolerance);
  });

  it('ignores constant features next to informative ones', () => {
    const d = 10; // features 3..9 constant
    const widen = (m: FitInput) => {
      const x = new Float64Array(m.n * d).fill(-1);
      for (let i = 0; i < m.n; i++) for (let j = 0; j < 3; j++) x[i * d + j] = m.x[i * m.d + j];
      return { ...m, x, d };
    };
    const wideTest = widen(test);
    expect(accuracy(fit(widen(train)).predictProba(wideTest), test.y, 3)).toBeGreaterThan(
      minAccuracy,
    );
  });

  it('rejects a matrix with the wrong number of features', () => {
    expect(() => model.predictProba({ x: new Float64Array(10), n: 2, d: 5 })).toThrow(/features/);
  });

  it('rejects bad training input', () => {
    expect(() => fit({ ...train, y: train.y.map((c) => (c === 2 ? 3 : c)) })).toThrow(/class/);
    const x = train.x.slice();
    x[7] = NaN;
    expect(() => fit({ ...train, x })).toThrow(/finite/);
  });

  describe('loading malformed state', () => {
    const good = roundTrip(model);
    const params = good.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const firstTree = () => structuredClone(params.tree ?? params.trees[0]);
    const editTree = (edit: (t: Record<string, number[]>) => void) => {
      const tree = firstTree();
      edit(tree);
      return withTree(tree);
    };
    const withTree = (tree: unknown): ModelState =>
      params.tree
        ? { ...good, params: { ...params, tree } }
        : { ...good, params: { ...params, trees: [tree, ...params.trees.slice(1)] } };
    const cases: [string, () => ModelState][] = [
      ['another family', () => ({ ...good, family: 'knn' })],
      ['a non-integer k', () => ({ ...good, k: 2.5 })],
      ['missing params', () => ({ ...good, params: undefined as never })],
      ['missing bin edges', () => ({ ...good, params: { ...params, binEdges: undefined } })],
      ['a feature out of range', () => editTree((t) => (t.feature = t.feature.map(() => 6)))],
      [
        'a child pointing back (a cycle)',
        () => editTree((t) => (t.left = t.left.map((l, i) => (t.feature[i] >= 0 ? 0 : l)))),
      ],
      ['arrays of different lengths', () => withTree({ ...firstTree(), threshold: [1] })],
      [
        'a null threshold',
        () => withTree({ ...firstTree(), threshold: firstTree().threshold.map(() => null) }),
      ],
      ['a leaf index out of range', () => withTree({ ...firstTree(), value: [] })],
      ['a tree that is not an object', () => withTree('tree')],
    ];
    it.each(cases)('rejects %s with an Error', (_what, make) => {
      expect(() => load(make())).toThrow(Error);
    });
  });
});

describe('family specifics', () => {
  const train = quadrants(1500, 6, 3, 0.1);

  it('random forest: a different seed grows a different forest', () => {
    const a = fitRandomForest({ ...train, seed: 1 }, { nTrees: 5 });
    const b = fitRandomForest({ ...train, seed: 2 }, { nTrees: 5 });
    expect(a.predictProba(train)).not.toEqual(b.predictProba(train));
  });

  it('decision tree honours minSamplesLeaf and maxDepth', () => {
    const state = fitDecisionTree(train, { minSamplesLeaf: 30, maxDepth: 30 }).toJSON();
    const sizes = leafSizes(state.params.tree as never, train);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(30);
    expect(sizes.length).toBeGreaterThan(10);
    const shallow = fitDecisionTree(train, { maxDepth: 2 }).toJSON();
    expect(leafSizes(shallow.params.tree as never, train).length).toBeLessThanOrEqual(4);
  });

  it('gradient boosting honours minSamplesLeaf in every tree and starts from log priors', () => {
    const state = fitGradientBoosting(train, { rounds: 5, minSamplesLeaf: 50 }).toJSON();
    const trees = state.params.trees as never[];
    expect(trees.length).toBe(15);
    for (const t of trees) expect(Math.min(...leafSizes(t, train))).toBeGreaterThanOrEqual(50);
    const init = state.params.init as number[];
    for (let c = 0; c < 3; c++) {
      const share = train.y.filter((v) => v === c).length / train.n;
      expect(init[c]).toBeCloseTo(Math.log(share), 12);
    }
  });

  it('gradient boosting: each round fits what the previous rounds left (log loss falls)', () => {
    const heldOut = quadrants(1000, 6, 4, 0.1);
    const logLoss = (rounds: number, m: FitInput) => {
      const p = fitGradientBoosting(train, { rounds }).predictProba(m);
      let sum = 0;
      for (let i = 0; i < m.n; i++) sum -= Math.log(p[i * 3 + m.y[i]]);
      return sum / m.n;
    };
    const losses = [1, 5, 20, 40].map((r) => logLoss(r, train));
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    expect(logLoss(40, heldOut)).toBeLessThan(0.45);
  });

  it('random forest: leaves must be distributions, boosting: trees a multiple of k', () => {
    const rf = JSON.parse(JSON.stringify(fitRandomForest(train, { nTrees: 2 }).toJSON()));
    rf.params.trees[1].value[0] = 5;
    expect(() => loadRandomForest(rf)).toThrow(/sums|probability/);
    const gb = JSON.parse(JSON.stringify(fitGradientBoosting(train, { rounds: 2 }).toJSON()));
    gb.params.trees.pop();
    expect(() => loadGradientBoosting(gb)).toThrow(/rounds × 3/);
    gb.params.trees = [];
    gb.params.init = [0, 0];
    expect(() => loadGradientBoosting(gb)).toThrow(/init/);
  });
});
