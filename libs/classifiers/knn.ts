import { Classifier, FitInput, Matrix, ModelState } from './model';

/**
 * k-nearest neighbours as scikit-learn's `KNeighborsClassifier()` default: Euclidean distance,
 * uniform weights, the probability of a class being its share of the k votes. Brute force, but
 * laid out for speed: squared distances as ‖b‖² − 2 a·b (‖a‖² is the same for every candidate of
 * a query, so it is left out, and no square root is taken), four queries per pass over a
 * training row so each loaded training value is used four times, and training rows visited in
 * cache-sized chunks shared by a block of queries. Ties between distances go to the lower training
 * index (rows are scanned in index order and only a strictly smaller distance displaces one).
 */

export interface KnnOptions {
  /** Number of neighbours (scikit-learn's default 5); capped at the number of training rows. */
  neighbors?: number;
}

/** A fitted kNN: it is its training set. */
export class KnnModel implements Classifier {
  readonly family = 'knn' as const;
  /** ‖row‖² of each training row. */
  private readonly norms: Float64Array;

  constructor(
    readonly k: number,
    readonly d: number,
    readonly neighbors: number,
    /** Training rows, n × d row-major. */
    readonly x: Float64Array,
    readonly y: Int32Array,
  ) {
    const n = y.length;
    this.norms = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[t * d + j] * x[t * d + j];
      this.norms[t] = s;
    }
  }

  /** Neighbours used per query: `neighbors`, or fewer when there are fewer training rows. */
  get effectiveNeighbors(): number {
    return Math.min(this.neighbors, this.y.length);
  }

  /**
   * Training-row indices of each query's nearest neighbours, m.n × effectiveNeighbors row-major,
   * nearest first (equal distances: lower index first).
   */
  kneighbors(m: Matrix): Int32Array {
    if (m.d !== this.d) throw new Error(`knn: expected ${this.d} features, got ${m.d}`);
    if (m.x.length !== m.n * m.d) throw new Error(`knn: x has ${m.x.length} values, want n × d`);
    return nearest(this.x, this.norms, this.d, m.x, m.n, this.effectiveNeighbors);
  }

  predictProba(m: Matrix): Float64Array {
    const { k } = this;
    const kk = this.effectiveNeighbors;
    const idx = this.kneighbors(m);
    const out = new Float64Array(m.n * k);
    for (let i = 0; i < m.n; i++)
      for (let z = 0; z < kk; z++) out[i * k + this.y[idx[i * kk + z]]] += 1 / kk;
    return out;
  }

  toJSON(): ModelState {
    return {
      family: this.family,
      k: this.k,
      d: this.d,
      params: {
        neighbors: this.neighbors,
        n: this.y.length,
        x: Array.from(this.x),
        y: Array.from(this.y),
      },
    };
  }
}

/** Queries per block sharing one pass over a training chunk, and training rows per chunk. */
const QUERY_BLOCK = 64;
const TRAIN_CHUNK = 1024;

/**
 * Puts candidate t at distance s into the sorted list at [base, base + kk) if it beats the
 * current worst (caller checked s < worst) and returns the new worst distance.
 */
function insert(bd: Float64Array, bi: Int32Array, base: number, kk: number, s: number, t: number) {
  let p = base + kk - 1;
  while (p > base && bd[p - 1] > s) {
    bd[p] = bd[p - 1];
    bi[p] = bi[p - 1];
    p--;
  }
  bd[p] = s;
  bi[p] = t;
  return bd[base + kk - 1];
}

/** The kk nearest training rows of each of the nq query rows (see KnnModel.kneighbors). */
function nearest(
  train: Float64Array,
  norms: Float64Array,
  d: number,
  q: Float64Array,
  nq: number,
  kk: number,
): Int32Array {
  const n = norms.length;
  const out = new Int32Array(nq * kk);
  // one sorted list per query slot; slots past the last query (padding a group to four) are
  // scratch, so a padded slot never writes into a real query's list
  const bd = new Float64Array((QUERY_BLOCK + 4) * kk);
  const bi = new Int32Array((QUERY_BLOCK + 4) * kk);
  for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
    const q1 = Math.min(nq, q0 + QUERY_BLOCK);
    bd.fill(Infinity);
    bi.fill(-1);
    for (let t0 = 0; t0 < n; t0 += TRAIN_CHUNK) {
      const t1 = Math.min(n, t0 + TRAIN_CHUNK);
      for (let g = q0; g < q1; g += 4) {
        const o0 = g * d;
        const o1 = Math.min(g + 1, q1 - 1) * d;
        const o2 = Math.min(g + 2, q1 - 1) * d;
        const o3 = Math.min(g + 3, q1 - 1) * d;
        const h0 = (g - q0) * kk;
        const h1 = h0 + kk;
        const h2 = h1 + kk;
        const h3 = h2 + kk;
        let w0 = bd[h0 + kk - 1];
        let w1 = bd[h1 + kk - 1];
        let w2 = bd[h2 + kk - 1];
        let w3 = bd[h3 + kk - 1];
        let t = t0;
        for (; t + 1 < t1; t += 2) {
          // two training rows against four queries: eight independent sums
          const ta = t * d;
          const tb = ta + d;
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          let b0 = 0;
          let b1 = 0;
          let b2 = 0;
          let b3 = 0;
          for (let j = 0; j < d; j++) {
            const u = train[ta + j];
            const v = train[tb + j];
            const x0 = q[o0 + j];
            const x1 = q[o1 + j];
            const x2 = q[o2 + j];
            const x3 = q[o3 + j];
            a0 += x0 * u;
            a1 += x1 * u;
            a2 += x2 * u;
            a3 += x3 * u;
            b0 += x0 * v;
            b1 += x1 * v;
            b2 += x2 * v;
            b3 += x3 * v;
          }
          const na = norms[t];
          const nb = norms[t + 1];
          a0 = na - 2 * a0;
          a1 = na - 2 * a1;
          a2 = na - 2 * a2;
          a3 = na - 2 * a3;
          b0 = nb - 2 * b0;
          b1 = nb - 2 * b1;
          b2 = nb - 2 * b2;
          b3 = nb - 2 * b3;
          // row t before row t + 1, so an equal distance keeps the lower index first
          if (a0 < w0) w0 = insert(bd, bi, h0, kk, a0, t);
          if (b0 < w0) w0 = insert(bd, bi, h0, kk, b0, t + 1);
          if (a1 < w1) w1 = insert(bd, bi, h1, kk, a1, t);
          if (b1 < w1) w1 = insert(bd, bi, h1, kk, b1, t + 1);
          if (a2 < w2) w2 = insert(bd, bi, h2, kk, a2, t);
          if (b2 < w2) w2 = insert(bd, bi, h2, kk, b2, t + 1);
          if (a3 < w3) w3 = insert(bd, bi, h3, kk, a3, t);
          if (b3 < w3) w3 = insert(bd, bi, h3, kk, b3, t + 1);
        }
        if (t < t1) {
          const to = t * d;
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          for (let j = 0; j < d; j++) {
            const u = train[to + j];
            a0 += q[o0 + j] * u;
            a1 += q[o1 + j] * u;
            a2 += q[o2 + j] * u;
            a3 += q[o3 + j] * u;
          }
          const na = norms[t];
          if (na - 2 * a0 < w0) insert(bd, bi, h0, kk, na - 2 * a0, t);
          if (na - 2 * a1 < w1) insert(bd, bi, h1, kk, na - 2 * a1, t);
          if (na - 2 * a2 < w2) insert(bd, bi, h2, kk, na - 2 * a2, t);
          if (na - 2 * a3 < w3) insert(bd, bi, h3, kk, na - 2 * a3, t);
        }
      }
    }
    out.set(bi.subarray(0, (q1 - q0) * kk), q0 * kk);
  }
  return out;
}

/** Stores the training set (copied) with its labels. */
export function fitKnn(input: FitInput, opts: KnnOptions = {}): KnnModel {
  const { x, n, d, y, k } = input;
  const neighbors = opts.neighbors ?? 5;
  if (!(Number.isInteger(neighbors) && neighbors >= 1))
    throw new Error(`knn: neighbors must be an integer ≥ 1, got ${neighbors}`);
  if (!(Number.isInteger(k) && k >= 2)) throw new Error('knn: k must be an integer ≥ 2');
  if (!(n >= 1 && d >= 1 && x.length === n * d && y.length === n))
    throw new Error('knn: need n ≥ 1, d ≥ 1, x of n × d and y of n values');
  const bad = y.findIndex((c) => !(c >= 0 && c < k));
  if (bad >= 0) throw new Error(`knn: y[${bad}] = ${y[bad]} is not a class in [0, ${k})`);
  const nan = x.findIndex((v) => !Number.isFinite(v));
  if (nan >= 0) throw new Error(`knn: x[${nan}] is not finite`);
  return new KnnModel(k, d, neighbors, Float64Array.from(x), Int32Array.from(y));
}

/** Loads `toJSON()` output; throws on malformed state. */
export function loadKnn(state: ModelState): KnnModel {
  const fail = (why: string): never => {
    throw new Error(`invalid knn state: ${why}`);
  };
  if (typeof state !== 'object' || state === null) fail('not an object');
  const { family, k, d, params } = state;
  if (family !== 'knn') fail(`family ${String(family)}`);
  if (!(Number.isInteger(k) && k >= 2)) fail('k must be an integer ≥ 2');
  if (!(Number.isInteger(d) && d >= 1)) fail('d must be an integer ≥ 1');
  if (typeof params !== 'object' || params === null) fail('params missing');
  const { neighbors, n, x, y } = params;
  if (!(Number.isInteger(neighbors) && (neighbors as number) >= 1))
    fail('neighbors must be an integer ≥ 1');
  if (!(Number.isInteger(n) && (n as number) >= 1)) fail('n must be an integer ≥ 1');
  const rows = n as number;
  if (!Array.isArray(x) || x.length !== rows * d) fail(`x must be an array of n × d numbers`);
  if (!(x as unknown[]).every((v) => typeof v === 'number' && Number.isFinite(v)))
    fail('x holds a non-finite or non-number value');
  if (!Array.isArray(y) || y.length !== rows) fail('y must be an array of n labels');
  if (
    !(y as unknown[]).every((c) => Number.isInteger(c) && (c as number) >= 0 && (c as number) < k)
  )
    fail(`y holds a value that is not a class in [0, ${k})`);
  return new KnnModel(
    k,
    d,
    neighbors as number,
    Float64Array.from(x as number[]),
    Int32Array.from(y as number[]),
  );
}
