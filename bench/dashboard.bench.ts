/**
 * bench:dashboard — the dashboard's weight and first load: gzipped size of the JS loaded by
 * the first page and of all chunks (target < 500 kB gzipped), and the time from navigation to
 * the first page's heading on localhost in Debian's Chromium (target < 1 s), against the built
 * service in embedded mode; and the occupancy chart of a building with its nine floors (10 series
 * × 720 hourly points, a generated campus on the local PostgreSQL or BENCH_PG_URL): time to draw
 * and long tasks (> 50 ms) while it loads.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { chromiumPath } from '../test/helpers/browser';
import { DEFAULT_DEMO_OPTIONS } from '../libs/demo-campus';
import { ensureDatabase } from '../src/bootstrap/postgres-admin';
import { writeDemoCampus } from '../src/infra/tippers-db/demo-campus.writer';
import {
  BENCH_PG,
  benchDatabases,
  createAppDatabase,
  dropBenchDatabases,
  startBuiltService,
  waitHealthy,
} from './bench-app';

const ROOT = path.resolve(__dirname, '..');
const print = (line: string) => process.stdout.write(`${line}\n`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const exe = chromiumPath();
  if (!exe) throw new Error('no Chromium: apt-get install chromium');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const assets = path.join(ROOT, 'dist', 'web', 'assets');
  const html = readFileSync(path.join(ROOT, 'dist', 'web', 'index.html'), 'utf8');
  const entry = /src="\/admin\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  const gz = (f: string) => gzipSync(readFileSync(path.join(assets, f))).length;
  const all = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const total = all.reduce((s, f) => s + gz(f), 0);
  print(
    `entry chunk ${entry}: ${kb(gz(entry!))} gzipped; all ${all.length} JS/CSS files: ${kb(total)} gzipped (target < 500 kB)`,
  );
  for (const f of all.sort((a, b) => gz(b) - gz(a)).slice(0, 6)) print(`  ${f}: ${kb(gz(f))}`);

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
  const child: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base);
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
    const firstLoads = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const context = await browser.newContext(); // a cold cache each time
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${base}/admin/spaces`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        times.push(performance.now() - started);
        await context.close();
      }
      return times.sort((a, b) => a - b);
    };
    // as a newcomer opens it right after the start, while the demo concept is still being built
    const busy = await firstLoads();
    await demoSeeded(base);
    const idle = await firstLoads();
    // the chart: a building and its nine floors (10 series), 30 days hourly (720 points each),
    // on a generated campus served by a second service
    const chartService = await startChartService();
    const chartBase = chartService.base;
    const [building] = (await (
      await fetch(`${chartBase}/spaces?search=Engineering%20Hall&limit=1`)
    ).json()) as { space_id: number }[];
    const created = (await (
      await fetch(`${chartBase}/occupancy/datasets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'bench chart',
          root_space_id: building.space_id,
          interval_seconds: 3600,
          chunk_days: 7,
        }),
      })
    ).json()) as { dataset_id: number };
    for (let i = 0; i < 600; i++) {
      const d = (await (
        await fetch(`${chartBase}/occupancy/datasets/${created.dataset_id}`)
      ).json()) as {
        status: string;
      };
      if (d.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = globalThis as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' as never, buffered: true });
    });
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
    await cdp?.send('Profiler.enable');
    await cdp?.send('Profiler.start');
    const chartStarted = performance.now();
    await page.goto(`${chartBase}/admin/occupancy/${created.dataset_id}?compare=1`);
    const chart = page.locator('.occ-chart[data-series]');
    await chart.waitFor({ timeout: 120_000 });
    const drawn = performance.now() - chartStarted;
    const series = JSON.parse((await chart.getAttribute('data-series'))!) as {
      points: unknown[];
    }[];
    await page.waitForTimeout(500);
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    const longTasks = await page.evaluate(
      () => (globalThis as unknown as { longTasks: number[] }).longTasks,
    );
    await context.close();
    await browser.close();
    await chartService.stop();
    print(
      `chart: ${series.length} series × ${Math.max(...series.map((x) => x.points.length))} points drawn ${drawn.toFixed(0)} ms after navigation; long tasks (> 50 ms) while loading: ${longTasks.length ? longTasks.map((t) => t.toFixed(0)).join(', ') + ' ms' : 'none'}`,
    );
    const median = (t: number[]) => `median ${t[3].toFixed(0)} ms, worst ${t[5].toFixed(0)} ms`;
    print(
      `first load of /admin/spaces to its heading (cold cache, 6 loads; target < 1000 ms): ${median(idle)} on an idle service; ${median(busy)} while the demo concept is being built`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The built service on a generated campus of one building with nine floors (30 days). */
async function startChartService(): Promise<{ base: string; stop: () => Promise<void> }> {
  const dbs = benchDatabases('dashboard');
  await ensureDatabase(BENCH_PG, dbs.tippersDb);
  await writeDemoCampus(dbs.tippersUrl, {
    ...DEFAULT_DEMO_OPTIONS,
    buildings: 1,
    floors: 9,
    rooms: 90,
    devices: 900,
    days: 30,
    endTime: new Date('2026-11-01T00:00:00Z'),
  });
  await createAppDatabase(dbs);
  const service = await startBuiltService(dbs);
  return {
    base: service.base,
    stop: async () => {
      await service.stop();
      await dropBenchDatabases(dbs);
    },
  };
}

/** BENCH_PROFILE=1: the functions with the most self time while the chart loaded. */
function printProfile(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    print(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`);
}

/** Waits until the demo concept's last run (the prediction) succeeded and nothing runs. */
async function demoSeeded(base: string): Promise<void> {
  const none = async (q: string) =>
    ((await (await fetch(`${base}/runs?${q}&limit=1`)).json()) as unknown[]).length === 0;
  for (let i = 0; i < 600; i++) {
    if (
      !(await none('kind=model_predict&status=SUCCESS')) &&
      (await none('status=QUEUED')) &&
      (await none('status=STARTED'))
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the demo concept was not built within 5 minutes');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
