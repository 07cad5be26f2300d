/**
 * `npm run bench:results` — results under load: the probe's 500 requests for one space-month
 * (hourly) at concurrency 50, with latency percentiles and the process's RSS; then the same
 * for the other spaces of the campus (each read once: the store, not memory); then 500 ×
 * GET /spaces on a fresh process (RSS of /spaces-only use).
 *
 * Env: BENCH_PG_URL (server, default the local PostgreSQL), BENCH_DAYS (30), BENCH_REQUESTS
 * (500), BENCH_CONCURRENCY (50). The load comes from a child process (bench/http-load.ts) over
 * loopback HTTP with keep-alive: it shares the machine's two cores, not the service's thread.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
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

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DAYS = num('BENCH_DAYS', 30);
const REQUESTS = num('BENCH_REQUESTS', 500);
const CONCURRENCY = num('BENCH_CONCURRENCY', 50);
const DAY_MS = 86_400_000;

const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** The app on the bench's databases, listening on a free loopback port. */
async function boot(dbs: BenchDatabases) {
  const app = await bootBenchApp(dbs);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, port };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function post(
  port: number,
  path: string,
  payload: unknown,
): Promise<Record<string, unknown>> {
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * `paths` requested `CONCURRENCY` at a time by a child process (bench/http-load.ts), so that
 * the load's own work does not share the service's JS thread; latencies (ms) in request order.
 */
async function load(port: number, paths: string[]): Promise<{ ms: number[]; wallMs: number }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, 'http-load.ts'),
      String(port),
      String(CONCURRENCY),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.stdin.end(JSON.stringify(paths));
  let output = '';
  for await (const chunk of child.stdout) output += chunk;
  const r = JSON.parse(output) as { ms: number[]; wallMs: number; failures: string[] };
  if (r.failures.length) throw new Error(`failed requests: ${r.failures.slice(0, 3).join('; ')}`);
  return r;
}

function report(label: string, r: { ms: number[]; wallMs: number }): number {
  const sorted = [...r.ms].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  out(
    `${label}: ${r.ms.length} requests at concurrency ${CONCURRENCY} in ${(r.wallMs / 1000).toFixed(2)} s ` +
      `(${((r.ms.length * 1000) / r.wallMs).toFixed(0)} req/s); p50 ${q(0.5).toFixed(1)} ms, ` +
      `p95 ${q(0.95).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ` +
      `RSS ${mb(process.memoryUsage().rss)}`,
  );
  return q(0.5);
}

async function main(): Promise<void> {
  const dbs = benchDatabases('res');
  const endMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const startMs = endMs - DAYS * DAY_MS;
  let app: INestApplication | undefined;
  try {
    await ensureDatabase(BENCH_PG, dbs.tippersDb);
    const gen = await writeDemoCampus(dbs.tippersUrl, {
      seed: 42,
      buildings: 6,
      floors: 5,
      rooms: 650,
      devices: 2000,
      days: DAYS,
      endTime: new Date(endMs),
    });
    out(
      `campus: ${gen.spaceCount} spaces, ${gen.sessionCount} sessions, ${DAYS} days; ${os.cpus().length} cores`,
    );
    await createAppDatabase(dbs);

    // /spaces only, on a fresh process: DuckDB and the results cache stay unused
    let booted = await boot(dbs);
    app = booted.app;
    out(`after start: RSS ${mb(process.memoryUsage().rss)}`);
    report(
      'GET /spaces?search=room&limit=100',
      await load(
        booted.port,
        Array.from({ length: REQUESTS }, () => '/spaces?search=room&limit=100'),
      ),
    );
    await app.close();

    booted = await boot(dbs);
    app = booted.app;
    const { port } = booted;
    const dataset = await post(port, '/occupancy/datasets', {
      name: 'bench: results',
      root_space_id: 1,
      start_time: new Date(startMs).toISOString(),
      end_time: new Date(endMs).toISOString(),
      interval_seconds: 3600,
      chunk_days: 1,
    });
    const id = dataset.dataset_id;
    for (;;) {
      const res = JSON.parse((await get(port, `/occupancy/datasets/${id}`)).body);
      if (res.status === 'COMPLETED') break;
      if (res.status === 'FAILED') throw new Error(`dataset FAILED: ${res.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const c = new Client({ connectionString: dbs.tippersUrl });
    await c.connect();
    const { rows } = await c.query<{ space_id: number }>(
      `SELECT space_id FROM user_ap_trajectory GROUP BY space_id ORDER BY count(*) DESC`,
    );
    await c.end();
    const busiest = rows[0].space_id;
    const one = `/occupancy/datasets/${id}/results?space_id=${busiest}`;
    const first = await get(port, one);
    out(`one space-month: space ${busiest}, ${JSON.parse(first.body).row_count} rows`);
    const p50 = report(
      'results, one space-month (the probe)',
      await load(port, Array(REQUESTS).fill(one)),
    );
    out(`p50 target < 50 ms: ${p50 < 50 ? 'PASS' : 'MISS'}`);
    const spaces = rows
      .slice(1, 1 + REQUESTS)
      .map((r) => `/occupancy/datasets/${id}/results?space_id=${r.space_id}`);
    report(`results, ${spaces.length} other spaces, each read once`, await load(port, spaces));
    report('results, the same spaces again', await load(port, spaces));
  } finally {
    await app?.close();
    agent.destroy();
    await dropBenchDatabases(dbs);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
