/**
 * Checks shared by the tree families: the shape of training input and prediction matrices, and
 * the header and bin edges of a stored state.
 */

import type { FitInput, Matrix, ModelFamily, ModelState } from '../model';
import { numberArray } from './flat-tree';

/** Throws unless the training input is consistent: sizes, finite features, classes in 0..k-1. */
export function checkFitInput(input: FitInput): void {
  const { x, y, n, d, k } = input;
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer: ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`d must be a positive integer: ${d}`);
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be an integer >= 2: ${k}`);
  if (x.length !== n * d) throw new Error(`x has ${x.length} values, expected n × d = ${n * d}`);
  if (y.length !== n) throw new Error(`y has ${y.length} labels, expected n = ${n}`);
  for (let i = 0; i < n; i++)
    if (!(y[i] >= 0 && y[i] < k))
      throw new Error(`y[${i}] = ${y[i]} is not a class in 0..${k - 1}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i])) throw new Error(`x[${i}] is not finite (impute missing values)`);
}

/** Throws unless `m` is a well-formed matrix of `d` features. */
export function checkMatrix(m: Matrix, d: number): void {
  if (m.d !== d) throw new Error(`the model expects ${d} features, got ${m.d}`);
  if (!Number.isInteger(m.n) || m.n < 0)
    throw new Error(`n must be a non-negative integer: ${m.n}`);
  if (m.x.length !== m.n * m.d)
    throw new Error(`x has ${m.x.length} values, expected n × d = ${m.n * m.d}`);
}

/** Checks a state's family, k and d and returns its params as an object. */
export function checkStateHeader(
  state: ModelState,
  family: ModelFamily,
): { k: number; d: number; params: Record<string, unknown> } {
  if (typeof state !== 'object' || state === null)
    throw new Error(`${family}: state is not an object`);
  if (state.family !== family)
    throw new Error(`${family}: state is for family ${String(state.family)}`);
  const { k, d, params } = state;
  if (!Number.isInteger(k) || k < 2) throw new Error(`${family}: k must be an integer >= 2`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`${family}: d must be a positive integer`);
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new Error(`${family}: params must be an object`);
  return { k, d, params };
}

/** Bin edges from JSON: d arrays of strictly increasing finite numbers. */
export function binEdgesFromJSON(raw: unknown, d: number, where: string): Float64Array[] {
  if (!Array.isArray(raw) || raw.length !== d)
    throw new Error(`${where}: expected ${d} arrays of bin edges`);
  return raw.map((e, j) => {
    const edges = numberArray(e, `${where}[${j}]`);
    for (let b = 1; b < edges.length; b++)
      if (!(edges[b] > edges[b - 1])) throw new Error(`${where}[${j}]: edges must increase`);
    return Float64Array.from(edges);
  });
}

/** A positive integer option, or its default. */
export function intOption(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1)
    throw new RangeError(`${name} must be a positive integer: ${v}`);
  return v;
}

/** A positive finite number option, or its default. */
export function positiveOption(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${name} must be positive: ${v}`);
  return v;
}

/** A model's recorded hyperparameters from JSON: an object of numbers, strings and booleans. */
export function optionsFromJSON(
  raw: unknown,
  where: string,
): Record<string, number | string | boolean> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${where}: expected an object`);
  const out: Record<string, number | string | boolean> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean')
      throw new Error(`${where}.${key}: expected a number, string or boolean`);
    out[key] = v;
  }
  return out;
}

/** The row indices 0..n-1 (a tree over every training row once). */
export function allRows(n: number, out = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
