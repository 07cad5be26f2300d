import { Classifier, FitInput, Matrix, ModelState } from './model';

/**
 * Gaussian naive Bayes as scikit-learn's `GaussianNB()`: class priors from the class frequencies,
 * per class and feature a mean and a (population) variance, every variance widened by
 * var_smoothing × the largest feature variance of the whole training set so a feature that is
 * constant within a class does not divide by zero. Probabilities are computed in log space and
 * normalised by log-sum-exp, so far-away rows do not underflow to 0/0. Classes absent from y
 * have prior 0 and always get probability 0.
 */

export interface GaussianNbOptions {
  /** Share of the largest feature variance added to every variance (scikit-learn's 1e-9). */
  varSmoothing?: number;
}

/** A fitted Gaussian naive Bayes model. */
export class GaussianNbModel implements Classifier {
  readonly family = 'gaussian_nb' as const;
  /** Per class: log prior − ½ Σⱼ log(2π varⱼ), the part of the log likelihood not depending on x. */
  private readonly base: Float64Array;

  constructor(
    readonly k: number,
    readonly d: number,
    /** Class frequencies in training (0 for absent classes). */
    readonly priors: Float64Array,
    /** k × d per-class feature means, row-major. */
    readonly theta: Float64Array,
    /** k × d per-class feature variances (smoothing included), row-major. */
    readonly variance: Float64Array,
    /** The smoothing that was added to every variance. */
    readonly epsilon: number,
  ) {
    this.base = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = Math.log(priors[c]);
      for (let j = 0; j < d; j++) s -= 0.5 * Math.log(2 * Math.PI * variance[c * d + j]);
      this.base[c] = s;
    }
  }

  predictProba(m: Matrix): Float64Array {
    if (m.d !== this.d) throw new Error(`gaussian_nb: expected ${this.d} features, got ${m.d}`);
    const { k, d, theta, variance, base, priors } = this;
    const out = new Float64Array(m.n * k);
    const jll = new Float64Array(k);
    for (let i = 0; i < m.n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        if (priors[c] === 0) continue;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = m.x[i * d + j] - theta[c * d + j];
          s += (diff * diff) / variance[c * d + j];
        }
        jll[c] = base[c] - 0.5 * s;
        if (jll[c] > max) max = jll[c];
      }
      const row = out.subarray(i * k, (i + 1) * k);
      if (!Number.isFinite(max)) {
        // every likelihood overflowed to 0 (a row absurdly far from all classes): the prior
        row.set(priors);
        continue;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) if (priors[c] > 0) sum += Math.exp(jll[c] - max);
      const lse = max + Math.log(sum);
      for (let c = 0; c < k; c++) if (priors[c] > 0) row[c] = Math.exp(jll[c] - lse);
    }
    return out;
  }

  toJSON(): ModelState {
    const { k, d } = this;
    const rows = (a: Float64Array) =>
      Array.from({ length: k }, (_, c) => Array.from(a.subarray(c * d, (c + 1) * d)));
    return {
      family: this.family,
      k,
      d,
      params: {
        priors: Array.from(this.priors),
        theta: rows(this.theta),
        var: rows(this.variance),
        epsilon: this.epsilon,
      },
    };
  }
}

/** Fits priors, means and smoothed variances in two passes over the rows. */
export function fitGaussianNb(input: FitInput, opts: GaussianNbOptions = {}): GaussianNbModel {
  const { x, n, d, y, k } = input;
  const smoothing = opts.varSmoothing ?? 1e-9;
  if (!(smoothing >= 0)) throw new Error('gaussian_nb: varSmoothing must be ≥ 0');
  if (!(Number.isInteger(k) && k >= 2)) throw new Error('gaussian_nb: k must be an integer ≥ 2');
  if (!(n >= 1 && d >= 1 && x.length === n * d && y.length === n))
    throw new Error('gaussian_nb: need n ≥ 1, d ≥ 1, x of n × d and y of n values');
  const bad = y.findIndex((c) => !(c >= 0 && c < k));
  if (bad >= 0) throw new Error(`gaussian_nb: y[${bad}] = ${y[bad]} is not a class in [0, ${k})`);
  const nan = x.findIndex((v) => !Number.isFinite(v));
  if (nan >= 0) throw new Error(`gaussian_nb: x[${nan}] is not finite`);

  const count = new Float64Array(k);
  const theta = new Float64Array(k * d);
  const variance = new Float64Array(k * d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = y[i];
    count[c]++;
    for (let j = 0; j < d; j++) {
      theta[c * d + j] += x[i * d + j];
      mean[j] += x[i * d + j];
    }
  }
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) theta[c * d + j] = count[c] ? theta[c * d + j] / count[c] : 0;
  for (let j = 0; j < d; j++) mean[j] /= n;
  // second pass: squared deviations (more accurate than E[x²] − E[x]²)
  const total = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = y[i];
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j];
      variance[c * d + j] += (v - theta[c * d + j]) ** 2;
      total[j] += (v - mean[j]) ** 2;
    }
  }
  let epsilon = (smoothing * Math.max(...total)) / n;
  // every feature constant: no variance scale to borrow; any positive value gives the prior
  if (!(epsilon > 0)) epsilon = 1;
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++)
      variance[c * d + j] = (count[c] ? variance[c * d + j] / count[c] : 1) + epsilon;
  const priors = count.map((v) => v / n);
  return new GaussianNbModel(k, d, priors, theta, variance, epsilon);
}

/** Loads `toJSON()` output; throws on malformed state. */
export function loadGaussianNb(state: ModelState): GaussianNbModel {
  const fail = (why: string): never => {
    throw new Error(`invalid gaussian_nb state: ${why}`);
  };
  if (typeof state !== 'object' || state === null) fail('not an object');
  const { family, k, d, params } = state;
  if (family !== 'gaussian_nb') fail(`family ${String(family)}`);
  if (!(Number.isInteger(k) && k >= 2)) fail('k must be an integer ≥ 2');
  if (!(Number.isInteger(d) && d >= 1)) fail('d must be an integer ≥ 1');
  if (typeof params !== 'object' || params === null) fail('params missing');
  const nums = (v: unknown, len: number, name: string): number[] => {
    if (!Array.isArray(v) || v.length !== len) fail(`${name} must be an array of ${len} numbers`);
    if (!(v as unknown[]).every((e) => typeof e === 'number' && Number.isFinite(e)))
      fail(`${name} holds a non-finite or non-number value`);
    return v as number[];
  };
  const matrix = (v: unknown, name: string): Float64Array => {
    if (!Array.isArray(v) || v.length !== k) fail(`${name} must be ${k} rows`);
    return Float64Array.from((v as unknown[]).flatMap((row, c) => nums(row, d, `${name}[${c}]`)));
  };
  const priors = Float64Array.from(nums(params.priors, k, 'priors'));
  if (priors.some((p) => p < 0) || Math.abs(priors.reduce((s, p) => s + p, 0) - 1) > 1e-9)
    fail('priors must be ≥ 0 and sum to 1');
  const theta = matrix(params.theta, 'theta');
  const variance = matrix(params.var, 'var');
  if (variance.some((v) => !(v > 0))) fail('every variance must be > 0');
  const epsilon = params.epsilon;
  if (!(typeof epsilon === 'number' && epsilon > 0)) fail('epsilon must be a positive number');
  return new GaussianNbModel(k, d, priors, theta, variance, epsilon as number);
}
