/**
 * `npm run bench:occupancy` — occupancy over a generated campus (≥ 600 spaces with data,
 * ≥ 500,000 sessions, 28 days), hourly, chunk_days = 1, whole campus:
 *   (a) the original system's SQL: one query per source space per 1-day chunk, sequential;
 *   (b) the read floor: the sessions in range drained through COPY ... TO STDOUT;
 *   (c) the service: POST latency and POST → COMPLETED, for `sum` and for `distinct`;
 *   (d) the same POST again (every chunk reused) → COMPLETED;
 *   (e) results of the root over the whole month as JSON (first read, then from memory);
 * then a few spaces checked against the SQL oracle (both aggregations). The objects written
 * and the phases of the runs are printed. Databases are dropped at the end.
 *
 * Env: BENCH_PG_URL (server, default the local PostgreSQL), BENCH_BUILDINGS (6), BENCH_FLOORS
 * (5), BENCH_ROOMS (650), BENCH_DEVICES (2000), BENCH_DAYS (28), BENCH_QUEUE (local | bullmq,
 * default local), BENCH_REDIS_URL (for bullmq, default redis://127.0.0.1:6379),
 * MAX_CONCURRENT_RUNS (default 16), BENCH_TIMEOUT_SECONDS (default 1800), BENCH_BASELINE=skip
 * (leaves out (a), for quick iterations on the service's side), BENCH_CPU_PROFILE=<file> (a
 * V8 CPU profile of (c)), BENCH_KEEP_DATA=1 (leave the objects in the temp dir); the service's
 * occupancy variables (SOURCE_CHUNK_SENSOR_INTERVAL, OCCUPANCY_*, CHUNK_*) are passed through.
 */
// as src/main.ts does: the service under test gets the thread pool it has in production
process.env.UV_THREADPOOL_SIZE ??= '16';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import type { INestApplication } from '@nestjs/common';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { ensureDatabase } from '../src/bootstrap/postgres-admin';
import { writeDemoCampus } from '../src/infra/tippers-db/demo-campus.writer';
import {
  BENCH_PG,
  BenchDatabases,
  benchDatabases,
  bootBenchApp,
  createAppDatabase,
  dropBenchDatabases,
} from './bench-app';
import { oracleRows } from '../test/occupancy/oracle';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CAMPUS = {
  seed: 42,
  buildings: num('BENCH_BUILDINGS', 6),
  floors: num('BENCH_FLOORS', 5),
  rooms: num('BENCH_ROOMS', 650),
  devices: num('BENCH_DEVICES', 2000),
  days: num('BENCH_DAYS', 28),
};
const QUEUE = process.env.BENCH_QUEUE === 'bullmq' ? 'bullmq' : 'local';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAX_RUNS = process.env.MAX_CONCURRENT_RUNS ?? '16';
const TIMEOUT_MS = num('BENCH_TIMEOUT_SECONDS', 1800) * 1000;
const SKIP_BASELINE = process.env.BENCH_BASELINE === 'skip';
const ROOT = 1; // the demo campus is space 1
const HOUR = 3600;
const DAY_MS = 86_400_000;

const out = (line: string) => process.stdout.write(`${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
/** Naive UTC text for `timestamp` parameters (the TIPPERS columns are naive UTC). */
const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

/** (a) One query per source space per 1-day chunk, as the original ran them, sequentially. */
async function baseline(c: Client, spaces: number[], startMs: number, days: number) {
  const sql = `
    WITH s AS (
      SELECT mac_address, start_time, end_time FROM user_ap_trajectory
      WHERE space_id = $1 AND start_time < $3::timestamp AND end_time > $2::timestamp)
    SELECT b AS interval_begin_time, COUNT(DISTINCT s.mac_address) AS number_connections
    FROM generate_series($2::timestamp, $3::timestamp - interval '1 hour', interval '1 hour') AS b
    JOIN s ON s.start_time < b + interval '1 hour' AND s.end_time > b
    GROUP BY b ORDER BY b`;
  let rows = 0;
  const t0 = performance.now();
  for (const space of spaces) {
    for (let d = 0; d < days; d++) {
      const lo = startMs + d * DAY_MS;
      rows += (await c.query(sql, [space, naive(lo), naive(lo + DAY_MS)])).rowCount ?? 0;
    }
  }
  return { ms: performance.now() - t0, queries: spaces.length * days, rows };
}

/** (b) The sessions in range, streamed out of PostgreSQL and discarded. */
async function readFloor(c: Client, startMs: number, endMs: number) {
  const sql = `COPY (SELECT space_id, mac_address, start_time, end_time FROM user_ap_trajectory
    WHERE start_time < '${naive(endMs)}' AND end_time > '${naive(startMs)}') TO STDOUT`;
  const t0 = performance.now();
  let bytes = 0;
  for await (const chunk of c.query(copyTo(sql))) bytes += (chunk as Buffer).length;
  return { ms: performance.now() - t0, bytes };
}

const QUEUE_PREFIX = `benchocc${randomBytes(3).toString('hex')}`;

async function boot(dbs: BenchDatabases) {
  // occupancy knobs (SOURCE_CHUNK_SENSOR_INTERVAL, OCCUPANCY_*, CHUNK_*) pass through
  const knobs = Object.entries(process.env).filter(
    (e): e is [string, string] => /^(OCCUPANCY_|SOURCE_CHUNK_|CHUNK_)/.test(e[0]) && !!e[1],
  );
  const env: Record<string, string> = {
    ...Object.fromEntries(knobs),
    MAX_CONCURRENT_RUNS: MAX_RUNS,
  };
  if (QUEUE === 'bullmq') Object.assign(env, { REDIS_URL: REDIS, RUN_QUEUE_PREFIX: QUEUE_PREFIX });
  const app = await bootBenchApp(dbs, env);
  await app.init();
  return app;
}

interface Timed {
  /** Wall clock (epoch ms) when the POST was sent. */
  postAt: number;
  postMs: number;
  doneMs: number;
  datasetId: string;
  totalChunks: number;
}

/** POST the whole campus, then poll GET /occupancy/datasets/{id} until COMPLETED. */
async function createAndWait(
  http: TestAgent,
  startMs: number,
  endMs: number,
  aggregation: 'sum' | 'distinct',
): Promise<Timed> {
  const t0 = performance.now();
  const postAt = Date.now();
  const res = await http.post('/occupancy/datasets').send({
    name: `bench: whole campus, hourly, ${aggregation}`,
    root_space_id: ROOT,
    start_time: new Date(startMs).toISOString(),
    end_time: new Date(endMs).toISOString(),
    interval_seconds: HOUR,
    chunk_days: 1,
    aggregation,
  });
  const postMs = performance.now() - t0;
  if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${res.text}`);
  const id: string = res.body.dataset_id;
  for (let body = res.body; ;) {
    if (body.status === 'COMPLETED') {
      return {
        postAt,
        postMs,
        doneMs: performance.now() - t0,
        datasetId: id,
        totalChunks: body.total_chunks,
      };
    }
    if (body.status === 'FAILED') throw new Error(`dataset FAILED: ${JSON.stringify(body)}`);
    if (performance.now() - t0 > TIMEOUT_MS)
      throw new Error(`not COMPLETED after ${secs(TIMEOUT_MS)}`);
    await new Promise((r) => setTimeout(r, 50));
    body = (await http.get(`/occupancy/datasets/${id}`).expect(200)).body;
  }
}

/**
 * With BENCH_CPU_PROFILE=<file>, a V8 CPU profile of this process (the service included)
 * during (c), for Chrome DevTools or any .cpuprofile viewer.
 */
async function startCpuProfile(): Promise<{ stop(): Promise<void> } | null> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return null;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      out(`    CPU profile of (c) written to ${file}`);
    },
  };
}

/** Where the time of (c) went: the chunk runs' span after the POST and their phase sums. */
async function breakdown(appUrl: string, t: Timed): Promise<void> {
  const c = await connect(appUrl);
  try {
    const { rows } = await c.query<Record<string, number>>(
      `SELECT count(*)::int AS runs, sum((params->>'chunk_count')::int)::int AS chunks,
              sum(jsonb_array_length(coalesce(metadata->'objects', '[]'::jsonb)))::int AS objects,
              coalesce(sum((metadata->>'object_bytes')::bigint), 0)::bigint AS bytes,
              (extract(epoch FROM min(started_at)) * 1000 - $1)::int AS first_start,
              (extract(epoch FROM max(ended_at)) * 1000 - $1)::int AS last_end,
              avg(extract(epoch FROM ended_at - started_at) * 1000)::int AS mean_run,
              ${['sessions', 'count', 'inputs', 'encode', 'store', 'record']
                .map((k) => `coalesce(sum((metadata->'ms'->>'${k}')::float8), 0)::int AS ${k}`)
                .join(', ')}
         FROM runs WHERE kind LIKE 'occupancy_%' AND status = 'SUCCESS'
          AND queued_at >= to_timestamp($1 / 1000.0)`,
      [t.postAt],
    );
    const r = rows[0];
    out(
      `    runs: ${r.runs} (${r.chunks} chunks), first started ${r.first_start} ms after the POST, ` +
        `last ended ${r.last_end} ms after it; mean run ${r.mean_run} ms`,
    );
    out(`    objects written: ${r.objects} (${(Number(r.bytes) / 1e6).toFixed(2)} MB)`);
    out(
      `    summed over runs (ms): sessions ${r.sessions}, count ${r.count}, inputs ${r.inputs}, ` +
        `encode ${r.encode}, store ${r.store}, record ${r.record}`,
    );
  } finally {
    await c.end();
  }
}

/** A busy room, a floor with its own sessions and children, and that floor's building. */
async function spacesToCheck(c: Client): Promise<{ label: string; id: number }[]> {
  const { rows } = await c.query<{ room: number; floor: number; building: number }>(`
    SELECT (SELECT u.space_id FROM user_ap_trajectory u
            WHERE NOT EXISTS (SELECT 1 FROM space c WHERE c.parent_space_id = u.space_id)
            GROUP BY u.space_id ORDER BY count(*) DESC, u.space_id LIMIT 1) AS room,
           f.space_id AS floor, f.parent_space_id AS building
    FROM space f
    WHERE EXISTS (SELECT 1 FROM space c WHERE c.parent_space_id = f.space_id)
      AND EXISTS (SELECT 1 FROM user_ap_trajectory u WHERE u.space_id = f.space_id)
      AND f.parent_space_id IS NOT NULL AND f.parent_space_id <> ${ROOT}
    ORDER BY f.space_id LIMIT 1`);
  const r = rows[0];
  if (!r) throw new Error('the campus has no floor with its own sessions and children');
  return [
    { label: 'busiest room', id: r.room },
    { label: 'floor with own sessions', id: r.floor },
    { label: 'its building', id: r.building },
  ];
}

async function verify(
  http: TestAgent,
  tippersUrl: string,
  t: Timed,
  startMs: number,
  endMs: number,
  aggregation: 'sum' | 'distinct',
) {
  const c = await connect(tippersUrl);
  const picks = await spacesToCheck(c).finally(() => c.end());
  let allOk = true;
  for (const { label, id } of picks) {
    const [start, end] = [new Date(startMs).toISOString(), new Date(endMs).toISOString()];
    const expected =
      (await oracleRows(tippersUrl, id, start, end, HOUR, [id], aggregation)).get(id) ?? [];
    const res = await http
      .get(`/occupancy/datasets/${t.datasetId}/results`)
      .query({ space_id: id });
    const got = res.body?.rows;
    const ok = res.status === 200 && JSON.stringify(got) === JSON.stringify(expected);
    allOk &&= ok;
    out(
      `  oracle ${aggregation.padEnd(8)} ${label.padEnd(24)} space ${String(id).padStart(5)}: ${ok ? 'OK' : 'MISMATCH'} ` +
        `(${expected.length} rows expected${ok ? '' : `, got ${res.status} ${String(res.text).slice(0, 200)}`})`,
    );
  }
  return allOk;
}

async function main(): Promise<void> {
  const dbs = benchDatabases('occ');
  const { tippersUrl, appUrl } = dbs;
  const endMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const startMs = endMs - CAMPUS.days * DAY_MS;
  let app: INestApplication | undefined;
  try {
    await ensureDatabase(BENCH_PG, dbs.tippersDb);
    const gen = await writeDemoCampus(tippersUrl, { ...CAMPUS, endTime: new Date(endMs) });
    const c = await connect(tippersUrl);
    const { rows } = await c.query<{ space_id: number }>(
      `SELECT DISTINCT space_id FROM user_ap_trajectory
       WHERE start_time < $2::timestamp AND end_time > $1::timestamp ORDER BY space_id`,
      [naive(startMs), naive(endMs)],
    );
    const sources = rows.map((r) => r.space_id);
    out(
      `campus: ${gen.spaceCount} spaces, ${sources.length} with sessions, ${gen.sessionCount} sessions, ` +
        `${CAMPUS.days} days to ${new Date(endMs).toISOString()} (generated in ${gen.seconds.toFixed(1)} s)`,
    );
    out(
      `hourly, chunk_days 1, root ${ROOT}; ${os.cpus().length} cores; queue ${QUEUE}, MAX_CONCURRENT_RUNS ${MAX_RUNS}`,
    );

    const floor = await readFloor(c, startMs, endMs);
    out(
      `(b) read floor (COPY out of the sessions in range): ${secs(floor.ms)}, ${(floor.bytes / 1e6).toFixed(1)} MB`,
    );
    const base = SKIP_BASELINE ? null : await baseline(c, sources, startMs, CAMPUS.days);
    await c.end();
    out(
      base
        ? `(a) original SQL, ${base.queries} queries sequentially: ${secs(base.ms)} (${base.rows} rows)`
        : '(a) skipped (BENCH_BASELINE=skip)',
    );

    await createAppDatabase(dbs);
    app = await boot(dbs);
    const http = request(app.getHttpServer());
    let ok = true;
    const posts: number[] = [];
    for (const aggregation of ['sum', 'distinct'] as const) {
      const elu0 = performance.eventLoopUtilization();
      const profiler = aggregation === 'sum' ? await startCpuProfile() : null;
      const first = await createAndWait(http, startMs, endMs, aggregation);
      await profiler?.stop();
      const elu = performance.eventLoopUtilization(elu0).utilization;
      out(
        `(c) ${aggregation}: POST ${first.postMs.toFixed(0)} ms, POST → COMPLETED ${secs(first.doneMs)} (${first.totalChunks} chunks)`,
      );
      await breakdown(appUrl, first);
      out(
        `    event loop busy ${(elu * 100).toFixed(0)} % of (c) (the service and this bench share one JS thread)`,
      );
      const again = await createAndWait(http, startMs, endMs, aggregation);
      out(
        `(d) ${aggregation}, same POST again (full reuse): POST ${again.postMs.toFixed(0)} ms, POST → COMPLETED ${secs(again.doneMs)}`,
      );
      posts.push(first.postMs, again.postMs);
      if (aggregation === 'sum') {
        out(
          `    first POST after a fresh start: ${first.postMs.toFixed(0)} ms   target < 300 ms   ${mark(first.postMs < 300)}`,
        );
        for (const label of ['first read', 'from memory']) {
          const t0 = performance.now();
          const res = await http.get(`/occupancy/datasets/${first.datasetId}/results`).expect(200);
          const ms = performance.now() - t0;
          out(
            `(e) results of the root, whole month, JSON (${label}): ${ms.toFixed(0)} ms, ` +
              `${res.body.row_count} rows   target < 300 ms   ${mark(ms < 300)}`,
          );
        }
      }
      if (base) {
        const vsBase = first.doneMs / base.ms;
        out(
          `(c)/(a) ${aggregation} = ${vsBase.toFixed(3)}   target ≤ 0.3   ${mark(vsBase <= 0.3)}`,
        );
      }
      const vsFloor = first.doneMs / floor.ms;
      out(`(c)/(b) ${aggregation} = ${vsFloor.toFixed(1)}   stretch ≤ 5   ${mark(vsFloor <= 5)}`);
      out(
        `(d) ${aggregation} = ${secs(again.doneMs)}   target < 0.5 s   ${mark(again.doneMs < 500)}`,
      );
      ok = (await verify(http, tippersUrl, first, startMs, endMs, aggregation)) && ok;
    }
    out(`POST latency max = ${Math.max(...posts).toFixed(0)} ms`);
    out(`correctness guard: ${ok ? 'OK' : 'MISMATCH'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await app?.close();
    // BENCH_KEEP_DATA=1 keeps the objects and both databases, to look at them
    const keep = process.env.BENCH_KEEP_DATA === '1';
    if (keep) out(`data kept in ${dbs.dataDir}; databases ${dbs.appDb}, ${dbs.tippersDb}`);
    else await dropBenchDatabases(dbs);
    if (QUEUE === 'bullmq') {
      const redis = new IORedis(REDIS, { maxRetriesPerRequest: 1 });
      const keys = await redis.keys(`${QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
