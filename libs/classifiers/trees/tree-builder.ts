import type { Mt19937 } from '../../label-model/mt19937';
import type { BinnedMatrix } from './binning';
import { TreeRecorder } from './flat-tree';
import type { FlatTree } from './flat-tree';
import { fillFullHistogram, partitionRows, sortKeys, splitGain, toRowMajor } from './histogram';
import type { HistogramLayout, RowStats } from './histogram';

/**
 * Histogram-based CART, shared by the decision tree, the random forest and gradient boosting.
 * Rows are bin codes (see binning.ts); a node's best split is found by accumulating per-bin
 * statistics of its rows and scanning the bins left to right, so a node costs O(rows × features
 * + bins × features) instead of a sort per feature. Two criteria:
 * - `gini` (classification): statistics are class counts, the leaf is the class distribution;
 * - `newton` (boosting): statistics are gradient and hessian sums, the gain is
 *   G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) and the leaf is the Newton step −G/(H+λ) × scale.
 * When every node examines every feature, a child's histogram is its parent's minus its
 * sibling's (only the smaller child is accumulated). Nodes with few rows skip histograms and sort
 * their (bin, row) pairs instead, which is cheaper than scanning 255 mostly empty bins.
 */

/** What a tree is fitted to: per-row classes, or per-row gradients and hessians. */
export type TreeTarget =
  | { kind: 'gini'; y: Int32Array; k: number }
  | { kind: 'newton'; grad: Float64Array; hess: Float64Array; lambda: number; scale: number };

export interface TreeLimits {
  maxDepth: number;
  minSamplesLeaf: number;
  /** Features drawn per node (d = all of them, in order, with histogram subtraction). */
  maxFeatures: number;
  /** Newton trees: smallest hessian sum allowed in a child. */
  minChildHessian?: number;
}

/** A child with at least this many rows in the larger side keeps a full histogram. */
const HIST_MIN_ROWS = 256;
/** A node sorts its rows instead of filling a histogram when rows × this < the feature's bins. */
const SORT_FACTOR = 4;
/** Row positions packed below the bin code in the sort keys. */
const POS_BITS = 20;
const POS_MASK = (1 << POS_BITS) - 1;

/** Builds trees over one binned matrix, reusing its buffers from tree to tree. */
export class TreeBuilder {
  private readonly S: number;
  private readonly subtraction: boolean;
  private readonly offsets: Int32Array;
  private readonly layout: HistogramLayout;
  private readonly histSize: number;
  private readonly pool: Float64Array[] = [];
  private readonly featHist: Float64Array;
  private scratch: Int32Array;
  private readonly keys: Int32Array;
  private readonly totals: Float64Array;
  private readonly acc: Float64Array;
  private readonly perm: Int32Array;
  private readonly minHess: number;
  // state of the tree being built
  private rows: Int32Array = new Int32Array(0);
  private stats: RowStats = { kind: 'gini', y: new Int32Array(0) };
  private y: Int32Array = new Int32Array(0);
  private grad: Float64Array = new Float64Array(0);
  private hess: Float64Array = new Float64Array(0);
  private lambda = 0;
  private scale = 1;
  private rng: Mt19937 | null = null;
  private leafOfRow: Int32Array | null = null;
  private parentScore = 0;
  private bestFeature = -1;
  private bestBin = -1;
  private bestGain = 0;
  private tree = new TreeRecorder(1);

  constructor(
    private readonly data: BinnedMatrix,
    private readonly kind: 'gini' | 'newton',
    private readonly k: number,
    private readonly limits: TreeLimits,
  ) {
    const { d, n, nBins } = data;
    if (!(limits.maxFeatures >= 1 && limits.maxFeatures <= d))
      throw new RangeError(`maxFeatures must be in 1..${d}: ${limits.maxFeatures}`);
    this.S = kind === 'gini' ? 1 + k : 3;
    this.subtraction = limits.maxFeatures === d;
    this.offsets = new Int32Array(d);
    let bins = 0;
    for (let j = 0; j < d; j++) {
      this.offsets[j] = bins;
      bins += nBins[j];
    }
    this.histSize = bins * this.S;
    this.layout = {
      rowCodes: this.subtraction ? toRowMajor(data.codes, n, d) : new Uint8Array(0),
      d,
      S: this.S,
      base: this.offsets.map((o) => o * this.S),
    };
    this.featHist = new Float64Array(256 * this.S);
    this.scratch = new Int32Array(n);
    this.keys = new Int32Array(256);
    this.totals = new Float64Array(this.S);
    this.acc = new Float64Array(this.S);
    this.perm = Int32Array.from({ length: d }, (_, j) => j);
    this.minHess = limits.minChildHessian ?? 1e-3;
  }

  /**
   * Fits one tree on `rows` (row indices, repeats allowed; reordered in place). `rng` draws the
   * features of each node when maxFeatures < d. `leafOfRow`, if given, receives the leaf index
   * of every row in `rows` (boosting uses it to update its scores without walking the tree).
   */
  build(
    target: TreeTarget,
    rows: Int32Array,
    rng: Mt19937 | null,
    leafOfRow?: Int32Array,
  ): FlatTree {
    if (!this.subtraction && rng === null) throw new Error('feature sampling needs an rng');
    if (target.kind !== this.kind) throw new Error(`builder is for ${this.kind} trees`);
    this.stats = target;
    if (target.kind === 'gini') this.y = target.y;
    else {
      this.grad = target.grad;
      this.hess = target.hess;
      this.lambda = target.lambda;
      this.scale = target.scale;
    }
    this.rows = rows;
    if (this.scratch.length < rows.length) this.scratch = new Int32Array(rows.length);
    this.rng = rng;
    this.leafOfRow = leafOfRow ?? null;
    this.tree = new TreeRecorder(this.kind === 'gini' ? this.k : 1);
    let rootHist: Float64Array | null = null;
    if (this.subtraction && rows.length > 0) {
      rootHist = this.acquire();
      this.fillHist(0, rows.length, rootHist);
    }
    this.grow(0, rows.length, 0, rootHist);
    return this.tree.finish();
  }

  /** Grows the node holding rows[start, end); `hist` is its full histogram, if kept. */
  private grow(start: number, end: number, depth: number, hist: Float64Array | null): number {
    const node = this.tree.addNode();
    const m = end - start;
    const pure = this.computeTotals(start, end);
    const { maxDepth, minSamplesLeaf } = this.limits;
    if (pure || depth >= maxDepth || m < 2 * minSamplesLeaf || !this.findSplit(start, end, hist)) {
      if (hist) this.pool.push(hist);
      this.makeLeaf(node, start, end);
      return node;
    }
    const f = this.bestFeature;
    const b = this.bestBin;
    const { codes, n } = this.data;
    const mid = partitionRows(this.rows, start, end, codes, f * n, b, this.scratch);
    let leftHist: Float64Array | null = null;
    let rightHist: Float64Array | null = null;
    if (hist) {
      if (Math.max(mid - start, end - mid) >= HIST_MIN_ROWS) {
        const small = this.acquire();
        const leftSmaller = mid - start <= end - mid;
        this.fillHist(leftSmaller ? start : mid, leftSmaller ? mid : end, small);
        for (let i = 0; i < this.histSize; i++) hist[i] -= small[i];
        leftHist = leftSmaller ? small : hist;
        rightHist = leftSmaller ? hist : small;
      } else this.pool.push(hist);
    }
    const left = this.grow(start, mid, depth + 1, leftHist);
    const right = this.grow(mid, end, depth + 1, rightHist);
    this.tree.split(node, f, this.data.edges[f][b], left, right);
    return node;
  }

  /** Sums the node's statistics into `totals`, sets its score; true if it is pure (gini). */
  private computeTotals(start: number, end: number): boolean {
    const t = this.totals;
    const m = end - start;
    t.fill(0);
    for (let p = start; p < end; p++) this.addRow(t, this.rows[p]);
    if (this.kind === 'newton') {
      this.parentScore = (t[1] * t[1]) / (t[2] + this.lambda);
      return false;
    }
    let score = 0;
    let pure = false;
    for (let c = 1; c < this.S; c++) {
      score += t[c] * t[c];
      if (t[c] === m) pure = true;
    }
    this.parentScore = m > 0 ? score / m : 0;
    return pure;
  }

  /** Finds the best split of the node into bestFeature/bestBin; false if there is none. */
  private findSplit(start: number, end: number, hist: Float64Array | null): boolean {
    const { d } = this.data;
    const mtry = this.limits.maxFeatures;
    this.bestFeature = -1;
    this.bestBin = -1;
    this.bestGain = this.kind === 'gini' ? -1e-9 : 1e-12;
    let examined = 0;
    for (let i = 0; i < d && examined < mtry; i++) {
      let j = i;
      if (mtry < d && this.rng) {
        const r = i + this.rng.below(d - i);
        j = this.perm[r];
        this.perm[r] = this.perm[i];
        this.perm[i] = j;
      }
      if (this.evaluateFeature(j, start, end, hist)) examined++;
    }
    return this.bestFeature >= 0;
  }

  /** Considers every split of feature j; false if j is constant in the node (not counted). */
  private evaluateFeature(j: number, start: number, end: number, hist: Float64Array | null) {
    const nb = this.data.nBins[j];
    if (nb < 2) return false;
    const m = end - start;
    if (hist) return this.scanHist(hist, this.offsets[j] * this.S, nb, j, m);
    if (m * SORT_FACTOR < nb) return this.scanSorted(j, start, end);
    const h = this.featHist;
    const S = this.S;
    const codes = this.data.codes;
    const col = j * this.data.n;
    for (let p = start; p < end; p++) {
      const r = this.rows[p];
      this.addRowAt(h, codes[col + r] * S, r);
    }
    const varied = this.scanHist(h, 0, nb, j, m);
    h.fill(0, 0, nb * S);
    return varied;
  }

  /** Scans the bins of feature j in `h` (from `base`), considering a split after each. */
  private scanHist(h: Float64Array, base: number, nb: number, j: number, m: number): boolean {
    const S = this.S;
    const a = this.acc;
    a.fill(0);
    for (let b = 0; b < nb; b++) {
      const o = base + b * S;
      const c = h[o];
      if (c === 0) continue;
      if (c === m) return false;
      for (let s = 0; s < S; s++) a[s] += h[o + s];
      if (m - a[0] < this.limits.minSamplesLeaf) break;
      this.consider(j, b);
    }
    return true;
  }

  /** Split search for a small node: sorts its (bin, position) keys and scans them in order. */
  private scanSorted(j: number, start: number, end: number): boolean {
    const m = end - start;
    const codes = this.data.codes;
    const col = j * this.data.n;
    const keys = this.keys;
    for (let p = 0; p < m; p++) keys[p] = (codes[col + this.rows[start + p]] << POS_BITS) | p;
    sortKeys(keys, m);
    if (keys[0] >>> POS_BITS === keys[m - 1] >>> POS_BITS) return false;
    const a = this.acc;
    a.fill(0);
    for (let q = 0; q < m - 1; q++) {
      this.addRow(a, this.rows[start + (keys[q] & POS_MASK)]);
      const bin = keys[q] >>> POS_BITS;
      if (keys[q + 1] >>> POS_BITS !== bin) this.consider(j, bin);
    }
    return true;
  }

  /** Scores the split "bin <= b goes left" with the left statistics in `acc`. */
  private consider(j: number, b: number): void {
    const { minSamplesLeaf } = this.limits;
    const gain = splitGain(
      this.kind,
      this.acc,
      this.totals,
      this.parentScore,
      minSamplesLeaf,
      this.lambda,
      this.minHess,
    );
    if (gain > this.bestGain) {
      this.bestGain = gain;
      this.bestFeature = j;
      this.bestBin = b;
    }
  }

  /** Adds row r's statistics to `h[o .. o + S)`. */
  private addRowAt(h: Float64Array, o: number, r: number): void {
    h[o]++;
    if (this.kind === 'gini') h[o + 1 + this.y[r]]++;
    else {
      h[o + 1] += this.grad[r];
      h[o + 2] += this.hess[r];
    }
  }

  private addRow(h: Float64Array, r: number): void {
    this.addRowAt(h, 0, r);
  }

  /** The full histogram of rows[start, end) into h. */
  private fillHist(start: number, end: number, h: Float64Array): void {
    fillFullHistogram(h, this.layout, this.rows, start, end, this.stats);
  }

  /** Makes `node` a leaf valued from `totals`; records its rows' leaf for the caller. */
  private makeLeaf(node: number, start: number, end: number): void {
    const t = this.totals;
    const m = end - start;
    const leafValue = this.acc; // free once the split search is over
    if (this.kind === 'gini')
      for (let c = 0; c < this.k; c++) leafValue[c] = m > 0 ? t[1 + c] / m : 1 / this.k;
    else leafValue[0] = t[2] + this.lambda > 0 ? (-this.scale * t[1]) / (t[2] + this.lambda) : 0;
    const leaf = this.tree.setLeaf(node, leafValue);
    if (this.leafOfRow) for (let p = start; p < end; p++) this.leafOfRow[this.rows[p]] = leaf;
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histSize);
  }
}
