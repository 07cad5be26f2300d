import { ABSTAIN } from './label-matrix';

/** What a row whose top classes tie gets: ABSTAIN, or one of them chosen by the row's values. */
export type TiePolicy = 'abstain' | 'random';

/** Classes within this of a row's largest probability tie with it (Snorkel's tolerance). */
export const TIE_TOLERANCE = 1e-5;

/**
 * Hard labels from probabilities (n × k, row-major). `random` is deterministic: a tied row's
 * class is drawn from a hash of (seed, row number), so a rerun gives the same labels and tied
 * rows are spread over their classes independently. (Snorkel hashes the row's probabilities
 * instead, which sends every tied row of a binary task, all (0.5, 0.5), to the same class.)
 */
export function probsToPreds(
  probs: Float64Array,
  k: number,
  policy: TiePolicy = 'abstain',
  seed = 0,
): Int8Array {
  const n = probs.length / k;
  const out = new Int8Array(n);
  const tied: number[] = [];
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let y = 0; y < k; y++) max = Math.max(max, probs[i * k + y]);
    tied.length = 0;
    for (let y = 0; y < k; y++) if (Math.abs(probs[i * k + y] - max) < TIE_TOLERANCE) tied.push(y);
    if (tied.length === 1) out[i] = tied[0];
    else if (policy === 'abstain') out[i] = ABSTAIN;
    else out[i] = tied[mix(seed, i) % tied.length];
  }
  return out;
}

/** A 32-bit hash of two integers (murmur3's finaliser over their combination). */
function mix(seed: number, i: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
