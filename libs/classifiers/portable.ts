import type { Classifier, Matrix, ModelState } from './model';
import { MODEL_FAMILIES } from './model';

/**
 * The portable classifier artifact: everything needed to predict from named input values,
 * as one JSON document (stored as a model version's artifact, downloadable, loadable by any
 * process): the inputs in order, the value that stands in for a missing input, the scaler
 * fitted on the training rows, the classes, and the fitted model's state.
 */
export interface PortableModel {
  format: 'tippers-classifier';
  format_version: 1;
  features: { name: string; feature_id?: number; column?: string }[];
  /** Per input: used when a row has no value (the training rows' mean). */
  impute: number[];
  scaler: { kind: 'standard' | 'minmax' | 'none'; center: number[]; scale: number[] };
  classes: { index: number; cv_id?: number; name: string }[];
  model: ModelState;
}

export class PortableModelError extends Error {}

const fail = (what: string): never => {
  throw new PortableModelError(`not a tippers-classifier model: ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteList = (v: unknown, n: number, what: string): number[] => {
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => Number.isFinite(x)))
    fail(`${what} must be a list of ${n} finite numbers`);
  return v as number[];
};

/**
 * Checks a parsed JSON document is a portable model whose parts agree (input count, class
 * count); the model state's own parameters are checked by its family's loader. Throws
 * PortableModelError naming the first problem.
 */
export function checkPortable(doc: unknown): PortableModel {
  if (!isObject(doc)) return fail('the document is not a JSON object');
  if (doc.format !== 'tippers-classifier') fail('format must be "tippers-classifier"');
  if (doc.format_version !== 1) fail('format_version must be 1');
  const features = doc.features;
  if (!Array.isArray(features) || features.length === 0 || features.length > 10_000)
    fail('features must be a list of 1 to 10000 inputs');
  const names = new Set<string>();
  for (const [i, f] of (features as unknown[]).entries()) {
    if (!isObject(f) || typeof f.name !== 'string' || !f.name || f.name.length > 200)
      fail(`features[${i}].name must be a string of 1 to 200 characters`);
    const name = (f as { name: string }).name;
    if (names.has(name)) fail(`features[${i}].name "${name}" is repeated`);
    names.add(name);
  }
  const d = names.size;
  finiteList(doc.impute, d, 'impute');
  const scaler = doc.scaler;
  if (!isObject(scaler) || !['standard', 'minmax', 'none'].includes(scaler.kind as string))
    fail('scaler.kind must be standard, minmax or none');
  finiteList((scaler as Record<string, unknown>).center, d, 'scaler.center');
  const scale = finiteList((scaler as Record<string, unknown>).scale, d, 'scaler.scale');
  if (scale.some((s) => s === 0)) fail('scaler.scale must not hold 0');
  const classes = doc.classes;
  if (!Array.isArray(classes) || classes.length < 2 || classes.length > 1000)
    fail('classes must be a list of 2 to 1000 classes');
  const classList = classes as unknown[];
  classList.forEach((c, i) => {
    if (!isObject(c) || c.index !== i || typeof c.name !== 'string')
      return fail(`classes[${i}] must be {index: ${i}, name, cv_id?}`);
    if (c.cv_id !== undefined && !Number.isSafeInteger(c.cv_id))
      fail(`classes[${i}].cv_id must be an integer`);
  });
  const model = doc.model;
  if (!isObject(model)) return fail('model must be an object');
  if (!MODEL_FAMILIES.includes(model.family as never))
    fail(`model.family must be one of ${MODEL_FAMILIES.join(', ')}`);
  if (model.d !== d) fail(`model.d (${String(model.d)}) must equal the number of features (${d})`);
  if (model.k !== classList.length)
    fail(`model.k (${String(model.k)}) must equal the number of classes (${classList.length})`);
  if (!isObject(model.params)) fail('model.params must be an object');
  return doc as unknown as PortableModel;
}

/**
 * Rows as the model reads them: missing values (NaN) replaced by the imputed value, then
 * scaled. `raw` is n × d in the model's feature order.
 */
export function prepareRows(p: PortableModel, raw: Matrix): Matrix {
  const { n, d } = raw;
  const x = new Float64Array(n * d);
  const { center, scale } = p.scaler;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = raw.x[i * d + j];
      x[i * d + j] = ((Number.isNaN(v) ? p.impute[j] : v) - center[j]) / scale[j];
    }
  return { x, n, d };
}

/** Probabilities (n × k) of raw rows through a loaded portable model. */
export function predictPortable(p: PortableModel, model: Classifier, raw: Matrix): Float64Array {
  if (raw.d !== p.features.length)
    throw new RangeError(`rows have ${raw.d} inputs, the model reads ${p.features.length}`);
  return model.predictProba(prepareRows(p, raw));
}
