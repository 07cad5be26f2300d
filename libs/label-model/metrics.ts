import { TIE_TOLERANCE } from './preds';

/**
 * Accuracy of probabilities (n × k) against `truth` with each tied row credited 1/|tied classes|
 * when its true class is among them: what random tie-breaking scores on average. Rows whose
 * truth is negative (unknown) count as wrong.
 */
export function expectedAccuracy(probs: Float64Array, k: number, truth: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < truth.length; i++) {
    let max = -Infinity;
    for (let y = 0; y < k; y++) max = Math.max(max, probs[i * k + y]);
    let tied = 0;
    let hit = false;
    for (let y = 0; y < k; y++)
      if (Math.abs(probs[i * k + y] - max) < TIE_TOLERANCE) {
        tied++;
        if (y === truth[i]) hit = true;
      }
    if (hit) right += 1 / tied;
  }
  return truth.length ? right / truth.length : 0;
}
