import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ABSTAIN,
  expectedAccuracy,
  generateLabelMatrix,
  groupRows,
  LabelMatrix,
  labelCoverage,
  labelMatrix,
  LabelModel,
  lfSummary,
  MajorityLabelVoter,
  maxAssignment,
  Mt19937,
  probsToPreds,
} from '.';

const accuracy = (pred: Int8Array, gold: readonly number[]) =>
  pred.reduce((a, p, i) => a + (p === gold[i] ? 1 : 0), 0) / gold.length;

function wrench(split: 'train' | 'valid' | 'test'): { L: LabelMatrix; y: number[] } {
  const file = path.join(__dirname, 'fixtures', 'wrench-youtube', `${split}.csv`);
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  return {
    L: labelMatrix(
      rows.map((r) => r.slice(0, 10)),
      2,
    ),
    y: rows.map((r) => r[10]),
  };
}

describe('Mt19937', () => {
  it('draws what NumPy draws after np.random.seed(s)', () => {
    // np.random.seed(123); np.random.random(), np.random.random(); np.random.seed(0); ...
    const r = new Mt19937(123);
    expect(r.random()).toBe(0.6964691855978616);
    expect(r.random()).toBe(0.28613933495037946);
    expect(new Mt19937(0).random()).toBe(0.5488135039273248);
  });
  it('refuses seeds outside [0, 2^32)', () => {
    expect(() => new Mt19937(-1)).toThrow(RangeError);
    expect(() => new Mt19937(2 ** 53)).toThrow(RangeError);
    expect(() => new Mt19937(0.5)).toThrow(RangeError);
  });
});

describe('maxAssignment', () => {
  it('finds the best permutation (checked against all of them)', () => {
    const rng = new Mt19937(5);
    const perms = (k: number): number[][] =>
      k === 1
        ? [[0]]
        : perms(k - 1).flatMap((p) =>
            Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]),
          );
    for (let trial = 0; trial < 50; trial++) {
      const k = 2 + (trial % 5);
      const score = Array.from({ length: k }, () => Array.from({ length: k }, () => rng.random()));
      const total = (a: number[]) => a.reduce((s, c, r) => s + score[r][c], 0);
      const best = Math.max(...perms(k).map(total));
      const got = maxAssignment(score);
      expect(new Set(got).size).toBe(k);
      expect(total(got)).toBeCloseTo(best, 12);
    }
  });
});

describe('groupRows', () => {
  it('counts every distinct row once, and maps each row to its group', () => {
    const g = generateLabelMatrix({ n: 5000, m: 4, k: 3, seed: 3 });
    const groups = groupRows(g.L);
    const key = (i: number) => Array.from(g.L.data.subarray(i * 4, i * 4 + 4)).join(',');
    const naive = new Map<string, number>();
    for (let i = 0; i < g.L.n; i++) naive.set(key(i), (naive.get(key(i)) ?? 0) + 1);
    expect(groups.size).toBe(naive.size);
    for (let gi = 0; gi < groups.size; gi++)
      expect(groups.count[gi]).toBe(naive.get(key(groups.first[gi])));
    for (let i = 0; i < g.L.n; i++) expect(key(groups.first[groups.groupOf[i]])).toBe(key(i));
  });
});

describe('LabelModel', () => {
  it("matches Snorkel's loss fixture (loss_mu 0.675, loss_l2(1.0) 0.03)", () => {
    // snorkel test_label_model.py: L = [[0,-1,0],[0,1,-1]], mu = mu_init + 0.05
    const L = labelMatrix(
      [
        [0, -1, 0],
        [0, 1, -1],
      ],
      2,
    );
    const { muInit } = LabelModel.loss(L, 2, new Float64Array(12));
    const loss = LabelModel.loss(
      L,
      2,
      muInit.map((x) => x + 0.05),
      { l2: 1 },
    );
    expect(loss.mu).toBeCloseTo(0.675, 3);
    expect(loss.l2).toBeCloseTo(0.03, 10);
  });

  it.each([2, 3])(
    'recovers the LF accuracies of its own generative model (k = %i, ± 0.03)',
    (k) => {
      const s = generateLabelMatrix({ n: 20_000, m: 10, k, seed: 7 });
      const model = new LabelModel(k).fit(s.L, { epochs: 100, seed: 1 });
      const weights = model.weights();
      weights.forEach((w, j) => expect(Math.abs(w - s.accuracy[j])).toBeLessThanOrEqual(0.03));
      // and it beats the majority vote on the generating labels
      const y = Array.from(s.Y);
      const lm = expectedAccuracy(model.predictProba(s.L), k, y);
      const mv = expectedAccuracy(new MajorityLabelVoter(k).predictProba(s.L), k, y);
      expect(lm).toBeGreaterThan(mv + 0.01);
    },
  );

  it('labels a matrix whose class names are swapped the same way (symmetry broken)', () => {
    const s = generateLabelMatrix({ n: 5000, m: 6, k: 2, seed: 11 });
    const model = new LabelModel(2).fit(s.L, { epochs: 100, seed: 4 });
    expect(accuracy(model.predict(s.L, 'random'), Array.from(s.Y))).toBeGreaterThan(0.8);
  });

  it('gives probabilities that sum to 1 and the same answer for repeated rows', () => {
    const s = generateLabelMatrix({ n: 2000, m: 5, k: 4, seed: 2 });
    const model = new LabelModel(4).fit(s.L, { seed: 9 });
    const probs = model.predictProba(s.L);
    for (let i = 0; i < s.L.n; i++) {
      const row = probs.subarray(i * 4, i * 4 + 4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    const again = LabelModel.from(JSON.parse(JSON.stringify(model.fitted))).predictProba(s.L);
    expect(Array.from(again)).toEqual(Array.from(probs));
  });

  it('is deterministic for a seed', () => {
    const s = generateLabelMatrix({ n: 3000, m: 5, k: 3, seed: 6 });
    const a = new LabelModel(3).fit(s.L, { seed: 42 }).fitted.mu;
    const b = new LabelModel(3).fit(s.L, { seed: 42 }).fitted.mu;
    expect(a).toEqual(b);
  });

  it('takes the class balance given, or from gold labels', () => {
    const s = generateLabelMatrix({ n: 1000, m: 4, k: 2, seed: 8 });
    expect(new LabelModel(2).fit(s.L, { classBalance: [0.3, 0.7] }).fitted.classBalance).toEqual([
      0.3, 0.7,
    ]);
    const gold = [0, 0, 0, 1, ABSTAIN];
    expect(new LabelModel(2).fit(s.L, { gold }).fitted.classBalance).toEqual([0.75, 0.25]);
  });

  it('refuses what it cannot fit, with a RangeError that says why', () => {
    const two = labelMatrix([[0, 1]], 2);
    expect(() => new LabelModel(2).fit(two)).toThrow(/at least 3 labeling functions/);
    expect(() => labelMatrix([[0, 2, -1]], 2)).toThrow(/vote 2 of row 0, LF 1/);
    expect(() => new LabelModel(1)).toThrow(RangeError);
    const L = labelMatrix([[0, 1, 0]], 2);
    expect(() => new LabelModel(2).fit(L, { lr: NaN })).toThrow(/lr/);
    expect(() => new LabelModel(2).fit(L, { epochs: 2 ** 53 })).toThrow(/epochs/);
    expect(() => new LabelModel(2).fit(L, { classBalance: [1, 0] })).toThrow(/class balance/);
    expect(() => new LabelModel(2).fit(L, { gold: [5] })).toThrow(/gold label 5/);
    expect(() => new LabelModel(2).predictProba(L)).toThrow(/not fitted/);
  });

  it('stops between epochs when aborted', () => {
    const s = generateLabelMatrix({ n: 100, m: 3, k: 2, seed: 1 });
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    expect(() => new LabelModel(2).fit(s.L, { signal: ac.signal })).toThrow('stop');
  });
});

describe('ties', () => {
  it('abstains, or draws per row from the seed (same seed, same labels)', () => {
    const probs = Float64Array.from([0.5, 0.5, 0.9, 0.1, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(probsToPreds(probs, 2, 'abstain'))).toEqual([-1, 0, -1, -1]);
    const draws = Array.from({ length: 64 }, (_, s) =>
      Array.from(probsToPreds(probs, 2, 'random', s)),
    );
    expect(draws.every((d) => d[1] === 0 && d.every((c) => c === 0 || c === 1))).toBe(true);
    expect(probsToPreds(probs, 2, 'random', 7)).toEqual(probsToPreds(probs, 2, 'random', 7));
    // tied rows are spread, not all sent to one class
    expect(new Set(draws.flatMap((d) => [d[0], d[2], d[3]])).size).toBe(2);
  });
});

describe('lfSummary', () => {
  it('computes polarity, coverage, overlaps, conflicts and accuracy by hand', () => {
    const L = labelMatrix(
      [
        [0, 0, -1],
        [1, 0, -1],
        [-1, -1, 1],
        [1, -1, 1],
      ],
      2,
    );
    const s = lfSummary(L, 2, { gold: [0, 1, 1, ABSTAIN], weights: [0.9, 0.8, 0.7] });
    expect(s[0]).toEqual({
      polarity: [0, 1],
      coverage: 0.75,
      overlaps: 0.75,
      conflicts: 0.25,
      correct: 2,
      incorrect: 0,
      empirical_accuracy: 1,
      learned_weight: 0.9,
    });
    expect(s[1]).toMatchObject({ polarity: [0], coverage: 0.5, overlaps: 0.5, conflicts: 0.25 });
    expect(s[1]).toMatchObject({ correct: 1, incorrect: 1, empirical_accuracy: 0.5 });
    expect(s[2]).toMatchObject({ polarity: [1], coverage: 0.5, overlaps: 0.25, conflicts: 0 });
    expect(s[2]).toMatchObject({ correct: 1, incorrect: 0 });
  });
});

describe('WRENCH YouTube (real LF outputs; Snorkel spam tutorial figures)', () => {
  const train = wrench('train');
  const test = wrench('test');

  it('has the coverage and overlap the dataset README gives (0.877, 0.492)', () => {
    const c = labelCoverage(train.L);
    expect(c.coverage).toBeCloseTo(0.877, 3);
    expect(c.overlap).toBeCloseTo(0.492, 3);
  });

  it('majority vote: 182 of the 206 decided test rows right; 84.0 % is one draw of its 44 ties', () => {
    const mv = new MajorityLabelVoter(2);
    const decided = mv.predict(test.L, 'abstain');
    const right = decided.filter((p, i) => p !== ABSTAIN && p === test.y[i]).length;
    expect(right).toBe(182);
    expect(decided.filter((p) => p === ABSTAIN).length).toBe(44);
    // random ties: 81.6 % expected (182 + 44 / 2 of 250); the tutorial's 84.0 % lies in the spread
    expect(expectedAccuracy(mv.predictProba(test.L), 2, test.y)).toBeCloseTo(0.816, 3);
    const draws = Array.from({ length: 200 }, (_, s) =>
      accuracy(mv.predict(test.L, 'random', s), test.y),
    );
    expect(Math.min(...draws)).toBeLessThanOrEqual(0.84);
    expect(Math.max(...draws)).toBeGreaterThanOrEqual(0.84);
  });

  it('label model, 500 epochs, seed 123: ≥ 86.0 % on test, above majority vote', () => {
    const model = new LabelModel(2).fit(train.L, { epochs: 500, seed: 123 });
    const probs = model.predictProba(test.L);
    expect(accuracy(model.predict(test.L, 'random', 123), test.y)).toBeGreaterThanOrEqual(0.86);
    // with its 18 all-abstain (uniform) rows counted in expectation, too
    const lm = expectedAccuracy(probs, 2, test.y);
    expect(lm).toBeGreaterThanOrEqual(0.86);
    expect(lm).toBeGreaterThan(
      expectedAccuracy(new MajorityLabelVoter(2).predictProba(test.L), 2, test.y),
    );
  });
});
