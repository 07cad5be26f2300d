/**
 * Quantile binning of the features, the step that makes tree building fast: every feature value
 * is replaced by a small bin code (0..254), so the best split of a node is found by scanning a
 * histogram of at most 255 bins instead of sorting the node's rows.
 *
 * The edges are raw feature values: bin b of feature j holds the values x with
 * `edges[j][b - 1] < x <= edges[j][b]` (the last bin has no upper edge). A split "bin <= b goes
 * left" is therefore the raw test `x <= edges[j][b]`, which is what a stored tree keeps, so a
 * loaded model predicts on raw rows without binning them.
 */

import type { Matrix } from '../model';

/** The most bins a feature can have (codes fit a Uint8Array). */
export const MAX_BINS = 255;

/** A matrix's features as bin codes, column-major: code of row i, feature j at `codes[j * n + i]`. */
export interface BinnedMatrix {
  codes: Uint8Array;
  n: number;
  d: number;
  /** Number of bins of each feature (edges[j].length + 1). */
  nBins: Int32Array;
  /** Upper edges of each feature's bins, strictly increasing. */
  edges: Float64Array[];
}

/**
 * The bin edges of each feature, from the training rows (deterministic). A feature with at most
 * `maxBins` distinct values gets one bin per value; otherwise cuts are placed at the
 * 1/maxBins quantiles, moved to the next change of value so a repeated value never straddles two
 * bins (a heavy value may take several quantiles' worth of rows, leaving fewer bins). A constant
 * feature gets no edge (one bin). Edges are midpoints between consecutive distinct values, as in
 * scikit-learn, so an unseen value between them goes to the nearer side.
 */
export function computeBinEdges(m: Matrix, maxBins = MAX_BINS): Float64Array[] {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS)
    throw new RangeError(`maxBins must be an integer in [2, ${MAX_BINS}]: ${maxBins}`);
  const { x, n, d } = m;
  const col = new Float64Array(n);
  const edges: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = x[i * d + j];
    col.sort();
    let distinct = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) if (col[i] !== col[i - 1]) distinct++;
    const cuts: number[] = [];
    if (distinct <= maxBins) {
      for (let i = 1; i < n; i++)
        if (col[i] !== col[i - 1]) cuts.push(midpoint(col[i - 1], col[i]));
    } else {
      for (let b = 1; b < maxBins; b++) {
        const below = col[Math.max(0, Math.floor((n * b) / maxBins) - 1)];
        const next = firstAbove(col, below);
        if (next >= n) break;
        const cut = midpoint(below, col[next]);
        if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
      }
    }
    edges.push(Float64Array.from(cuts));
  }
  return edges;
}

/** Maps every value of `m` to its bin under `edges` (the edges of the training rows). */
export function binMatrix(m: Matrix, edges: Float64Array[]): BinnedMatrix {
  const { x, n, d } = m;
  if (edges.length !== d)
    throw new Error(`bin edges for ${edges.length} features, matrix has ${d}`);
  const codes = new Uint8Array(n * d);
  const nBins = new Int32Array(d);
  for (let j = 0; j < d; j++) {
    const e = edges[j];
    if (e.length >= MAX_BINS) throw new Error(`feature ${j} has more than ${MAX_BINS} bins`);
    nBins[j] = e.length + 1;
    const out = j * n;
    for (let i = 0; i < n; i++) codes[out + i] = binOf(e, x[i * d + j]);
  }
  return { codes, n, d, nBins, edges };
}

/** The first bin b with `v <= edges[b]`, or edges.length when v is above every edge. */
export function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first element of sorted `col` greater than v (col.length if none). */
function firstAbove(col: Float64Array, v: number): number {
  let lo = 0;
  let hi = col.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A cut between a < b that keeps a on the left: the midpoint, or a when rounding reaches b. */
function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return mid < b && Number.isFinite(mid) ? mid : a;
}
