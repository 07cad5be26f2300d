/**
 * `npm run bench:label-model` — the label model on 1 M rows × 20 LFs drawn from its own
 * generative model (k = 2 and k = 5): time of the overlap pass, the fit (100 epochs, which
 * includes the overlap pass) and the prediction, and accuracy against the generating labels
 * beside majority vote (ties counted in expectation).
 *
 * Env: BENCH_ROWS (1000000), BENCH_LFS (20).
 */
import {
  generateLabelMatrix,
  LabelModel,
  MajorityLabelVoter,
  TIE_TOLERANCE,
} from '../libs/label-model';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const LFS = Number(process.env.BENCH_LFS ?? 20);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Accuracy with each tied row credited 1/|tied classes| when its true class is among them. */
function expectedAccuracy(probs: Float64Array, k: number, truth: Int8Array): number {
  let right = 0;
  for (let i = 0; i < truth.length; i++) {
    let max = -Infinity;
    for (let y = 0; y < k; y++) max = Math.max(max, probs[i * k + y]);
    let tied = 0;
    let hit = false;
    for (let y = 0; y < k; y++)
      if (Math.abs(probs[i * k + y] - max) < TIE_TOLERANCE) {
        tied++;
        if (y === truth[i]) hit = true;
      }
    if (hit) right += 1 / tied;
  }
  return right / truth.length;
}

function main(): void {
  out(`label model: ${ROWS} rows × ${LFS} LFs (synthetic, conditionally independent LFs)`);
  out('');
  out('|  k | distinct rows | overlaps | fit (100 epochs) | predict | LM accuracy | MV accuracy |');
  out('| -: | ------------: | -------: | ---------------: | ------: | ----------: | ----------: |');
  for (const k of [2, 5]) {
    const s = generateLabelMatrix({ n: ROWS, m: LFS, k, seed: 3 });
    let t0 = performance.now();
    const ov = LabelModel.overlaps(s.L, k);
    const overlapsMs = performance.now() - t0;
    t0 = performance.now();
    const model = new LabelModel(k).fit(s.L, { seed: 1 });
    const fitMs = performance.now() - t0;
    t0 = performance.now();
    const probs = model.predictProba(s.L);
    const predictMs = performance.now() - t0;
    const lm = expectedAccuracy(probs, k, s.Y);
    const mv = expectedAccuracy(new MajorityLabelVoter(k).predictProba(s.L), k, s.Y);
    out(
      `| ${k} | ${ov.groups.size} | ${overlapsMs.toFixed(0)} ms | ${fitMs.toFixed(0)} ms | ${predictMs.toFixed(0)} ms | ${(lm * 100).toFixed(2)} % | ${(mv * 100).toFixed(2)} % |`,
    );
  }
  out('');
  out('target: fit < 1 s for each k on this machine');
}

main();
