/**
 * `npm run bench:assets` — materializing a 1 M-row, 6-column rule from the local PostgreSQL:
 * rows/s against `COPY (same query) TO STDOUT` drained to nothing (measured in the same run),
 * the service's peak RSS while it builds (it runs built, `node dist/src/main.js`, in a process
 * of its own), the time of each build phase, and preview from Parquet latency (p50/p95 of
 * BENCH_PREVIEWS requests).
 *
 * Env: BENCH_PG_URL (server, default the local PostgreSQL), BENCH_ROWS (1000000),
 * BENCH_PREVIEWS (200).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { ensureDatabase } from '../src/bootstrap/postgres-admin';
import {
  BenchDatabases,
  benchDatabases,
  BenchService,
  createAppDatabase,
  dropBenchDatabases,
  startBuiltService,
} from './bench-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PREVIEWS = Number(process.env.BENCH_PREVIEWS ?? 200);
const RULE_SQL = 'SELECT id, n, x, label, at, flag FROM wide';
const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function fillSource(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE wide AS
    SELECT g::bigint AS id, (g % 1000)::int AS n, g / 7.0::double precision AS x,
           'device-' || (g % 5000) AS label,
           timestamptz '2026-01-01' + g * interval '1 second' AS at, g % 3 = 0 AS flag
      FROM generate_series(1, ${ROWS}) AS g`);
  await c.query('VACUUM ANALYZE wide');
  await c.end();
}

/** COPY (query) TO STDOUT drained to nothing: the floor of moving these rows out. */
async function copyBaseline(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const s = c.query(copyTo(`COPY (${RULE_SQL}) TO STDOUT WITH (FORMAT csv)`));
    s.on('data', () => undefined);
    s.on('end', resolve);
    s.on('error', reject);
  });
  const seconds = (performance.now() - started) / 1000;
  await c.end();
  return seconds;
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes (Linux). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function main(): Promise<void> {
  const dbs: BenchDatabases = benchDatabases('assets');
  let service: BenchService | undefined;
  await ensureDatabase(dbs.tippersUrl.replace(/\/[^/]*$/, '/postgres'), dbs.tippersDb);
  try {
    await createAppDatabase(dbs);
    out(`filling ${ROWS} rows × 6 columns ...`);
    await fillSource(dbs.tippersUrl);
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
    service = await startBuiltService(dbs);
    const base = service.base;
    const call = async (method: string, path: string, body?: object) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await r.json()) as Record<string, unknown>;
      if (r.status >= 300)
        throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };
    const u = new URL(dbs.tippersUrl);
    const conn = await call('POST', '/connections', {
      name: 'bench',
      host: '127.0.0.1',
      port: Number(u.port || 5432),
      database: dbs.tippersDb,
      user: decodeURIComponent(u.username) || 'postgres',
      password: decodeURIComponent(u.password) || 'unused',
    });
    const concept = await call('POST', '/concepts', { name: 'bench' });
    const cPath = `/concepts/${concept.c_id}`;
    const index = await call('POST', `${cPath}/indexes`, {
      name: 'one',
      conn_id: conn.conn_id,
      sql_query: 'SELECT 1::bigint AS id',
      key_column: 'id',
    });
    const rule = await call('POST', `${cPath}/rules`, {
      name: 'wide',
      index_id: index.index_id,
      index_column: 'id',
      sql_query: RULE_SQL,
    });
    const waitBuilt = async (path: string, runId: string) => {
      for (;;) {
        const a = await call('GET', path);
        const cur = a.current_materialization as { run_id: string } | null;
        if (cur?.run_id === runId) return a;
        const last = a.last_materialization as { status: string; error: string } | null;
        if (last && ['FAILURE', 'CANCELED'].includes(last.status)) throw new Error(last.error);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const ix = await call('POST', `${cPath}/indexes/${index.index_id}/materialize`);
    await waitBuilt(`${cPath}/indexes/${index.index_id}`, ix.run_id as string);

    const baseline1 = await copyBaseline(dbs.tippersUrl);
    const rssBefore = memory(service.child.pid!).rss;
    const hwmBefore = memory(service.child.pid!).peak;
    const started = performance.now();
    const run = await call('POST', `${cPath}/rules/${rule.r_id}/materialize`);
    const built = await waitBuilt(`${cPath}/rules/${rule.r_id}`, run.run_id as string);
    const buildSeconds = (performance.now() - started) / 1000;
    const peak = memory(service.child.pid!).peak;
    const baseline2 = await copyBaseline(dbs.tippersUrl);
    const baseline = Math.min(baseline1, baseline2);

    const latencies: number[] = [];
    for (let i = 0; i < PREVIEWS; i++) {
      const t0 = performance.now();
      const p = await call('GET', `${cPath}/rules/${rule.r_id}/preview?limit=50`);
      latencies.push(performance.now() - t0);
      if (p.source !== 'materialized') throw new Error('preview did not read the Parquet');
    }
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];

    const rows = Number(built.row_count);
    const runInfo = await call('GET', `/runs/${run.run_id as string}`);
    const phases = (runInfo.metadata as { ms?: Record<string, number> }).ms ?? {};
    out('');
    out(`rule: ${rows} rows × 6 columns, ${built.storage_key}`);
    out(
      `COPY TO STDOUT drained: ${baseline.toFixed(2)} s (${(ROWS / baseline).toFixed(0)} rows/s; best of ${baseline1.toFixed(2)} / ${baseline2.toFixed(2)} s)`,
    );
    out(
      `materialization (POST → recorded): ${buildSeconds.toFixed(2)} s (${(rows / buildSeconds).toFixed(0)} rows/s)`,
    );
    out(
      `  phases (ms): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    out(`ratio materialize / COPY rows/s: ${(baseline / buildSeconds).toFixed(2)} (target ≥ 0.50)`);
    out(
      `service RSS: ${mb(rssBefore)} before, peak ${mb(peak)} while building (peak before: ${mb(hwmBefore)}; target < 300 MB)`,
    );
    out(
      `preview from Parquet (limit 50, ${PREVIEWS} requests): p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms (target p95 < 50 ms)`,
    );
  } finally {
    await service?.stop();
    await dropBenchDatabases(dbs);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
