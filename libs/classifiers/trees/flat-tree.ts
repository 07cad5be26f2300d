/**
 * A trained tree as flat arrays (one entry per node) and its JSON form, shared by the three tree
 * families. Node 0 is the root. An internal node sends a row left when
 * `x[feature] <= threshold`; a leaf has `feature = -1` and `left` = its leaf index, whose values
 * are `value[leaf * width .. leaf * width + width)` (a class distribution for classification
 * trees, one score for boosting trees). Children always have larger indices than their parent,
 * which the loader checks, so walking a loaded tree always ends at a leaf.
 */

/** A tree in memory: typed arrays, one entry per node (value: one row per leaf). */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** The JSON form of a tree: the same arrays as plain number arrays. */
export interface FlatTreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Collects a tree's nodes while it is grown (any order with children after parents). */
export class TreeRecorder {
  private feature: number[] = [];
  private threshold: number[] = [];
  private left: number[] = [];
  private right: number[] = [];
  private value: number[] = [];

  constructor(private readonly width: number) {}

  /** Appends a node, a leaf until `split` is called, and returns its index. */
  addNode(): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    return this.feature.length - 1;
  }

  /** Makes `node` an internal node sending `x[feature] <= threshold` to `left`. */
  split(node: number, feature: number, threshold: number, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.left[node] = left;
    this.right[node] = right;
  }

  /** Gives leaf `node` its values (from `values[from .. from + width)`); returns its leaf index. */
  setLeaf(node: number, values: ArrayLike<number>, from = 0): number {
    const leaf = this.value.length / this.width;
    for (let c = 0; c < this.width; c++) this.value.push(values[from + c]);
    this.left[node] = leaf;
    return leaf;
  }

  finish(): FlatTree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
    };
  }
}

/** Index of the leaf that row `x[offset .. offset + d)` reaches. */
export function leafOf(tree: FlatTree, x: Float64Array, offset: number): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    node = x[offset + f] <= threshold[node] ? left[node] : right[node];
    f = feature[node];
  }
  return left[node];
}

/** Number of leaves of a tree. */
export function leafCount(tree: FlatTree): number {
  let leaves = 0;
  for (let i = 0; i < tree.feature.length; i++) if (tree.feature[i] < 0) leaves++;
  return leaves;
}

/** Depth of the deepest leaf (0 for a single-leaf tree). */
export function treeDepth(tree: FlatTree): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let i = 0; i < tree.feature.length; i++) {
    if (tree.feature[i] < 0) continue;
    depth[tree.left[i]] = depth[tree.right[i]] = depth[i] + 1;
    max = Math.max(max, depth[i] + 1);
  }
  return max;
}

export function treeToJSON(tree: FlatTree): FlatTreeJSON {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: Array.from(tree.value),
  };
}

/**
 * A tree from its JSON form, checked so that prediction cannot misbehave on uploaded state:
 * equal-length node arrays, features in [0, d), finite thresholds, children after their parent
 * and inside the tree, every leaf index in range, `width` finite values per leaf. With
 * `distribution`, each leaf must also be a probability distribution. `where` names the tree in
 * error messages.
 */
export function treeFromJSON(
  raw: unknown,
  d: number,
  width: number,
  distribution: boolean,
  where: string,
): FlatTree {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${where}: expected an object`);
  const obj = raw as Record<string, unknown>;
  const feature = numberArray(obj.feature, `${where}.feature`);
  const n = feature.length;
  if (n === 0) throw new Error(`${where}: a tree needs at least one node`);
  const threshold = numberArray(obj.threshold, `${where}.threshold`, n);
  const left = numberArray(obj.left, `${where}.left`, n);
  const right = numberArray(obj.right, `${where}.right`, n);
  const value = numberArray(obj.value, `${where}.value`);
  if (value.length % width !== 0)
    throw new Error(`${where}.value: length ${value.length} is not a multiple of ${width}`);
  const leaves = value.length / width;
  for (let i = 0; i < n; i++) {
    const f = feature[i];
    if (!Number.isInteger(f) || f < -1 || f >= d)
      throw new Error(`${where}: node ${i} has feature ${f}, expected -1 or 0..${d - 1}`);
    if (f < 0) {
      if (!Number.isInteger(left[i]) || left[i] < 0 || left[i] >= leaves)
        throw new Error(`${where}: leaf node ${i} has leaf index ${left[i]} of ${leaves}`);
      continue;
    }
    for (const child of [left[i], right[i]])
      if (!Number.isInteger(child) || child <= i || child >= n)
        throw new Error(`${where}: node ${i} has child ${child}, expected ${i + 1}..${n - 1}`);
  }
  if (distribution)
    for (let l = 0; l < leaves; l++) {
      let sum = 0;
      for (let c = 0; c < width; c++) {
        const p = value[l * width + c];
        if (p < 0) throw new Error(`${where}: leaf ${l} has a negative probability`);
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-6) throw new Error(`${where}: leaf ${l} sums to ${sum}, not 1`);
    }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** An array of finite numbers (of the given length, if any), or an Error naming `where`. */
export function numberArray(raw: unknown, where: string, length?: number): number[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected an array of numbers`);
  if (length !== undefined && raw.length !== length)
    throw new Error(`${where}: expected ${length} entries, got ${raw.length}`);
  for (let i = 0; i < raw.length; i++)
    if (typeof raw[i] !== 'number' || !Number.isFinite(raw[i]))
      throw new Error(`${where}[${i}]: expected a finite number`);
  return raw as number[];
}

/**
 * n × k probabilities: the mean over `trees` of the class distribution at the leaf each row
 * reaches (a decision tree is the one-tree case).
 */
export function meanLeafDistribution(
  trees: FlatTree[],
  k: number,
  x: Float64Array,
  n: number,
  d: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const w = 1 / trees.length;
  for (const tree of trees) {
    const value = tree.value;
    for (let i = 0; i < n; i++) {
      const v = leafOf(tree, x, i * d) * k;
      const o = i * k;
      for (let c = 0; c < k; c++) out[o + c] += value[v + c];
    }
  }
  if (trees.length > 1) for (let i = 0; i < out.length; i++) out[i] *= w;
  return out;
}
