import { ABSTAIN, checkLabelMatrix, LabelMatrix } from './label-matrix';

/** One LF's row of Snorkel's lf_summary. Fractions are of all rows, in [0, 1]. */
export interface LfSummaryRow {
  /** The classes it voted, ascending. */
  polarity: number[];
  /** Rows it voted on. */
  coverage: number;
  /** Rows it voted on with at least one other LF voting too. */
  overlaps: number;
  /** Rows it voted on with at least one other LF voting a different class. */
  conflicts: number;
  /** With gold labels (rows of unknown gold are not counted). */
  correct?: number;
  incorrect?: number;
  empirical_accuracy?: number | null;
  /** With a fitted model: its learned accuracy. */
  learned_weight?: number;
}

/**
 * Snorkel's LFAnalysis.lf_summary: polarity, coverage, overlaps, conflicts of every LF; correct,
 * incorrect and empirical accuracy against `gold` (ABSTAIN = unknown); learned weights if given.
 * One pass over the rows.
 */
export function lfSummary(
  L: LabelMatrix,
  k: number,
  opts: { gold?: ArrayLike<number>; weights?: readonly number[] } = {},
): LfSummaryRow[] {
  checkLabelMatrix(L, k);
  const { n, m, data } = L;
  if (opts.gold && opts.gold.length !== n)
    throw new RangeError(`gold has ${opts.gold.length} labels for ${n} rows`);
  if (opts.weights && opts.weights.length !== m)
    throw new RangeError(`weights has ${opts.weights.length} values for ${m} LFs`);
  const voted = new Float64Array(m);
  const overlapped = new Float64Array(m);
  const conflicted = new Float64Array(m);
  const correct = new Float64Array(m);
  const incorrect = new Float64Array(m);
  const seen = Array.from({ length: m }, () => new Uint8Array(k));
  for (let i = 0; i < n; i++) {
    let votes = 0;
    let firstClass = -2;
    let mixed = false;
    // per row: how many LFs voted, and whether they disagree
    const perClass = new Int32Array(k);
    for (let j = 0; j < m; j++) {
      const v = data[i * m + j];
      if (v === ABSTAIN) continue;
      votes++;
      perClass[v]++;
      if (firstClass === -2) firstClass = v;
      else if (v !== firstClass) mixed = true;
    }
    const y = opts.gold ? opts.gold[i] : ABSTAIN;
    for (let j = 0; j < m; j++) {
      const v = data[i * m + j];
      if (v === ABSTAIN) continue;
      voted[j]++;
      seen[j][v] = 1;
      if (votes > 1) overlapped[j]++;
      // another LF voted a class other than v
      if (mixed && perClass[v] < votes) conflicted[j]++;
      if (y !== ABSTAIN && y !== undefined) {
        if (v === y) correct[j]++;
        else incorrect[j]++;
      }
    }
  }
  const frac = (x: number) => (n ? x / n : 0);
  return Array.from({ length: m }, (_, j) => {
    const row: LfSummaryRow = {
      polarity: [...seen[j].keys()].filter((c) => seen[j][c]),
      coverage: frac(voted[j]),
      overlaps: frac(overlapped[j]),
      conflicts: frac(conflicted[j]),
    };
    if (opts.gold) {
      row.correct = correct[j];
      row.incorrect = incorrect[j];
      const judged = correct[j] + incorrect[j];
      row.empirical_accuracy = judged ? correct[j] / judged : null;
    }
    if (opts.weights) row.learned_weight = opts.weights[j];
    return row;
  });
}

/** Fraction of rows with at least one vote, and with at least two. */
export function labelCoverage(L: LabelMatrix): { coverage: number; overlap: number } {
  let one = 0;
  let two = 0;
  for (let i = 0; i < L.n; i++) {
    let votes = 0;
    for (let j = 0; j < L.m; j++) if (L.data[i * L.m + j] !== ABSTAIN) votes++;
    if (votes >= 1) one++;
    if (votes >= 2) two++;
  }
  return { coverage: L.n ? one / L.n : 0, overlap: L.n ? two / L.n : 0 };
}
