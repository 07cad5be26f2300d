/**
 * What every model family of the classifier library shares: dense row-major inputs, class
 * indices 0..k-1 (the caller maps them to concept values), probabilities out, and a state that
 * is plain JSON so a trained model can be stored, loaded in another process and served.
 */

/** The model families a classifier job can train. */
export const MODEL_FAMILIES = [
  'logistic_regression',
  'logistic_regression_soft',
  'random_forest',
  'decision_tree',
  'knn',
  'gaussian_nb',
  'gradient_boosting',
] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** n rows × d features, row-major: feature j of row i is x[i * d + j]. No NaN (caller imputes). */
export interface Matrix {
  x: Float64Array;
  n: number;
  d: number;
}

/** Training input. */
export interface FitInput extends Matrix {
  /** Hard class of each row, 0..k-1. */
  y: Int32Array;
  /** Number of classes (≥ 2). Every class need not occur in y. */
  k: number;
  /**
   * Soft targets, n × k row-major, each row summing to 1 (the label model's probabilities).
   * Only families that learn from soft targets read them; the others train on y.
   */
  soft?: Float64Array;
  /** Seed of every random choice (bootstrap, feature sampling, initialisation). */
  seed: number;
}

/** A trained model: class probabilities for new rows, and its state as JSON. */
export interface Classifier {
  readonly family: ModelFamily;
  readonly k: number;
  readonly d: number;
  /** n × k row-major probabilities (each row sums to 1). */
  predictProba(m: Matrix): Float64Array;
  /** Plain JSON (numbers, arrays, objects): `loadClassifier(toJSON())` predicts the same. */
  toJSON(): ModelState;
}

export interface ModelState {
  family: ModelFamily;
  k: number;
  d: number;
  /** Family-specific parameters (weights, trees, training rows, ...). */
  params: Record<string, unknown>;
}

/** Index of the largest probability of each row (lowest class index on ties). */
export function argmaxRows(proba: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}
