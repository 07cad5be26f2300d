import { fitClassifier } from './index';
import { classificationReport, type ClassificationReport } from './metrics';
import { argmaxRows, type Matrix, type ModelFamily } from './model';
import type { PortableModel } from './portable';
import {
  applyScaler,
  capImbalance,
  confidenceFilter,
  dropRareClasses,
  fitScaler,
  stratifiedSplit,
} from './prep';

/** A classifier job's training data: entities with inputs, labels and label probabilities. */
export interface LabelledRows extends Matrix {
  /** Class index per row (-1: the label model abstained). */
  label: Int32Array;
  /** n × k label-model probabilities. */
  proba: Float64Array;
  k: number;
  /** True class per row when gold labels exist (-1 unknown). */
  gold?: Int32Array;
}

export interface TrainJobConfig {
  threshold_method: 'max_confidence' | 'entropy';
  threshold_value: number;
  min_labels_per_class: number;
  imbalance_factor: number;
  test_size: number;
  random_state: number;
  models: ModelFamily[];
  scaling: 'standard' | 'minmax' | 'none';
  selection_metric: 'accuracy' | 'balanced_accuracy' | 'weighted_f1';
}

export interface FamilyResult {
  family: ModelFamily;
  train_seconds?: number;
  metrics?: ClassificationReport;
  /** Accuracy against gold labels on the held-out rows that have one. */
  gold_accuracy?: number | null;
  error?: string;
}

export interface TrainJobResult {
  rows: {
    total: number;
    labelled: number;
    confident: number;
    used: number;
    train: number;
    test: number;
  };
  /** Original class indexes the models predict, in their order. */
  classes: number[];
  dropped_classes: { class: number; count: number }[];
  warnings: string[];
  families: FamilyResult[];
  best: ModelFamily | null;
  /** The best model, ready to wrap as a PortableModel (features and class names added by the caller). */
  artifact: Pick<PortableModel, 'impute' | 'scaler' | 'model'> | null;
}

/**
 * The whole training of a classifier job, pure: rows the label model abstained on or was unsure
 * of dropped, rare classes dropped (warned), the majority capped, a stratified split, missing
 * inputs imputed and a scaler fitted on the training part only, every family trained and scored
 * on the held-out part, the best chosen by the configured metric. Deterministic for a seed.
 */
export function trainClassifierJob(
  data: LabelledRows,
  cfg: TrainJobConfig,
  /** Sees the scaled training and held-out sets (a benchmark compares other implementations on them). */
  onSplit?: (sets: {
    train: Matrix;
    yTrain: Int32Array;
    test: Matrix;
    yTest: Int32Array;
    k: number;
  }) => void,
): TrainJobResult {
  const { n, d, k } = data;
  const warnings: string[] = [];
  const confident = confidenceFilter(data.proba, n, k, cfg.threshold_method, cfg.threshold_value);
  let labelled = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (data.label[i] >= 0) labelled++;
    if (data.label[i] < 0) confident[i] = 0;
    kept += confident[i];
  }
  const masked = Int32Array.from(data.label, (y, i) => (confident[i] ? y : -1));
  const rare = dropRareClasses(masked, k, cfg.min_labels_per_class);
  const dropped: { class: number; count: number }[] = [];
  for (let c = 0; c < k; c++)
    if (!rare.kept.includes(c) && rare.counts[c] > 0)
      dropped.push({ class: c, count: rare.counts[c] });
  if (dropped.length)
    warnings.push(
      `classes with fewer than ${cfg.min_labels_per_class} confident labels were dropped: ${dropped.map((x) => `${x.class} (${x.count})`).join(', ')}`,
    );
  const classes = [...rare.kept].sort((a, b) => a - b);
  const empty = (why: string): TrainJobResult => ({
    rows: { total: n, labelled, confident: kept, used: 0, train: 0, test: 0 },
    classes,
    dropped_classes: dropped,
    warnings: [...warnings, why],
    families: [],
    best: null,
    artifact: null,
  });
  if (classes.length < 2) return empty('fewer than two classes are left to learn');
  const local = new Map(classes.map((c, i) => [c, i]));
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = masked[i] >= 0 && local.has(masked[i]) ? 1 : 0;
  const capped = capImbalance(masked, mask, cfg.imbalance_factor, cfg.random_state);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (capped[i]) rows.push(i);
  const y = Int32Array.from(rows, (i) => local.get(masked[i])!);
  const split = stratifiedSplit(y, Int32Array.from(rows.keys()), cfg.test_size, cfg.random_state);
  if (!split.train.length || !split.test.length)
    return empty('too few rows to hold some out for testing');

  // inputs of the used rows; missing values → the training rows' mean
  const m = rows.length;
  const x = new Float64Array(m * d);
  rows.forEach((i, r) => x.set(data.x.subarray(i * d, (i + 1) * d), r * d));
  const impute = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let count = 0;
    for (const r of split.train) {
      const v = x[r * d + j];
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    impute[j] = count ? sum / count : 0;
  }
  for (let r = 0; r < m; r++)
    for (let j = 0; j < d; j++) if (Number.isNaN(x[r * d + j])) x[r * d + j] = impute[j];
  const scaler = fitScaler({ x, n: m, d }, split.train, cfg.scaling);
  const scaled = applyScaler(scaler, { x, n: m, d });
  const take = (idx: Int32Array) => {
    const out = new Float64Array(idx.length * d);
    idx.forEach((r, t) => out.set(scaled.x.subarray(r * d, (r + 1) * d), t * d));
    return { x: out, n: idx.length, d };
  };
  const train = take(split.train);
  const test = take(split.test);
  const kk = classes.length;
  const yTrain = Int32Array.from(split.train, (r) => y[r]);
  const yTest = Int32Array.from(split.test, (r) => y[r]);
  const soft = new Float64Array(train.n * kk);
  split.train.forEach((r, t) => {
    const i = rows[r];
    let sum = 0;
    classes.forEach((c) => (sum += data.proba[i * k + c]));
    classes.forEach((c, ci) => {
      soft[t * kk + ci] = sum > 0 ? data.proba[i * k + c] / sum : ci === yTrain[t] ? 1 : 0;
    });
  });
  onSplit?.({ train, yTrain, test, yTest, k: kk });
  const goldTest = data.gold
    ? Int32Array.from(split.test, (r) => {
        const g = data.gold![rows[r]];
        return g >= 0 && local.has(g) ? local.get(g)! : g >= 0 ? -2 : -1;
      })
    : undefined;

  const families: FamilyResult[] = [];
  const models = new Map<ModelFamily, ReturnType<typeof fitClassifier>>();
  for (const family of cfg.models) {
    try {
      const started = performance.now();
      const model = fitClassifier(family, {
        ...train,
        y: yTrain,
        k: kk,
        soft,
        seed: cfg.random_state,
      });
      const seconds = (performance.now() - started) / 1000;
      const pred = argmaxRows(model.predictProba(test), test.n, kk);
      const result: FamilyResult = {
        family,
        train_seconds: Math.round(seconds * 1000) / 1000,
        metrics: classificationReport(yTest, pred, kk),
      };
      if (goldTest) {
        let right = 0;
        let known = 0;
        goldTest.forEach((g, t) => {
          if (g === -1) return;
          known++;
          if (g === pred[t]) right++;
        });
        result.gold_accuracy = known ? right / known : null;
      }
      families.push(result);
      models.set(family, model);
    } catch (e) {
      families.push({ family, error: e instanceof Error ? e.message : String(e) });
    }
  }
  let best: FamilyResult | null = null;
  for (const f of families)
    if (
      f.metrics &&
      (!best || f.metrics[cfg.selection_metric] > best.metrics![cfg.selection_metric])
    )
      best = f;
  return {
    rows: { total: n, labelled, confident: kept, used: m, train: train.n, test: test.n },
    classes,
    dropped_classes: dropped,
    warnings,
    families,
    best: best?.family ?? null,
    artifact: best ? { impute, scaler, model: models.get(best.family)!.toJSON() } : null,
  };
}
