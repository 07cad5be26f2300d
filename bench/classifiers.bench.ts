/**
 * bench:classifiers — the default classifier job's training (every family) on a synthetic
 * 3-class set of 50,000 rows × 20 numeric features: training time and held-out accuracy per
 * family, and the whole job's time (target < 60 s on this machine).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Mt19937 } from '../libs/label-model/mt19937';
import { MODEL_FAMILIES } from '../libs/classifiers/model';
import { trainClassifierJob } from '../libs/classifiers/train-job';

const print = (line: string) => process.stdout.write(`${line}\n`);
const N = 50_000;
const D = 20;
const K = 3;

/** Gaussian classes with shifted means on 8 informative features, 2 nonlinear, 10 noise. */
function synthetic(seed: number) {
  const rng = new Mt19937(seed);
  const normal = () => {
    const u = Math.max(rng.random(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.random());
  };
  const x = new Float64Array(N * D);
  const label = new Int32Array(N);
  const proba = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    const y = Math.floor(rng.random() * K);
    label[i] = y;
    for (let j = 0; j < D; j++) {
      let v = normal();
      if (j < 8) v += 0.6 * Math.cos((2 * Math.PI * (y + j)) / K);
      x[i * D + j] = v;
    }
    // two features whose product carries the class (trees and kNN can use it, linear models not)
    x[i * D + 8] = normal();
    x[i * D + 9] = (y === 1 ? 1 : -1) * Math.abs(normal()) * Math.sign(x[i * D + 8] || 1);
    for (let c = 0; c < K; c++) proba[i * K + c] = c === y ? 0.9 : 0.05;
  }
  return { x, n: N, d: D, k: K, label, proba };
}

function main(): void {
  const data = synthetic(7);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-classifiers-'));
  const started = performance.now();
  const out = trainClassifierJob(
    data,
    {
      threshold_method: 'max_confidence',
      threshold_value: 0.6,
      min_labels_per_class: 10,
      imbalance_factor: 3,
      test_size: 0.2,
      random_state: 42,
      models: [...MODEL_FAMILIES],
      scaling: 'standard',
      selection_metric: 'weighted_f1',
    },
    (sets) => {
      // the split as the job saw it, for the reference implementation
      const bytes = (a: Float64Array | Int32Array) =>
        Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      writeFileSync(path.join(dir, 'train_x.f64'), bytes(sets.train.x));
      writeFileSync(path.join(dir, 'train_y.i32'), bytes(sets.yTrain));
      writeFileSync(path.join(dir, 'test_x.f64'), bytes(sets.test.x));
      writeFileSync(path.join(dir, 'test_y.i32'), bytes(sets.yTest));
      writeFileSync(path.join(dir, 'shape.txt'), `${sets.train.n} ${sets.test.n} ${sets.train.d}`);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  print(
    `${N} rows × ${D} features, ${K} classes; train ${out.rows.train}, test ${out.rows.test}\n`,
  );
  const reference = scikitLearn(dir);
  rmSync(dir, { recursive: true, force: true });
  print(
    `family                     train s   accuracy  balanced  weighted F1${reference ? '   scikit-learn 1.2 (same split): accuracy, train s, gap' : ''}`,
  );
  for (const f of out.families) {
    if (!f.metrics) {
      print(`${f.family.padEnd(26)} failed: ${f.error}`);
      continue;
    }
    const m = f.metrics;
    const ref =
      reference?.[f.family === 'logistic_regression_soft' ? 'logistic_regression' : f.family];
    const pct = (v: number) => `${(100 * v).toFixed(2).padStart(7)}%`;
    print(
      `${f.family.padEnd(26)} ${f.train_seconds!.toFixed(2).padStart(7)}   ${pct(m.accuracy)}  ${pct(m.balanced_accuracy)}  ${pct(m.weighted_f1)}` +
        (ref
          ? `     ${pct(ref.accuracy)} ${ref.seconds.toFixed(2).padStart(7)}  ${(100 * (m.accuracy - ref.accuracy)).toFixed(2).padStart(6)} pts`
          : ''),
    );
  }
  if (!reference) print('(no scikit-learn reference: apt-get install python3-sklearn to compare)');
  print(
    `\nwhole default job (all ${out.families.length} families, prep and scoring): ${seconds.toFixed(1)} s (target < 60 s); best: ${out.best}`,
  );
}

main();

/** scikit-learn's accuracy per family on the dumped split, when /usr/bin/python3 has it. */
function scikitLearn(dir: string): Record<string, { accuracy: number; seconds: number }> | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return null;
  try {
    const json = execFileSync(python, [path.join(__dirname, 'classifiers-reference.py'), dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(json) as Record<string, { accuracy: number; seconds: number }>;
  } catch {
    return null;
  }
}
