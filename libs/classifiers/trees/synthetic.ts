import { Mt19937 } from '../../label-model/mt19937';
import type { FitInput } from '../model';

/**
 * Seeded synthetic 3-class data for the tree specs: features uniform on [-1, 1]; class 2 where
 * x2 > 0.4, otherwise an XOR of the signs of x0 and x1 (0 when equal, 1 when they differ), a
 * boundary no linear model can fit. With `flip`, that share of labels is redrawn uniformly.
 */
export function quadrants(n: number, d: number, seed: number, flip = 0): FitInput {
  if (d < 3) throw new RangeError('quadrants needs d >= 3');
  const rng = new Mt19937(seed);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = 2 * rng.random() - 1;
    const [a, b, c] = [x[i * d], x[i * d + 1], x[i * d + 2]];
    y[i] = c > 0.4 ? 2 : a > 0 === b > 0 ? 0 : 1;
    if (flip > 0 && rng.random() < flip) y[i] = rng.below(3);
  }
  return { x, y, n, d, k: 3, seed };
}

/** Share of rows whose most probable class (n × k probabilities) equals y. */
export function accuracy(proba: Float64Array, y: Int32Array, k: number): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    if (best === y[i]) right++;
  }
  return right / y.length;
}
