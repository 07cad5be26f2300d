import { Mt19937 } from '../label-model/mt19937';
import { Matrix } from './model';

/**
 * Turning a label model's output into a classifier training set, as pure functions over typed
 * arrays: drop rows the label model is unsure about, drop classes too rare to learn, cap the
 * imbalance between classes, split train/test per class, and scale features with statistics of
 * the training rows only (so nothing about the test rows leaks into training). Every random
 * choice comes from a seeded Mt19937, so a seed always gives the same set.
 */

export type ConfidenceMethod = 'max_confidence' | 'entropy';

/**
 * Keep mask (1 = keep) of the rows of an n × k probability matrix that are confident enough:
 * `max_confidence` keeps rows whose largest probability is ≥ threshold; `entropy` keeps rows whose
 * entropy divided by ln k (0 = certain, 1 = uniform) is ≤ threshold. Rows holding NaN are dropped.
 */
export function confidenceFilter(
  proba: Float64Array,
  n: number,
  k: number,
  method: ConfidenceMethod,
  threshold: number,
): Uint8Array {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error('confidenceFilter: k must be ≥ 2');
  if (proba.length !== n * k)
    throw new Error(`confidenceFilter: proba has ${proba.length} values, want n × k = ${n * k}`);
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`confidenceFilter: threshold must be in [0, 1], got ${threshold}`);
  if (method !== 'max_confidence' && method !== 'entropy')
    throw new Error(`confidenceFilter: unknown method ${String(method)}`);
  const keep = new Uint8Array(n);
  const lnK = Math.log(k);
  for (let i = 0; i < n; i++) {
    const row = proba.subarray(i * k, (i + 1) * k);
    let score: number;
    if (method === 'max_confidence') {
      score = -Infinity;
      for (const p of row) score = Number.isNaN(p) ? NaN : Math.max(score, p);
      keep[i] = score >= threshold ? 1 : 0;
    } else {
      score = 0;
      for (const p of row) if (!(p === 0)) score -= p * Math.log(p); // 0 ln 0 = 0
      keep[i] = score / lnK <= threshold ? 1 : 0;
    }
  }
  return keep;
}

export interface RareClasses {
  /** Rows per class (among the masked rows). */
  counts: number[];
  /** Classes with at least minPerClass rows. */
  kept: number[];
  /** Classes with some rows but fewer than minPerClass (worth a warning); absent ones are in neither. */
  dropped: number[];
  /** Row mask: in the input mask (if any) and of a kept class. */
  mask: Uint8Array;
}

/**
 * Which classes have at least `minPerClass` rows. Rows with a negative class (no label) and, when
 * `mask` is given, rows outside it are not counted and are 0 in the returned mask.
 */
export function dropRareClasses(
  y: Int32Array,
  k: number,
  minPerClass: number,
  mask?: Uint8Array,
): RareClasses {
  if (mask && mask.length !== y.length) throw new Error('dropRareClasses: mask length ≠ y length');
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    if (y[i] >= k) throw new Error(`dropRareClasses: y[${i}] = ${y[i]} is not below k = ${k}`);
    if (y[i] >= 0 && (!mask || mask[i])) counts[y[i]]++;
  }
  const kept = counts.flatMap((c, cls) => (c >= minPerClass && c > 0 ? [cls] : []));
  const dropped = counts.flatMap((c, cls) => (c > 0 && c < minPerClass ? [cls] : []));
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++)
    out[i] = y[i] >= 0 && (!mask || mask[i]) && counts[y[i]] >= minPerClass ? 1 : 0;
  return { counts, kept, dropped, mask: out };
}

/** Row indices of each class among the masked rows (ascending), classes 0..max. */
function byClass(y: Int32Array, rows: Iterable<number>): number[][] {
  const groups: number[][] = [];
  for (const i of rows) {
    const c = y[i];
    if (!(c >= 0)) throw new Error(`row ${i} has no class (y = ${c})`);
    while (groups.length <= c) groups.push([]);
    groups[c].push(i);
  }
  return groups;
}

/** Fisher–Yates shuffle of the first `take` positions (a uniform sample of that size). */
function shuffle(a: number[], take: number, rng: Mt19937): void {
  for (let i = 0; i < take; i++) {
    const j = i + rng.below(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/**
 * Sub-samples every class of the kept rows to at most ⌊factor × the smallest kept class's
 * count⌋ rows (factor ≥ 1; Infinity = no cap), uniformly at random from a seeded generator.
 */
export function capImbalance(
  y: Int32Array,
  keepMask: Uint8Array,
  factor: number,
  seed: number,
): Uint8Array {
  if (keepMask.length !== y.length) throw new Error('capImbalance: mask length ≠ y length');
  if (!(factor >= 1)) throw new Error(`capImbalance: factor must be ≥ 1, got ${factor}`);
  const kept = Array.from(keepMask.keys()).filter((i) => keepMask[i]);
  const groups = byClass(y, kept).filter((g) => g.length > 0);
  const out = new Uint8Array(y.length);
  if (groups.length === 0) return out;
  const cap = Math.floor(factor * Math.min(...groups.map((g) => g.length)));
  const rng = new Mt19937(seed);
  for (const g of groups) {
    const take = Math.min(cap, g.length);
    if (take < g.length) shuffle(g, take, rng);
    for (let z = 0; z < take; z++) out[g[z]] = 1;
  }
  return out;
}

/**
 * Splits `rowIdx` into train and test rows class by class: each class sends its share
 * (largest-remainder rounding of testSize × its rows, so the test part totals
 * round(testSize × rows)) to test, but a class with ≥ 2 rows keeps at least one row in each part
 * and a single-row class stays in train. Both parts are returned in ascending order.
 */
export function stratifiedSplit(
  y: Int32Array,
  rowIdx: Int32Array,
  testSize: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  if (!(testSize > 0 && testSize < 1))
    throw new Error(`stratifiedSplit: testSize must be in (0, 1), got ${testSize}`);
  const groups = byClass(y, rowIdx);
  const exact = groups.map((g) => testSize * g.length);
  const nTest = groups.map((_, c) => Math.floor(exact[c]));
  const total = Math.round(testSize * rowIdx.length);
  const order = groups
    .map((_, c) => c)
    .sort((a, b) => exact[b] - nTest[b] - (exact[a] - nTest[a]) || a - b);
  let missing = total - nTest.reduce((s, v) => s + v, 0);
  for (const c of order) if (missing-- > 0) nTest[c]++;
  const rng = new Mt19937(seed);
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((g, c) => {
    const t = g.length < 2 ? 0 : Math.min(Math.max(nTest[c], 1), g.length - 1);
    shuffle(g, g.length, rng);
    test.push(...g.slice(0, t));
    train.push(...g.slice(t));
  });
  const sorted = (a: number[]) => Int32Array.from(a).sort();
  return { train: sorted(train), test: sorted(test) };
}

export type ScalerKind = 'standard' | 'minmax' | 'none';

/** x' = (x − center) / scale per feature; plain JSON so it can be stored with the model. */
export interface Scaler {
  kind: ScalerKind;
  center: number[];
  scale: number[];
}

/**
 * Fits a feature scaler on the given (training) rows only: `standard` centres on the mean and
 * divides by the population standard deviation (scikit-learn's StandardScaler), `minmax` maps
 * [min, max] to [0, 1] (MinMaxScaler), `none` is the identity. A constant feature (scale within
 * rounding of 0) gets scale 1, so it becomes 0 instead of NaN.
 */
export function fitScaler(m: Matrix, rows: Int32Array, kind: ScalerKind): Scaler {
  const { x, n, d } = m;
  if (kind !== 'standard' && kind !== 'minmax' && kind !== 'none')
    throw new Error(`fitScaler: unknown kind ${String(kind)}`);
  if (rows.length === 0) throw new Error('fitScaler: no rows to fit on');
  const bad = rows.findIndex((r) => !(r >= 0 && r < n));
  if (bad >= 0) throw new Error(`fitScaler: row ${rows[bad]} is outside [0, ${n})`);
  const center = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  if (kind === 'none') return { kind, center, scale };
  for (let j = 0; j < d; j++) {
    let a: number;
    let b: number;
    if (kind === 'standard') {
      a = 0;
      for (const r of rows) a += x[r * d + j];
      a /= rows.length;
      b = 0;
      for (const r of rows) b += (x[r * d + j] - a) ** 2;
      b = Math.sqrt(b / rows.length);
    } else {
      a = Infinity;
      let max = -Infinity;
      for (const r of rows) {
        a = Math.min(a, x[r * d + j]);
        max = Math.max(max, x[r * d + j]);
      }
      b = max - a;
    }
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new Error(`fitScaler: feature ${j} has a non-finite value`);
    center[j] = a;
    scale[j] = b > 10 * Number.EPSILON * Math.max(1, Math.abs(a)) ? b : 1;
  }
  return { kind, center, scale };
}

/** A new matrix with every feature scaled; the input is left unchanged. */
export function applyScaler(s: Scaler, m: Matrix): Matrix {
  const { n, d } = m;
  if (s.center.length !== d || s.scale.length !== d)
    throw new Error(`applyScaler: scaler has ${s.center.length} features, matrix has ${d}`);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) x[i * d + j] = (m.x[i * d + j] - s.center[j]) / s.scale[j];
  return { x, n, d };
}
