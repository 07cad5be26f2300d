/**
 * Held-out evaluation of a classifier with scikit-learn's conventions, so the numbers read the
 * same as `classification_report`, `balanced_accuracy_score` and `confusion_matrix`: a ratio
 * whose denominator is 0 counts as 0 (zero_division=0), balanced accuracy averages the recall of
 * the classes that occur in the truth, and the weighted F1 weights each class by its support.
 */

export interface ClassMetrics {
  class: number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows of this class in the truth. */
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  balanced_accuracy: number;
  weighted_f1: number;
  /** One entry per class 0..k-1 (classes absent from both vectors score 0 with support 0). */
  per_class: ClassMetrics[];
  /** k × k counts: row = true class, column = predicted class. */
  confusion_matrix: number[][];
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

/** Scores predicted classes against true ones; both hold class indices in [0, k). */
export function classificationReport(
  yTrue: Int32Array,
  yPred: Int32Array,
  k: number,
): ClassificationReport {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`metrics: k must be an integer ≥ 1`);
  if (yTrue.length !== yPred.length)
    throw new Error(`metrics: ${yTrue.length} true labels but ${yPred.length} predictions`);
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(t >= 0 && t < k && p >= 0 && p < k))
      throw new Error(`metrics: row ${i} has true ${t} / predicted ${p}, outside [0, ${k})`);
    cm[t][p]++;
  }
  const n = yTrue.length;
  let correct = 0;
  let recallSum = 0;
  let present = 0;
  let weightedF1 = 0;
  const perClass: ClassMetrics[] = [];
  for (let c = 0; c < k; c++) {
    const tp = cm[c][c];
    const support = cm[c].reduce((s, v) => s + v, 0);
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += cm[t][c];
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    // F1 = 2 tp / (2 tp + fp + fn), which is 0 exactly when precision + recall is 0
    const f1 = ratio(2 * tp, support + predicted);
    correct += tp;
    if (support > 0) {
      recallSum += recall;
      present++;
    }
    weightedF1 += f1 * support;
    perClass.push({ class: c, precision, recall, f1, support });
  }
  return {
    accuracy: ratio(correct, n),
    balanced_accuracy: ratio(recallSum, present),
    weighted_f1: ratio(weightedF1, n),
    per_class: perClass,
    confusion_matrix: cm,
  };
}
