/**
 * `npm run bench:runs` — run engine throughput: creates N diagnostic runs of 0 s and measures
 * create → all SUCCESS, for each queue driver. Prints runs/s.
 *
 * Env: BENCH_PG_URL (server, default the local PostgreSQL), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; the bullmq rows are skipped if it does not answer), BENCH_RUNS
 * (default 3000), MAX_CONCURRENT_RUNS (default 16).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { ResolvedConfig, runMigrations } from '../src/bootstrap/infrastructure';
import { ensureDatabase, withDatabase } from '../src/bootstrap/postgres-admin';
import { loadConfig } from '../src/config/app-config';
import { RunsService } from '../src/runs/runs.service';
import IORedis from 'ioredis';

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_RUNS ?? 3000);
const MAX = process.env.MAX_CONCURRENT_RUNS ?? '16';

interface Scenario {
  name: string;
  env: Record<string, string>;
  extraWorkers: number;
}

async function redisAnswers(): Promise<boolean> {
  const c = new IORedis(REDIS, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.ping();
    return true;
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

async function boot(
  dbUrl: string,
  env: Record<string, string>,
  dataDir: string,
): Promise<INestApplicationContext> {
  const config: ResolvedConfig = {
    ...loadConfig({
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0',
      ...env,
    }),
    databaseUrl: dbUrl,
    tippersDbUrl: dbUrl,
    encryptionKey: randomBytes(32).toString('hex'),
    embeddedDatabase: false,
  };
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

async function scenario(s: Scenario): Promise<string> {
  const dbName = `tippers_bench_runs_${process.pid}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(PG, dbName);
  const dbUrl = withDatabase(PG, dbName);
  await runMigrations(dbUrl);
  const dataDir = path.join(os.tmpdir(), dbName);
  const apps: INestApplicationContext[] = [];
  try {
    const main = await boot(dbUrl, s.env, dataDir);
    apps.push(main);
    for (let i = 0; i < s.extraWorkers; i++)
      apps.push(await boot(dbUrl, { ...s.env, APP_ROLE: 'worker' }, dataDir));
    const runs = main.get(RunsService);
    const counter = new Client({ connectionString: dbUrl });
    await counter.connect();
    const t0 = performance.now();
    for (let i = 0; i < N; i += 500) {
      const batch = Array.from({ length: Math.min(500, N - i) }, () => ({
        kind: 'diagnostic',
        params: { seconds: 0 },
      }));
      await runs.createMany(batch);
    }
    const created = performance.now();
    for (;;) {
      const { rows } =
        await counter.query(`SELECT count(*) FILTER (WHERE status = 'SUCCESS')::int AS ok,
        count(*) FILTER (WHERE status IN ('FAILURE', 'CANCELED'))::int AS bad FROM runs`);
      if (rows[0].bad > 0) throw new Error(`${rows[0].bad} runs did not succeed`);
      if (rows[0].ok === N) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = performance.now();
    await counter.end();
    const secs = (done - t0) / 1000;
    return `${s.name.padEnd(34)} ${String(N).padStart(6)} runs  create ${(created - t0).toFixed(0).padStart(6)} ms  create→SUCCESS ${secs.toFixed(2).padStart(6)} s  ${(N / secs).toFixed(0).padStart(6)} runs/s`;
  } finally {
    for (const a of apps.reverse()) await a.close();
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  // diagnostic runs stand for any kind here: their group may use every slot
  const common = {
    MAX_CONCURRENT_RUNS: MAX,
    MAX_CONCURRENT_DIAGNOSTIC_RUNS: MAX,
    RUN_MONITOR_INTERVAL_SECONDS: '5',
  };
  const scenarios: Scenario[] = [{ name: 'local queue, 1 process', env: common, extraWorkers: 0 }];
  if (await redisAnswers()) {
    const prefix = () => `bench${randomBytes(3).toString('hex')}`;
    scenarios.push(
      {
        name: 'bullmq, 1 process',
        env: { ...common, REDIS_URL: REDIS, RUN_QUEUE_PREFIX: prefix() },
        extraWorkers: 0,
      },
      {
        name: 'bullmq, 2 processes (all + worker)',
        env: { ...common, REDIS_URL: REDIS, RUN_QUEUE_PREFIX: prefix() },
        extraWorkers: 1,
      },
    );
  } else {
    process.stdout.write(`no Redis at ${REDIS}: bullmq scenarios skipped\n`);
  }
  process.stdout.write(
    `run engine throughput: ${N} diagnostic runs of 0 s, MAX_CONCURRENT_RUNS=${MAX}, ${os.cpus().length} cores\n`,
  );
  for (const s of scenarios) process.stdout.write((await scenario(s)) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
