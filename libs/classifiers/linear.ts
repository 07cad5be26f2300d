import { Classifier, FitInput, Matrix, ModelState } from './model';

/**
 * Multinomial (softmax) logistic regression with an L2 penalty, as scikit-learn's
 * `LogisticRegression(C=1.0)`: minimises Σᵢ cross-entropy(tᵢ, softmax(W xᵢ + b)) + ½‖W‖²/C, the
 * intercepts unpenalised, by full-batch L-BFGS. The targets tᵢ are one-hot for the hard family and
 * the label model's probability rows for the soft one, so the same code learns from both.
 * Classes that never occur among the targets are left out of the optimisation (their intercept
 * would run to −∞) and get probability 0.
 */

export interface LogisticRegressionOptions {
  /** Inverse regularisation strength (> 0); scikit-learn's default 1.0. */
  C?: number;
  /** Most L-BFGS iterations (scikit-learn's default 100; 200 here). */
  maxIter?: number;
  /** Stop when the largest gradient entry of the per-row objective is at most this. */
  tol?: number;
}

/** f(x) with its gradient written into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  /** False when maxIter ran out or the line search failed before a stopping test passed. */
  converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Minimises a smooth function by L-BFGS (two-loop recursion, `memory` pairs) with a weak-Wolfe
 * bisection line search. Stops when ‖∇f‖∞ ≤ tol, when f decreases by less than 64 ε relative
 * (SciPy's ftol), after maxIter iterations, or when the line search fails. Deterministic.
 */
export function minimizeLbfgs(
  fg: Objective,
  x0: Float64Array,
  opts: { maxIter: number; tol: number; memory?: number },
): LbfgsResult {
  const n = x0.length;
  const mem = opts.memory ?? 10;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const S = Array.from({ length: mem }, () => new Float64Array(n));
  const Y = Array.from({ length: mem }, () => new Float64Array(n));
  const rho = new Float64Array(mem);
  const alpha = new Float64Array(mem);
  const dir = new Float64Array(n);
  let stored = 0;
  let newest = -1;
  let iterations = 0;
  let converged = false;
  for (; iterations < opts.maxIter; iterations++) {
    let gInf = 0;
    for (let i = 0; i < n; i++) gInf = Math.max(gInf, Math.abs(g[i]));
    if (!(gInf > opts.tol)) {
      converged = gInf <= opts.tol;
      break;
    }
    // two-loop recursion: dir = −H g
    for (let i = 0; i < n; i++) dir[i] = g[i];
    for (let h = 0; h < stored; h++) {
      const p = (newest - h + mem) % mem;
      alpha[p] = rho[p] * dot(S[p], dir);
      for (let i = 0; i < n; i++) dir[i] -= alpha[p] * Y[p][i];
    }
    if (stored > 0) {
      const gamma = dot(S[newest], Y[newest]) / dot(Y[newest], Y[newest]);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    }
    for (let h = stored - 1; h >= 0; h--) {
      const p = (newest - h + mem) % mem;
      const beta = rho[p] * dot(Y[p], dir);
      for (let i = 0; i < n; i++) dir[i] += S[p][i] * (alpha[p] - beta);
    }
    for (let i = 0; i < n; i++) dir[i] = -dir[i];
    let dg = dot(dir, g);
    if (!(dg < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      stored = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      dg = -dot(g, g);
    }
    // weak-Wolfe line search by expansion then bisection (Lewis & Overton)
    let t = stored === 0 ? Math.min(1, 1 / Math.sqrt(-dg)) : 1;
    let lo = 0;
    let hi = Infinity;
    let fNew = NaN;
    let ok = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * dir[i];
      fNew = fg(xNew, gNew);
      if (!(fNew <= f + 1e-4 * t * dg)) hi = t;
      else if (dot(gNew, dir) < 0.9 * dg) lo = t;
      else {
        ok = true;
        break;
      }
      t = hi < Infinity ? (lo + hi) / 2 : 2 * t;
    }
    if (!ok) break;
    const slot = (newest + 1) % mem;
    for (let i = 0; i < n; i++) {
      S[slot][i] = xNew[i] - x[i];
      Y[slot][i] = gNew[i] - g[i];
    }
    const sy = dot(S[slot], Y[slot]);
    if (sy > 1e-12 * dot(Y[slot], Y[slot])) {
      rho[slot] = 1 / sy;
      newest = slot;
      stored = Math.min(stored + 1, mem);
    } else if (stored === mem) stored--; // the rejected pair overwrote the oldest one
    const small = f - fNew <= 64 * Number.EPSILON * Math.max(Math.abs(f), Math.abs(fNew), 1);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (small) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { x, f, iterations, converged };
}

type LinearFamily = 'logistic_regression' | 'logistic_regression_soft';

/** Parameters of a trained model: softmax over the classes that occurred in training. */
export interface LinearParams {
  /** Inverse regularisation strength it was trained with. */
  C: number;
  /** The trained classes (ascending); the others always get probability 0. */
  classes: Int32Array;
  /** classes.length × d weights, row-major. */
  coef: Float64Array;
  intercept: Float64Array;
}

/** A trained (hard- or soft-label) logistic regression. */
export class LogisticRegressionModel implements Classifier {
  constructor(
    readonly family: LinearFamily,
    readonly k: number,
    readonly d: number,
    readonly params: LinearParams,
    /** L-BFGS outcome (not part of the state): iterations run and whether it converged. */
    readonly fitInfo = { iterations: 0, converged: true },
  ) {}

  predictProba(m: Matrix): Float64Array {
    if (m.d !== this.d) throw new Error(`${this.family}: expected ${this.d} features, got ${m.d}`);
    const { k, d } = this;
    const { classes, coef, intercept } = this.params;
    const out = new Float64Array(m.n * k);
    const z = new Float64Array(classes.length);
    for (let i = 0; i < m.n; i++) {
      const lse = logits(coef, intercept, m.x, i * d, d, z);
      for (let a = 0; a < classes.length; a++) out[i * k + classes[a]] = Math.exp(z[a] - lse);
    }
    return out;
  }

  toJSON(): ModelState {
    const { C, classes, coef, intercept } = this.params;
    const rows = Array.from(classes, (_, a) =>
      Array.from(coef.subarray(a * this.d, (a + 1) * this.d)),
    );
    return {
      family: this.family,
      k: this.k,
      d: this.d,
      params: { C, classes: Array.from(classes), coef: rows, intercept: Array.from(intercept) },
    };
  }
}

/** z[a] = b[a] + W[a]·x[row], returning log Σ exp z (max-shifted, so it never overflows). */
function logits(
  W: Float64Array,
  b: Float64Array,
  x: Float64Array,
  xo: number,
  d: number,
  z: Float64Array,
): number {
  let max = -Infinity;
  for (let a = 0; a < z.length; a++) {
    let s = b[a];
    const wo = a * d;
    for (let j = 0; j < d; j++) s += W[wo + j] * x[xo + j];
    z[a] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let a = 0; a < z.length; a++) sum += Math.exp(z[a] - max);
  return max + Math.log(sum);
}

/** Hard-label family: one-hot targets from `input.y`. */
export function fitLogisticRegression(
  input: FitInput,
  opts: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  checkInput(input);
  const { n, k, y } = input;
  const targets = new Float64Array(n * k);
  for (let i = 0; i < n; i++) targets[i * k + y[i]] = 1;
  return train('logistic_regression', input, targets, opts);
}

/** Soft-label family: cross-entropy against `input.soft` (throws when it is missing). */
export function fitSoftLogisticRegression(
  input: FitInput,
  opts: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  checkInput(input);
  const { soft, n, k } = input;
  if (!soft) throw new Error('logistic_regression_soft: input.soft (n × k targets) is required');
  if (soft.length !== n * k)
    throw new Error(`logistic_regression_soft: soft has ${soft.length} values, want ${n * k}`);
  const i = soft.findIndex((t) => !(t >= 0 && t <= 1));
  if (i >= 0) throw new Error(`logistic_regression_soft: soft[${i}] = ${soft[i]} is not in [0, 1]`);
  return train('logistic_regression_soft', input, soft, opts);
}

function checkInput(input: FitInput): void {
  const { x, n, d, y, k } = input;
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`logistic regression: k must be ≥ 2`);
  if (!(n >= 1 && d >= 1 && x.length === n * d && y.length === n))
    throw new Error(`logistic regression: need n ≥ 1, d ≥ 1, x of n × d and y of n values`);
  for (let i = 0; i < n; i++)
    if (!(y[i] >= 0 && y[i] < k)) throw new Error(`logistic regression: y[${i}] = ${y[i]}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i])) throw new Error(`logistic regression: x[${i}] is not finite`);
}

function train(
  family: LinearFamily,
  input: FitInput,
  targets: Float64Array,
  opts: LogisticRegressionOptions,
): LogisticRegressionModel {
  const { x, n, d, k } = input;
  const C = opts.C ?? 1;
  if (!(C > 0 && C < Infinity)) throw new Error(`${family}: C must be a positive number`);
  // classes with any target mass; T is the n × m target matrix restricted to them
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) mass[c] += targets[i * k + c];
  const classes = Int32Array.from(Array.from(mass.keys()).filter((c) => mass[c] > 0));
  const m = classes.length;
  if (m === 0) throw new Error(`${family}: every target row is zero`);
  if (m === 1) {
    const params = { C, classes, coef: new Float64Array(d), intercept: new Float64Array(1) };
    return new LogisticRegressionModel(family, k, d, params);
  }
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < m; a++) T[i * m + a] = targets[i * k + classes[a]];
  const z = new Float64Array(m);
  const md = m * d;
  // per-row objective (same minimiser, tolerance independent of n): θ = [W (m × d), b (m)]
  const objective: Objective = (theta, grad) => {
    const W = theta.subarray(0, md);
    const b = theta.subarray(md);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      const lse = logits(W, b, x, xo, d, z);
      let tsum = 0;
      for (let a = 0; a < m; a++) {
        const t = T[i * m + a];
        tsum += t;
        loss -= t * z[a];
      }
      loss += tsum * lse;
      for (let a = 0; a < m; a++) {
        const dz = Math.exp(z[a] - lse) * tsum - T[i * m + a];
        grad[md + a] += dz;
        const wo = a * d;
        for (let j = 0; j < d; j++) grad[wo + j] += dz * x[xo + j];
      }
    }
    let penalty = 0;
    for (let p = 0; p < md; p++) {
      penalty += W[p] * W[p];
      grad[p] += W[p] / C;
    }
    for (let p = 0; p < grad.length; p++) grad[p] /= n;
    return (loss + penalty / (2 * C)) / n;
  };
  const res = minimizeLbfgs(objective, new Float64Array(md + m), {
    maxIter: opts.maxIter ?? 200,
    tol: opts.tol ?? 1e-6,
  });
  const params = { C, classes, coef: res.x.slice(0, md), intercept: res.x.slice(md) };
  const { iterations, converged } = res;
  return new LogisticRegressionModel(family, k, d, params, { iterations, converged });
}

/** Loads either logistic-regression family from `toJSON()` output; throws on malformed state. */
export function loadLogisticRegression(state: ModelState): LogisticRegressionModel {
  const bad = (why: string): never => {
    throw new Error(`invalid logistic regression state: ${why}`);
  };
  if (typeof state !== 'object' || state === null) bad('not an object');
  const { family, k, d, params } = state;
  if (family !== 'logistic_regression' && family !== 'logistic_regression_soft')
    bad(`family ${String(family)}`);
  if (!(Number.isInteger(k) && k >= 2)) bad('k must be an integer ≥ 2');
  if (!(Number.isInteger(d) && d >= 1)) bad('d must be an integer ≥ 1');
  if (typeof params !== 'object' || params === null) bad('params missing');
  const { C, classes, coef, intercept } = params;
  if (!(typeof C === 'number' && C > 0)) bad('C must be a positive number');
  const nums = (v: unknown, len: number, name: string): number[] => {
    if (!Array.isArray(v) || v.length !== len) bad(`${name} must be an array of ${len} numbers`);
    const arr = v as unknown[];
    if (!arr.every((e) => typeof e === 'number' && Number.isFinite(e)))
      bad(`${name} holds a non-finite or non-number value`);
    return arr as number[];
  };
  if (!Array.isArray(classes) || classes.length < 1) bad('classes must be a non-empty array');
  const cls = nums(classes, (classes as unknown[]).length, 'classes');
  if (!cls.every((c, a) => Number.isInteger(c) && c >= 0 && c < k && (a === 0 || c > cls[a - 1])))
    bad('classes must be ascending integers in [0, k)');
  const m = cls.length;
  if (!Array.isArray(coef) || coef.length !== m) bad(`coef must be ${m} rows`);
  const W = new Float64Array(m * d);
  (coef as unknown[]).forEach((row, a) => W.set(nums(row, d, `coef[${a}]`), a * d));
  const b = Float64Array.from(nums(intercept, m, 'intercept'));
  const p = { C: C as number, classes: Int32Array.from(cls), coef: W, intercept: b };
  return new LogisticRegressionModel(family as LinearFamily, k, d, p);
}
