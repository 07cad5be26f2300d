/** A single CART classification tree (gini, every feature at every node), depth-limited. */

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

export interface DecisionTreeOptions {
  /** Deepest allowed leaf (default 12): an unlimited tree memorises label noise. */
  maxDepth?: number;
  /** Fewest training rows in a leaf (default 1). */
  minSamplesLeaf?: number;
}

/** Fits a decision tree on y; its leaves predict their training rows' class distribution. */
export function fitDecisionTree(input: FitInput, opts: DecisionTreeOptions = {}): Classifier {
  checkFitInput(input);
  const options = {
    maxDepth: intOption(opts.maxDepth, 12, 'maxDepth'),
    minSamplesLeaf: intOption(opts.minSamplesLeaf, 1, 'minSamplesLeaf'),
  };
  const edges = computeBinEdges(input);
  const builder = new TreeBuilder(binMatrix(input, edges), 'gini', input.k, {
    ...options,
    maxFeatures: input.d,
  });
  const tree = builder.build({ kind: 'gini', y: input.y, k: input.k }, allRows(input.n), null);
  return new DecisionTreeModel(input.k, input.d, tree, edges, options);
}

/** A decision tree from `toJSON()` output, checked (throws an Error on malformed state). */
export function loadDecisionTree(state: ModelState): Classifier {
  const { k, d, params } = checkStateHeader(state, 'decision_tree');
  const edges = binEdgesFromJSON(params.binEdges, d, 'decision_tree.binEdges');
  const tree = treeFromJSON(params.tree, d, k, true, 'decision_tree.tree');
  return new DecisionTreeModel(k, d, tree, edges, optionsFromJSON(params.options, 'options'));
}

class DecisionTreeModel implements Classifier {
  readonly family = 'decision_tree' as const;

  constructor(
    readonly k: number,
    readonly d: number,
    private readonly tree: FlatTree,
    private readonly edges: Float64Array[],
    private readonly options: Record<string, number | string | boolean>,
  ) {}

  predictProba(m: Matrix): Float64Array {
    checkMatrix(m, this.d);
    return meanLeafDistribution([this.tree], this.k, m.x, m.n, this.d);
  }

  toJSON(): ModelState {
    return {
      family: this.family,
      k: this.k,
      d: this.d,
      params: {
        options: { ...this.options },
        binEdges: this.edges.map((e) => Array.from(e)),
        tree: treeToJSON(this.tree),
      },
    };
  }
}
