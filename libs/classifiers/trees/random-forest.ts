/**
 * A random forest (Breiman; scikit-learn's defaults): gini trees grown on bootstrap samples,
 * each node choosing among a random subset of the features; the probability is the mean of the
 * trees' leaf class distributions. Every random choice comes from one MT19937 seeded by `seed`.
 */

import { Mt19937 } from '../../label-model/mt19937';
import type { Classifier, FitInput, Matrix, ModelState } from '../model';
import { binMatrix, computeBinEdges } from './binning';
import {
  allRows,
  binEdgesFromJSON,
  checkFitInput,
  checkMatrix,
  checkStateHeader,
  intOption,
  optionsFromJSON,
} from './common';
import { meanLeafDistribution, treeFromJSON, treeToJSON } from './flat-tree';
import type { FlatTree } from './flat-tree';
import { TreeBuilder } from './tree-builder';

export interface RandomForestOptions {
  /** Number of trees (default 100). */
  nTrees?: number;
  /** Deepest allowed leaf (default 20: in practice the trees grow until their leaves are pure). */
  maxDepth?: number;
  /**
   * Features drawn at each node: 'sqrt' (default) or 'log2' of d, 'all', a count (integer ≥ 1)
   * or a fraction of d (in (0, 1)). As in scikit-learn, a node keeps drawing past this number
   * while the drawn features are constant in it.
   */
  maxFeatures?: 'sqrt' | 'log2' | 'all' | number;
  /** Fewest bootstrap rows in a leaf (default 1). */
  minSamplesLeaf?: number;
  /** Draw each tree's rows with replacement (default true); false fits every tree on all rows. */
  bootstrap?: boolean;
}

/** Fits a random forest on y. */
export function fitRandomForest(input: FitInput, opts: RandomForestOptions = {}): Classifier {
  checkFitInput(input);
  const { n, d, k } = input;
  const mtry = resolveMaxFeatures(opts.maxFeatures ?? 'sqrt', d);
  const options = {
    nTrees: intOption(opts.nTrees, 100, 'nTrees'),
    maxDepth: intOption(opts.maxDepth, 20, 'maxDepth'),
    maxFeatures: mtry,
    minSamplesLeaf: intOption(opts.minSamplesLeaf, 1, 'minSamplesLeaf'),
    bootstrap: opts.bootstrap ?? true,
  };
  const rng = new Mt19937(input.seed);
  const edges = computeBinEdges(input);
  const builder = new TreeBuilder(binMatrix(input, edges), 'gini', k, {
    maxDepth: options.maxDepth,
    minSamplesLeaf: options.minSamplesLeaf,
    maxFeatures: mtry,
  });
  const target = { kind: 'gini' as const, y: input.y, k };
  const rows = new Int32Array(n);
  const trees: FlatTree[] = [];
  for (let t = 0; t < options.nTrees; t++) {
    if (options.bootstrap) {
      for (let i = 0; i < n; i++) rows[i] = rng.below(n);
      rows.sort(); // ascending rows read the column-major codes in order
    } else allRows(n, rows);
    trees.push(builder.build(target, rows, rng));
  }
  return new RandomForestModel(k, d, trees, edges, options);
}

/** A random forest from `toJSON()` output, checked (throws an Error on malformed state). */
export function loadRandomForest(state: ModelState): Classifier {
  const { k, d, params } = checkStateHeader(state, 'random_forest');
  const edges = binEdgesFromJSON(params.binEdges, d, 'random_forest.binEdges');
  if (!Array.isArray(params.trees) || params.trees.length === 0)
    throw new Error('random_forest.trees: expected a non-empty array of trees');
  const trees = params.trees.map((t, i) =>
    treeFromJSON(t, d, k, true, `random_forest.trees[${i}]`),
  );
  return new RandomForestModel(k, d, trees, edges, optionsFromJSON(params.options, 'options'));
}

/** The number of features per node for a maxFeatures option and d features. */
export function resolveMaxFeatures(v: RandomForestOptions['maxFeatures'], d: number): number {
  if (v === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (v === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  if (v === 'all') return d;
  if (typeof v === 'number' && v > 0 && v < 1) return Math.max(1, Math.floor(v * d));
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return Math.min(v, d);
  throw new RangeError(`maxFeatures must be 'sqrt', 'log2', 'all', a count or a fraction: ${v}`);
}

class RandomForestModel implements Classifier {
  readonly family = 'random_forest' as const;

  constructor(
    readonly k: number,
    readonly d: number,
    private readonly trees: FlatTree[],
    private readonly edges: Float64Array[],
    private readonly options: Record<string, number | string | boolean>,
  ) {}

  predictProba(m: Matrix): Float64Array {
    checkMatrix(m, this.d);
    return meanLeafDistribution(this.trees, this.k, m.x, m.n, this.d);
  }

  toJSON(): ModelState {
    return {
      family: this.family,
      k: this.k,
      d: this.d,
      params: {
        options: { ...this.options },
        binEdges: this.edges.map((e) => Array.from(e)),
        trees: this.trees.map(treeToJSON),
      },
    };
  }
}
