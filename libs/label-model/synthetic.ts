import { LabelMatrix } from './label-matrix';
import { Mt19937 } from './mt19937';

/** A label matrix drawn from the label model's own generative model, with its truth. */
export interface SyntheticLabels {
  L: LabelMatrix;
  /** The true class of each row. */
  Y: Int8Array;
  /** Each LF's accuracy when it votes, P(vote = Y | votes), averaged over the classes. */
  accuracy: number[];
  /** Each LF's probability of voting. */
  coverage: number[];
}

/**
 * n rows, m conditionally independent LFs, k balanced classes: LF j votes with probability
 * coverage_j and, when it votes, is right with probability accuracy_j and otherwise picks one of
 * the other k − 1 classes uniformly. Accuracies uniform in [minAccuracy, maxAccuracy], coverages
 * in [minCoverage, maxCoverage]. Deterministic for a seed.
 */
export function generateLabelMatrix(opts: {
  n: number;
  m: number;
  k: number;
  seed?: number;
  minAccuracy?: number;
  maxAccuracy?: number;
  minCoverage?: number;
  maxCoverage?: number;
}): SyntheticLabels {
  const { n, m, k } = opts;
  const rng = new Mt19937(opts.seed ?? 1);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng.random();
  const accuracy = Array.from({ length: m }, () =>
    between(opts.minAccuracy ?? 0.55, opts.maxAccuracy ?? 0.95),
  );
  const coverage = Array.from({ length: m }, () =>
    between(opts.minCoverage ?? 0.2, opts.maxCoverage ?? 0.9),
  );
  const data = new Int8Array(n * m);
  const Y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const y = rng.below(k);
    Y[i] = y;
    for (let j = 0; j < m; j++) {
      let v = -1;
      if (rng.random() < coverage[j]) {
        if (rng.random() < accuracy[j]) v = y;
        else {
          const other = rng.below(k - 1);
          v = other >= y ? other + 1 : other;
        }
      }
      data[i * m + j] = v;
    }
  }
  return { L: { n, m, data }, Y, accuracy, coverage };
}
