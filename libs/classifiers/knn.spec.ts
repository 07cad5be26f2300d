import { fitKnn, loadKnn } from './knn';
import { Mt19937 } from '../label-model/mt19937';
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

describe('knn', () => {
  const train = input([[0], [1], [2], [10], [11]], [0, 0, 0, 1, 1]);

  it('finds the known neighbours and votes', () => {
    const model = fitKnn(train, { neighbors: 3 });
    // 1.4 → 1 (0.4), 2 (0.6), 0 (1.4); 9 → 10 (1), 11 (2), 2 (7)
    expect(Array.from(model.kneighbors(matrix([[1.4], [9]])))).toEqual([1, 2, 0, 3, 4, 2]);
    const p = model.predictProba(matrix([[1.4], [9]]));
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
    expect(p[2]).toBeCloseTo(1 / 3, 15);
    expect(p[3]).toBeCloseTo(2 / 3, 15);
  });

  it('defaults to 5 neighbours and caps them at the training size', () => {
    const p5 = fitKnn(train).predictProba(matrix([[0]]));
    expect(p5[0]).toBeCloseTo(3 / 5, 15);
    const capped = fitKnn(input([[0], [5]], [0, 1]), { neighbors: 10 });
    expect(capped.effectiveNeighbors).toBe(2);
    expect(Array.from(capped.predictProba(matrix([[4]])))).toEqual([0.5, 0.5]);
  });

  it('breaks distance ties by the lower training index', () => {
    const ring = [
      [0, -1],
      [2, 0],
      [1, 0],
      [0, 1],
      [-1, 0],
    ];
    const model = fitKnn(input(ring, [0, 1, 1, 0, 1]), { neighbors: 3 });
    // rows 0, 2, 3, 4 are all at distance 1 from the origin
    expect(Array.from(model.kneighbors(matrix([[0, 0]])))).toEqual([0, 2, 3]);
    const dup = fitKnn(input([[3], [1], [1], [1]], [0, 1, 0, 1]), { neighbors: 2 });
    expect(Array.from(dup.kneighbors(matrix([[1]])))).toEqual([1, 2]);
  });

  it('agrees with a naive sort on tie-heavy data across blocks and chunks', () => {
    const rng = new Mt19937(7);
    const d = 3;
    const rows = (n: number) =>
      Array.from({ length: n }, () => Array.from({ length: d }, () => rng.below(4)));
    const trainRows = rows(2051);
    const queries = rows(133);
    const y = trainRows.map(() => rng.below(3));
    const model = fitKnn(input(trainRows, y, 3), { neighbors: 7 });
    const got = model.kneighbors(matrix(queries));
    queries.forEach((qr, a) => {
      const order = trainRows
        .map((r, t) => ({ t, s: r.reduce((s, v, j) => s + (v - qr[j]) ** 2, 0) }))
        .sort((u, v) => u.s - v.s || u.t - v.t)
        .slice(0, 7)
        .map((e) => e.t);
      expect(Array.from(got.subarray(a * 7, a * 7 + 7))).toEqual(order);
    });
  });

  it('is deterministic and survives a JSON round trip', () => {
    const model = fitKnn(train, { neighbors: 3 });
    const q = matrix([[0.5], [6], [10.4]]);
    const loaded = loadKnn(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.predictProba(q)).toEqual(model.predictProba(q));
    expect(fitKnn(train, { neighbors: 3 }).predictProba(q)).toEqual(model.predictProba(q));
  });

  it('rejects bad input and malformed state with a clear error', () => {
    expect(() => fitKnn(input([[0], [1]], [0, 2]))).toThrow(/y\[1\] = 2/);
    expect(() => fitKnn(train, { neighbors: 0 })).toThrow(/neighbors/);
    const good = fitKnn(train).toJSON();
    expect(() => loadKnn({ ...good, family: 'gaussian_nb' })).toThrow(/family/);
    expect(() => loadKnn({ ...good, params: { ...good.params, x: [1, 2] } })).toThrow(/x must/);
    expect(() => loadKnn({ ...good, params: { ...good.params, y: [0, 0, 0, 1, 7] } })).toThrow(
      /y holds/,
    );
    expect(() => loadKnn({ ...good, params: { ...good.params, neighbors: -1 } })).toThrow(
      /neighbors/,
    );
    expect(() => fitKnn(train).predictProba(matrix([[1, 2]]))).toThrow(/expected 1 features/);
  });
});
