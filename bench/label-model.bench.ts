/**
 * `npm run bench:label-model` — the label model on 1 M rows × 20 LFs drawn from its own
 * generative model (k = 2 and k = 5): time of the overlap pass, the fit (100 epochs, which
 * includes the overlap pass) and the prediction, and accuracy against the generating labels
 * beside majority vote (ties counted in expectation). Then applying LFs to a 1 M-row rule
 * (a Parquet file, 6 columns): 10 `conditions` LFs in one DuckDB query into a label matrix, and
 * one `code` LF through its QuickJS sandbox in batches of 50,000 rows.
 *
 * Env: BENCH_ROWS (1000000), BENCH_LFS (20).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  expectedAccuracy,
  generateLabelMatrix,
  LabelModel,
  MajorityLabelVoter,
} from '../libs/label-model';
import { ColumnInfo, compileConditions, ConditionsConfig } from '../libs/lf-conditions';
import { LfSandbox } from '../libs/lf-sandbox';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const LFS = Number(process.env.BENCH_LFS ?? 20);
const out = (line: string) => process.stdout.write(`${line}\n`);

const RULE_COLUMNS: ColumnInfo[] = [
  { name: 'device', type: 'BIGINT' },
  { name: 'night_share', type: 'DOUBLE' },
  { name: 'sessions', type: 'INTEGER' },
  { name: 'vendor', type: 'VARCHAR' },
  { name: 'roams', type: 'BOOLEAN' },
  { name: 'first_seen', type: 'DATE' },
];

/** Ten conditions LFs over the rule's columns (classes 1..3). */
function tenLfs(): ConditionsConfig[] {
  const c = (column: string, op: string, value?: unknown) => ({ column, op, value }) as never;
  return [
    { label: 1, conditions: [c('night_share', '>=', 0.6)] },
    { label: 2, conditions: [c('night_share', '<', 0.2), c('sessions', '>', 20)] },
    { label: 3, conditions: [c('vendor', 'in', ['apple', 'samsung', 'google'])] },
    { label: 1, conditions: [c('roams', '=', false), c('sessions', 'between', [1, 5])] },
    { label: 2, conditions: [c('vendor', 'contains', 'print')] },
    { label: 3, conditions: [c('vendor', 'regex', '^(raspberry|esp)')] },
    { label: 1, match: 'any', conditions: [c('sessions', '<', 2), c('night_share', '>', 0.9)] },
    { label: 2, conditions: [{ not: c('vendor', 'not_null') }] },
    { label: 3, conditions: [c('first_seen', '>=', '2026-06-01'), c('roams', '=', true)] },
    { label: 1, conditions: [{ any: [c('vendor', '=', 'dell'), c('vendor', '=', 'lenovo')] }] },
  ];
}

async function applyLfs(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-lf-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  try {
    const file = path.join(dir, 'rule.parquet');
    await conn.run(`COPY (SELECT g AS device, (g * 7919 % 1000) / 1000.0 AS night_share,
        (g % 37)::INTEGER AS sessions,
        CASE g % 9 WHEN 0 THEN NULL ELSE ['apple','samsung','google','hp-printer','raspberry','esp32','dell','lenovo'][g % 8 + 1] END AS vendor,
        g % 3 = 0 AS roams, DATE '2026-01-01' + (g % 300)::INTEGER AS first_seen
      FROM range(${ROWS}) t(g)) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
    const lfs = tenLfs().map((cfg) => compileConditions(cfg, RULE_COLUMNS, [1, 2, 3]).sql);
    let t0 = performance.now();
    const L = new Int8Array(ROWS * lfs.length);
    const result = await conn.stream(
      `SELECT ${lfs.map((sql, j) => `COALESCE(${sql}, -1)::TINYINT AS lf${j}`).join(', ')} FROM read_parquet('${file}')`,
    );
    let row = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (let j = 0; j < lfs.length; j++) {
        const v = chunk.getColumnVector(j);
        for (let i = 0; i < chunk.rowCount; i++)
          L[(row + i) * lfs.length + j] = v.getItem(i) as number;
      }
      row += chunk.rowCount;
    }
    const conditionsMs = performance.now() - t0;
    const sandbox = await LfSandbox.create(
      `function labelingFunction(row) {
         if (row.vendor === null) return ABSTAIN;
         if (row.night_share > 0.7 && !row.roams) return HOME;
         return row.sessions > 30 ? WORK : ABSTAIN;
       }`,
      {
        constants: { HOME: 1, WORK: 2, OTHER: 3 },
        applicable: [1, 2, 3],
        limits: { timeMs: 10_000 },
      },
    );
    const BATCH = 50_000;
    const names = RULE_COLUMNS.map((c) => c.name);
    const reader = await conn.stream(
      `SELECT device::DOUBLE AS device, night_share, sessions, vendor, roams, CAST(first_seen AS VARCHAR) AS first_seen FROM read_parquet('${file}')`,
    );
    let readMs = 0;
    let sandboxMs = 0;
    let pending: unknown[][] = names.map(() => []);
    let voted = 0;
    const flush = () => {
      const t = performance.now();
      voted += sandbox.run({ names, columns: pending }).votes.length;
      sandboxMs += performance.now() - t;
      pending = names.map(() => []);
    };
    for (;;) {
      t0 = performance.now();
      const chunk = await reader.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const cols = chunk.getColumns();
      cols.forEach((c, j) => pending[j].push(...(c as unknown[])));
      readMs += performance.now() - t0;
      if (pending[0].length >= BATCH) flush();
    }
    if (pending[0].length) flush();
    sandbox.dispose();
    out('');
    out(`applying LFs to a ${row}-row rule (Parquet, 6 columns):`);
    out(
      `  10 conditions LFs, one DuckDB query into the label matrix: ${conditionsMs.toFixed(0)} ms (target < 2 s)`,
    );
    out(
      `  1 code LF in its sandbox: ${voted} rows in ${sandboxMs.toFixed(0)} ms = ${(((voted / sandboxMs) * 1000) / 1e6).toFixed(2)} M rows/s (target ≥ 1 M rows/s; reading the rows out of DuckDB: ${readMs.toFixed(0)} ms more)`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
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
  await applyLfs();
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
