/**
 * The row-level kernels of the tree builder (tree-builder.ts): filling a node's full
 * histogram, partitioning its rows by a split, and sorting the keys of a small node. Plain
 * functions over typed arrays, so they stay monomorphic and cheap in the hot loops.
 */

/** Row statistics: a class per row (gini) or a gradient and hessian per row (newton). */
export type RowStats =
  { kind: 'gini'; y: Int32Array } | { kind: 'newton'; grad: Float64Array; hess: Float64Array };

/** Where a full histogram keeps each feature's bins, and the row-major codes it is filled from. */
export interface HistogramLayout {
  /** Codes, row-major: row r, feature j at r × d + j. */
  rowCodes: Uint8Array;
  d: number;
  /** Statistics per bin: the row count, then the class counts (gini) or G and H (newton). */
  S: number;
  /** Bin b of feature j occupies h[base[j] + b × S .. + S). */
  base: Int32Array;
}

/**
 * The histogram of rows[start, end) over every feature into `h` (zeroed first), reading each
 * row's codes and statistics once for all features.
 */
export function fillFullHistogram(
  h: Float64Array,
  layout: HistogramLayout,
  rows: Int32Array,
  start: number,
  end: number,
  stats: RowStats,
): void {
  const { rowCodes, d, S, base } = layout;
  h.fill(0);
  if (stats.kind === 'gini') {
    const y = stats.y;
    for (let p = start; p < end; p++) {
      const r = rows[p];
      const rb = r * d;
      const cls = 1 + y[r];
      for (let j = 0; j < d; j++) {
        const o = base[j] + rowCodes[rb + j] * S;
        h[o]++;
        h[o + cls]++;
      }
    }
    return;
  }
  const { grad, hess } = stats;
  for (let p = start; p < end; p++) {
    const r = rows[p];
    const rb = r * d;
    const g = grad[r];
    const hh = hess[r];
    for (let j = 0; j < d; j++) {
      const o = base[j] + rowCodes[rb + j] * S;
      h[o]++;
      h[o + 1] += g;
      h[o + 2] += hh;
    }
  }
}

/**
 * Stable in-place partition of rows[start, end) by `code[r] <= b` (code = one feature's column
 * of codes, read at `col + r`); returns the index of the first right row. Keeping the order
 * keeps rows ascending, so later passes read the codes in memory order.
 */
export function partitionRows(
  rows: Int32Array,
  start: number,
  end: number,
  codes: Uint8Array,
  col: number,
  b: number,
  scratch: Int32Array,
): number {
  let w = start;
  let s = 0;
  for (let p = start; p < end; p++) {
    const r = rows[p];
    if (codes[col + r] <= b) rows[w++] = r;
    else scratch[s++] = r;
  }
  rows.set(scratch.subarray(0, s), w);
  return w;
}

/**
 * Gain of a split whose left side has statistics `a` and the node `t` (layout as one histogram
 * bin): gini, Σ_c L_c²/n_L + Σ_c R_c²/n_R − parent; newton, G_L²/(H_L+λ) + G_R²/(H_R+λ) −
 * parent. −Infinity when a side has fewer than minLeaf rows or (newton) less than minHess
 * hessian.
 */
export function splitGain(
  kind: 'gini' | 'newton',
  a: Float64Array,
  t: Float64Array,
  parentScore: number,
  minLeaf: number,
  lambda: number,
  minHess: number,
): number {
  const nL = a[0];
  const nR = t[0] - nL;
  if (nL < minLeaf || nR < minLeaf) return -Infinity;
  if (kind === 'gini') {
    let sl = 0;
    let sr = 0;
    for (let c = 1; c < a.length; c++) {
      const l = a[c];
      const r = t[c] - l;
      sl += l * l;
      sr += r * r;
    }
    return sl / nL + sr / nR - parentScore;
  }
  const gl = a[1];
  const hl = a[2];
  const gr = t[1] - gl;
  const hr = t[2] - hl;
  if (hl < minHess || hr < minHess) return -Infinity;
  return (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
}

/** Keys of this many or fewer are sorted by insertion, without a call into the runtime. */
const INSERTION_MAX = 64;

/** Sorts keys[0, m) ascending. */
export function sortKeys(keys: Int32Array, m: number): void {
  if (m > INSERTION_MAX) {
    keys.subarray(0, m).sort();
    return;
  }
  for (let p = 1; p < m; p++) {
    const key = keys[p];
    let q = p - 1;
    while (q >= 0 && keys[q] > key) keys[q + 1] = keys[q--];
    keys[q + 1] = key;
  }
}

/** Column-major codes (feature j, row i at j × n + i) transposed to row-major. */
export function toRowMajor(codes: Uint8Array, n: number, d: number): Uint8Array {
  const out = new Uint8Array(n * d);
  for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) out[i * d + j] = codes[j * n + i];
  return out;
}
