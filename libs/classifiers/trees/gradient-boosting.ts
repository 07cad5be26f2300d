/**
 * Multiclass gradient boosting with the softmax loss (as XGBoost / LightGBM do it): scores start
 * at the log class priors; each round computes the probabilities, then for every class fits one
 * regression tree to the gradient p − y and hessian p(1 − p) of that class's score, with Newton
 * leaf values −G/(H + λ) shrunk by the learning rate. Deterministic (no sampling): the seed is
 * not used.
 */

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
  positiveOption,
} from './common';
import { leafOf, numberArray, treeFromJSON, treeToJSON } from './flat-tree';
import type { FlatTree } from './flat-tree';
import { TreeBuilder } from './tree-builder';

export interface GradientBoostingOptions {
  /** Boosting rounds (default 100); each adds k trees. */
  rounds?: number;
  /** Shrinkage of every leaf value (default 0.1). */
  learningRate?: number;
  /** Deepest allowed leaf (default 6). */
  maxDepth?: number;
  /** Fewest training rows in a leaf (default 20). */
  minSamplesLeaf?: number;
  /** L2 penalty on leaf values (default 1, ≥ 0). */
  lambda?: number;
}

/** Smallest prior used for a class absent from y (its log is the class's constant score). */
const MIN_PRIOR = 1e-12;

/** Fits gradient-boosted trees on y. */
export function fitGradientBoosting(
  input: FitInput,
  opts: GradientBoostingOptions = {},
): Classifier {
  checkFitInput(input);
  const { n, d, k, y } = input;
  const lambda = opts.lambda ?? 1;
  if (!(lambda >= 0 && Number.isFinite(lambda)))
    throw new RangeError(`lambda must be ≥ 0: ${lambda}`);
  const options = {
    rounds: intOption(opts.rounds, 100, 'rounds'),
    learningRate: positiveOption(opts.learningRate, 0.1, 'learningRate'),
    maxDepth: intOption(opts.maxDepth, 6, 'maxDepth'),
    minSamplesLeaf: intOption(opts.minSamplesLeaf, 20, 'minSamplesLeaf'),
    lambda,
  };
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const init = Array.from(counts, (c) => Math.log(Math.max(c / n, MIN_PRIOR)));
  const edges = computeBinEdges(input);
  const builder = new TreeBuilder(binMatrix(input, edges), 'newton', k, {
    maxDepth: options.maxDepth,
    minSamplesLeaf: options.minSamplesLeaf,
    maxFeatures: d,
  });
  const scores = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) scores[i * k + c] = init[c];
  const proba = new Float64Array(n * k);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const leafOfRow = new Int32Array(n);
  const rows = new Int32Array(n);
  const target = { kind: 'newton' as const, grad, hess, lambda, scale: options.learningRate };
  const trees: FlatTree[] = [];
  for (let round = 0; round < options.rounds; round++) {
    softmaxRows(scores, proba, n, k);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        trees.push(constantTree()); // nothing to learn: the class keeps its tiny prior
        continue;
      }
      for (let i = 0; i < n; i++) {
        const p = proba[i * k + c];
        grad[i] = y[i] === c ? p - 1 : p;
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
      const tree = builder.build(target, allRows(n, rows), null, leafOfRow);
      for (let i = 0; i < n; i++) scores[i * k + c] += tree.value[leafOfRow[i]];
      trees.push(tree);
    }
  }
  return new GradientBoostingModel(k, d, init, trees, edges, options);
}

/** A boosted model from `toJSON()` output, checked (throws an Error on malformed state). */
export function loadGradientBoosting(state: ModelState): Classifier {
  const { k, d, params } = checkStateHeader(state, 'gradient_boosting');
  const edges = binEdgesFromJSON(params.binEdges, d, 'gradient_boosting.binEdges');
  const init = numberArray(params.init, 'gradient_boosting.init', k);
  if (!Array.isArray(params.trees) || params.trees.length % k !== 0)
    throw new Error(`gradient_boosting.trees: expected an array of rounds × ${k} trees`);
  const trees = params.trees.map((t, i) =>
    treeFromJSON(t, d, 1, false, `gradient_boosting.trees[${i}]`),
  );
  const options = optionsFromJSON(params.options, 'options');
  return new GradientBoostingModel(k, d, init.slice(), trees, edges, options);
}

/** Row-wise softmax of n × k scores into `out` (max-shifted, so large scores cannot overflow). */
function softmaxRows(scores: Float64Array, out: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = scores[o];
    for (let c = 1; c < k; c++) if (scores[o + c] > max) max = scores[o + c];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[o + c] = Math.exp(scores[o + c] - max);
    for (let c = 0; c < k; c++) out[o + c] /= sum;
  }
}

/** A single leaf adding 0: the tree of a class absent from the training labels. */
function constantTree(): FlatTree {
  return {
    feature: Int32Array.of(-1),
    threshold: Float64Array.of(0),
    left: Int32Array.of(0),
    right: Int32Array.of(-1),
    value: Float64Array.of(0),
  };
}

class GradientBoostingModel implements Classifier {
  readonly family = 'gradient_boosting' as const;

  constructor(
    readonly k: number,
    readonly d: number,
    private readonly init: number[],
    /** Round-major: tree r × k + c adds to class c's score in round r. */
    private readonly trees: FlatTree[],
    private readonly edges: Float64Array[],
    private readonly options: Record<string, number | string | boolean>,
  ) {}

  predictProba(m: Matrix): Float64Array {
    checkMatrix(m, this.d);
    const { n, x } = m;
    const { k, d } = this;
    const scores = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) scores[i * k + c] = this.init[c];
    for (let t = 0; t < this.trees.length; t++) {
      const tree = this.trees[t];
      const c = t % k;
      for (let i = 0; i < n; i++) scores[i * k + c] += tree.value[leafOf(tree, x, i * d)];
    }
    softmaxRows(scores, scores, n, k);
    return scores;
  }

  toJSON(): ModelState {
    return {
      family: this.family,
      k: this.k,
      d: this.d,
      params: {
        options: { ...this.options },
        init: this.init.slice(),
        binEdges: this.edges.map((e) => Array.from(e)),
        trees: this.trees.map(treeToJSON),
      },
    };
  }
}
