import { maxAssignment } from './assignment';
import { ABSTAIN, checkLabelMatrix, groupRows, LabelMatrix, RowGroups } from './label-matrix';
import { Mt19937 } from './mt19937';
import { probsToPreds, TiePolicy } from './preds';

export interface LabelModelFitOptions {
  /** SGD steps, each on the whole overlap matrix. Default 100. */
  epochs?: number;
  /** Default 0.01. */
  lr?: number;
  /** Weight of the pull of mu towards its start, and SGD weight decay. Default 0. */
  l2?: number;
  /** Default 0.9. */
  momentum?: number;
  /** Seeds the random start (NumPy-compatible: seed s starts where Snorkel's seed s did). */
  seed?: number;
  /** P(Y = y), given; else from `gold`; else uniform. */
  classBalance?: readonly number[];
  /** Gold labels of the rows (ABSTAIN where unknown), for the class balance. */
  gold?: ArrayLike<number>;
  /** The LFs' assumed precision at the start. Default 0.7. */
  precInit?: number | readonly number[];
  /** Clamp of mu after training: [eps, 1 − eps]. Default min(0.01, 10^-ceil(log10 n)). */
  muEps?: number;
  /** Checked between epochs. */
  signal?: AbortSignal;
}

/** What a fitted model is: enough to predict and to report, JSON-safe. */
export interface LabelModelState {
  cardinality: number;
  m: number;
  /** d × k, row-major, d = m·k: mu[(i·k + a)·k + y] = P(LF i votes a | Y = y). */
  mu: number[];
  classBalance: number[];
  coverage: number[];
}

/** Overlaps of a label matrix: O = L_indᵀ L_ind / n (d × d) and each LF's coverage. */
export interface Overlaps {
  n: number;
  m: number;
  k: number;
  O: Float64Array;
  coverage: Float64Array;
  groups: RowGroups;
}

/**
 * Snorkel's label model (matrix completion on LF agreements; Ratner et al. 2019), the same
 * objective, start and optimiser as `snorkel.labeling.model.LabelModel` with LFs conditionally
 * independent: minimise ‖M ⊙ (O − μPμᵀ)‖² + ‖μP·1 − diag(O)‖² + l2²‖μ − μ₀‖² by SGD with
 * momentum, where M masks each LF's own block, P = diag(class balance), μ₀ puts
 * P(votes y) · prec_init / P(y) on the diagonals and μ starts at μ₀ × one random draw. Then μ is clamped and its columns
 * permuted to the assignment that best matches LF votes to classes. In float64 (Snorkel: float32).
 */
export class LabelModel {
  private state?: LabelModelState;

  constructor(readonly cardinality: number) {
    if (!Number.isInteger(cardinality) || cardinality < 2 || cardinality > 127)
      throw new RangeError(`cardinality must be an integer in [2, 127]: ${cardinality}`);
  }

  /** O and coverage in one pass over the distinct rows of L. */
  static overlaps(L: LabelMatrix, k: number): Overlaps {
    checkLabelMatrix(L, k);
    const { n, m, data } = L;
    const d = m * k;
    const O = new Float64Array(d * d);
    const coverage = new Float64Array(m);
    const groups = groupRows(L);
    const idx = new Int32Array(m);
    for (let g = 0; g < groups.size; g++) {
      const row = groups.first[g];
      const c = groups.count[g];
      let votes = 0;
      for (let j = 0; j < m; j++) {
        const v = data[row * m + j];
        if (v === ABSTAIN) continue;
        idx[votes++] = j * k + v;
        coverage[j] += c;
      }
      for (let a = 0; a < votes; a++) {
        const ia = idx[a] * d;
        for (let b = 0; b < votes; b++) O[ia + idx[b]] += c;
      }
    }
    if (n > 0) {
      for (let i = 0; i < O.length; i++) O[i] /= n;
      for (let j = 0; j < m; j++) coverage[j] /= n;
    }
    return { n, m, k, O, coverage, groups };
  }

  /** Fits on L (n × m, m ≥ 3). Returns this. */
  fit(L: LabelMatrix, opts: LabelModelFitOptions = {}): this {
    const k = this.cardinality;
    if (L.m < 3)
      throw new RangeError(`the label model needs at least 3 labeling functions, not ${L.m}`);
    if (L.n < 1) throw new RangeError('the label matrix has no rows');
    const epochs = opts.epochs ?? 100;
    const lr = opts.lr ?? 0.01;
    const l2 = opts.l2 ?? 0;
    const momentum = opts.momentum ?? 0.9;
    for (const [name, v] of Object.entries({ epochs, lr, l2, momentum }))
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0`);
    if (!Number.isInteger(epochs) || epochs > 1_000_000)
      throw new RangeError('epochs must be an integer in [0, 1000000]');
    const ov = LabelModel.overlaps(L, k);
    const p = classBalance(k, L.n, opts);
    const { m } = L;
    const d = m * k;
    const mask = ownBlockMask(m, k);
    const muInit = initialMu(ov.O, m, k, p, opts.precInit ?? 0.7);
    const start = new Mt19937(opts.seed ?? 0).random();
    const mu = muInit.map((x) => x * start);
    const velocity = new Float64Array(d * k);
    const grad = new Float64Array(d * k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      opts.signal?.throwIfAborted();
      const loss = gradient(mu, muInit, ov.O, mask, p, l2, d, k, grad);
      if (!Number.isFinite(loss))
        throw new Error(`the label model's loss is not finite at epoch ${epoch}: lower lr`);
      for (let i = 0; i < mu.length; i++) {
        velocity[i] = momentum * velocity[i] + grad[i] + l2 * mu[i];
        mu[i] -= lr * velocity[i];
      }
    }
    const eps = opts.muEps ?? Math.min(0.01, 1 / 10 ** Math.ceil(Math.log10(L.n)));
    for (let i = 0; i < mu.length; i++) mu[i] = Math.min(1 - eps, Math.max(eps, mu[i]));
    this.state = {
      cardinality: k,
      m,
      mu: Array.from(breakSymmetry(mu, p, m, k)),
      classBalance: Array.from(p),
      coverage: Array.from(ov.coverage),
    };
    return this;
  }

  /** The loss terms at `mu` for L (Snorkel's _loss_mu and _loss_l2), e.g. to check a fixture. */
  static loss(
    L: LabelMatrix,
    k: number,
    mu: ArrayLike<number>,
    opts: { l2?: number; classBalance?: readonly number[]; precInit?: number } = {},
  ): { mu: number; l2: number; muInit: Float64Array } {
    const ov = LabelModel.overlaps(L, k);
    const p = classBalance(k, L.n, opts);
    const muInit = initialMu(ov.O, L.m, k, p, opts.precInit ?? 0.7);
    const grad = new Float64Array(L.m * k * k);
    const all = gradient(
      Float64Array.from(mu),
      muInit,
      ov.O,
      ownBlockMask(L.m, k),
      p,
      0,
      L.m * k,
      k,
      grad,
    );
    let sq = 0;
    for (let i = 0; i < muInit.length; i++) sq += (mu[i] - muInit[i]) ** 2;
    return { mu: all, l2: (opts.l2 ?? 0) ** 2 * sq, muInit };
  }

  /** The fitted model (throws before fit). */
  get fitted(): LabelModelState {
    if (!this.state) throw new Error('the label model is not fitted');
    return this.state;
  }

  /** A model from a saved state. */
  static from(state: LabelModelState): LabelModel {
    const model = new LabelModel(state.cardinality);
    if (state.mu.length !== state.m * state.cardinality * state.cardinality)
      throw new RangeError('mu does not have m·k·k entries');
    model.state = { ...state };
    return model;
  }

  /**
   * P(Y | votes) per row (n × k, row-major): normalise(exp(Σ votes log mu + log P(y))).
   * Computed once per distinct row.
   */
  predictProba(L: LabelMatrix): Float64Array {
    const { mu, classBalance: p, m } = this.fitted;
    const k = this.cardinality;
    checkLabelMatrix(L, k);
    if (L.m !== m) throw new RangeError(`the model has ${m} labeling functions, L has ${L.m}`);
    const logMu = mu.map(Math.log);
    const logP = p.map(Math.log);
    const groups = groupRows(L);
    const perGroup = new Float64Array(groups.size * k);
    const x = new Float64Array(k);
    for (let g = 0; g < groups.size; g++) {
      const row = groups.first[g];
      for (let y = 0; y < k; y++) x[y] = logP[y];
      for (let j = 0; j < m; j++) {
        const v = L.data[row * m + j];
        if (v === ABSTAIN) continue;
        const base = (j * k + v) * k;
        for (let y = 0; y < k; y++) x[y] += logMu[base + y];
      }
      let max = -Infinity;
      for (let y = 0; y < k; y++) max = Math.max(max, x[y]);
      let sum = 0;
      for (let y = 0; y < k; y++) sum += x[y] = Math.exp(x[y] - max);
      for (let y = 0; y < k; y++) perGroup[g * k + y] = x[y] / sum;
    }
    const out = new Float64Array(L.n * k);
    for (let i = 0; i < L.n; i++)
      out.set(perGroup.subarray(groups.groupOf[i] * k, groups.groupOf[i] * k + k), i * k);
    return out;
  }

  predict(L: LabelMatrix, policy: TiePolicy = 'abstain', seed = 0): Int8Array {
    return probsToPreds(this.predictProba(L), this.cardinality, policy, seed);
  }

  /**
   * Each LF's learned accuracy: Σ_y P(votes y | Y = y) P(y) / coverage, in [1e-6, 1]
   * (Snorkel's get_weights).
   */
  weights(): number[] {
    const { mu, classBalance: p, m, coverage } = this.fitted;
    const k = this.cardinality;
    const out: number[] = [];
    for (let i = 0; i < m; i++) {
      let acc = 0;
      for (let y = 0; y < k; y++) acc += mu[(i * k + y) * k + y] * p[y];
      out.push(Math.min(1, Math.max(1e-6, coverage[i] > 0 ? acc / coverage[i] : 0)));
    }
    return out;
  }
}

function classBalance(
  k: number,
  n: number,
  opts: { classBalance?: readonly number[]; gold?: ArrayLike<number> },
): Float64Array {
  let p: Float64Array;
  if (opts.classBalance) {
    if (opts.classBalance.length !== k)
      throw new RangeError(`class_balance needs ${k} values, not ${opts.classBalance.length}`);
    p = Float64Array.from(opts.classBalance);
  } else if (opts.gold) {
    p = new Float64Array(k);
    let known = 0;
    for (let i = 0; i < opts.gold.length; i++) {
      const y = opts.gold[i];
      if (y === ABSTAIN) continue;
      if (!Number.isInteger(y) || y < 0 || y >= k)
        throw new RangeError(`gold label ${y} is outside 0..${k - 1}`);
      p[y]++;
      known++;
    }
    if (!known) throw new RangeError('the gold labels are all unknown');
    for (let y = 0; y < k; y++) p[y] /= known;
  } else p = new Float64Array(k).fill(1 / k);
  const sum = p.reduce((a, b) => a + b, 0);
  if (p.some((x) => !(x > 0)) || Math.abs(sum - 1) > 1e-6)
    throw new RangeError('the class balance must be positive for every class and sum to 1');
  void n;
  return p;
}

/** 1 where the loss looks at O, 0 on each LF's own k × k block. */
function ownBlockMask(m: number, k: number): Uint8Array {
  const d = m * k;
  const mask = new Uint8Array(d * d).fill(1);
  for (let i = 0; i < m; i++)
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) mask[(i * k + a) * d + i * k + b] = 0;
  return mask;
}

/**
 * μ₀: P(LF i votes y | Y = y) = P(LF i votes y) · prec_init_i / P(y), clamped to [0, 1], on the
 * diagonal of each LF's block (Snorkel's _init_params); P(LF i votes y) is O's diagonal.
 */
function initialMu(
  O: Float64Array,
  m: number,
  k: number,
  p: Float64Array,
  precInit: number | readonly number[],
) {
  const precs = typeof precInit === 'number' ? new Array<number>(m).fill(precInit) : precInit;
  if (precs.length !== m) throw new RangeError(`prec_init needs ${m} values, not ${precs.length}`);
  if (precs.some((x) => !Number.isFinite(x) || x < 0 || x > 1))
    throw new RangeError('prec_init must be in [0, 1]');
  const d = m * k;
  const mu = new Float64Array(d * k);
  for (let i = 0; i < m; i++)
    for (let y = 0; y < k; y++) {
      const idx = i * k + y;
      mu[idx * k + y] = Math.min(1, Math.max(0, (O[idx * d + idx] * precs[i]) / p[y]));
    }
  return mu;
}

/**
 * The loss ‖M ⊙ (O − μPμᵀ)‖² + ‖μP·1 − diag(O)‖² (without the l2 term) and, into `grad`, its
 * gradient plus the l2 term's: −4 p_y (Rμ) + 2 (μP·1 − diag O) pᵀ + 2 l2² (μ − μ₀).
 */
function gradient(
  mu: Float64Array,
  muInit: Float64Array,
  O: Float64Array,
  mask: Uint8Array,
  p: Float64Array,
  l2: number,
  d: number,
  k: number,
  grad: Float64Array,
): number {
  const R = new Float64Array(d * d);
  let loss = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      if (!mask[a * d + b]) continue;
      let s = 0;
      for (let y = 0; y < k; y++) s += mu[a * k + y] * p[y] * mu[b * k + y];
      const r = O[a * d + b] - s;
      R[a * d + b] = r;
      loss += r * r;
    }
  }
  grad.fill(0);
  for (let a = 0; a < d; a++) {
    let rowSum = 0;
    for (let y = 0; y < k; y++) rowSum += mu[a * k + y] * p[y];
    const r2 = rowSum - O[a * d + a];
    loss += r2 * r2;
    for (let y = 0; y < k; y++) {
      let rm = 0;
      for (let b = 0; b < d; b++) rm += R[a * d + b] * mu[b * k + y];
      grad[a * k + y] =
        -4 * p[y] * rm + 2 * r2 * p[y] + 2 * l2 * l2 * (mu[a * k + y] - muInit[a * k + y]);
    }
  }
  return loss;
}

/**
 * Permutes the columns of mu within each group of classes of equal prior (rounded to 3
 * places) to the permutation with the largest Σ_i P(LF i votes a | Y = a): the objective cannot
 * tell a solution from its relabelling.
 */
function breakSymmetry(mu: Float64Array, p: Float64Array, m: number, k: number): Float64Array {
  // S[a][c] = Σ_i mu[i·k + a][c] · p[c]
  const S = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < m; i++)
    for (let a = 0; a < k; a++)
      for (let c = 0; c < k; c++) S[a][c] += mu[(i * k + a) * k + c] * p[c];
  const groups = new Map<number, number[]>();
  for (let y = 0; y < k; y++) {
    const key = Math.round(p[y] * 1000) / 1000;
    groups.set(key, [...(groups.get(key) ?? []), y]);
  }
  const columnFrom = Array.from({ length: k }, (_, y) => y); // new column y takes old column columnFrom[y]
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // old column src goes to new position dst maximising S[dst][src]
    const score = group.map((src) => group.map((dst) => S[dst][src]));
    maxAssignment(score).forEach((dstIdx, srcIdx) => (columnFrom[group[dstIdx]] = group[srcIdx]));
  }
  const d = m * k;
  const out = new Float64Array(d * k);
  for (let r = 0; r < d; r++)
    for (let y = 0; y < k; y++) out[r * k + y] = mu[r * k + columnFrom[y]];
  return out;
}
