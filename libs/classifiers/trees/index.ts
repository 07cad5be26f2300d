/** Tree classifiers: decision tree, random forest and gradient boosting on binned features. */
export { fitDecisionTree, loadDecisionTree } from './decision-tree';
export type { DecisionTreeOptions } from './decision-tree';
export { fitRandomForest, loadRandomForest } from './random-forest';
export type { RandomForestOptions } from './random-forest';
export { fitGradientBoosting, loadGradientBoosting } from './gradient-boosting';
export type { GradientBoostingOptions } from './gradient-boosting';
export { binMatrix, computeBinEdges, MAX_BINS } from './binning';
export type { BinnedMatrix } from './binning';
