import { ABSTAIN, checkLabelMatrix, LabelMatrix } from './label-matrix';
import { probsToPreds, TiePolicy } from './preds';

/**
 * Majority vote: each row's probability is spread evenly over the classes with the most votes
 * (all k when every LF abstains) — Snorkel's MajorityLabelVoter.
 */
export class MajorityLabelVoter {
  constructor(readonly cardinality: number) {}

  predictProba(L: LabelMatrix): Float64Array {
    const k = this.cardinality;
    checkLabelMatrix(L, k);
    const out = new Float64Array(L.n * k);
    const counts = new Float64Array(k);
    for (let i = 0; i < L.n; i++) {
      counts.fill(0);
      for (let j = 0; j < L.m; j++) {
        const v = L.data[i * L.m + j];
        if (v !== ABSTAIN) counts[v]++;
      }
      let max = 0;
      for (let y = 0; y < k; y++) max = Math.max(max, counts[y]);
      let winners = 0;
      for (let y = 0; y < k; y++) if (counts[y] === max) winners++;
      for (let y = 0; y < k; y++) out[i * k + y] = counts[y] === max ? 1 / winners : 0;
    }
    return out;
  }

  predict(L: LabelMatrix, policy: TiePolicy = 'abstain', seed = 0): Int8Array {
    return probsToPreds(this.predictProba(L), this.cardinality, policy, seed);
  }
}
