import { fitKnn, loadKnn } from './knn';
import { fitLogisticRegression, fitSoftLogisticRegression, loadLogisticRegression } from './linear';
import type { Classifier, FitInput, ModelFamily, ModelState } from './model';
import { MODEL_FAMILIES } from './model';
import { fitGaussianNb, loadGaussianNb } from './naive-bayes';
import {
  fitDecisionTree,
  fitGradientBoosting,
  fitRandomForest,
  loadDecisionTree,
  loadGradientBoosting,
  loadRandomForest,
} from './trees';

export { argmaxRows, MODEL_FAMILIES } from './model';
export type { Classifier, FitInput, Matrix, ModelFamily, ModelState } from './model';
export { classificationReport } from './metrics';
export {
  capImbalance,
  confidenceFilter,
  dropRareClasses,
  fitScaler,
  applyScaler,
  stratifiedSplit,
} from './prep';
export { checkPortable, predictPortable, prepareRows, PortableModelError } from './portable';
export type { PortableModel } from './portable';

const FIT: Record<ModelFamily, (input: FitInput) => Classifier> = {
  logistic_regression: (i) => fitLogisticRegression(i),
  logistic_regression_soft: (i) => fitSoftLogisticRegression(i),
  random_forest: (i) => fitRandomForest(i),
  decision_tree: (i) => fitDecisionTree(i),
  knn: (i) => fitKnn(i),
  gaussian_nb: (i) => fitGaussianNb(i),
  gradient_boosting: (i) => fitGradientBoosting(i),
};

const LOAD: Record<ModelFamily, (state: ModelState) => Classifier> = {
  logistic_regression: loadLogisticRegression,
  logistic_regression_soft: loadLogisticRegression,
  random_forest: loadRandomForest,
  decision_tree: loadDecisionTree,
  knn: loadKnn,
  gaussian_nb: loadGaussianNb,
  gradient_boosting: loadGradientBoosting,
};

/** Trains one family with its defaults. */
export function fitClassifier(family: ModelFamily, input: FitInput): Classifier {
  return FIT[family](input);
}

/** A trained model from its JSON state (throws an Error naming a malformed part). */
export function loadClassifier(state: ModelState): Classifier {
  if (!MODEL_FAMILIES.includes(state.family))
    throw new Error(`unknown model family "${String(state.family)}"`);
  return LOAD[state.family](state);
}
