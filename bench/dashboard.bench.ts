/**
 * bench:dashboard — the dashboard's weight and first load: gzipped size of the JS loaded by
 * the first page and of all chunks (target < 500 kB gzipped), and the time from navigation to
 * the first page's heading on localhost in Debian's Chromium (target < 1 s), against the built
 * service in embedded mode.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { chromiumPath } from '../test/helpers/browser';

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
    for (let i = 0; i < 1800; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
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
    // the chart: a building and its floors over the demo's whole range, hourly
    const [building] = (await (
      await fetch(`${base}/spaces?search=Engineering%20Hall&limit=1`)
    ).json()) as { space_id: number }[];
    const created = (await (
      await fetch(`${base}/occupancy/datasets`, {
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
        await fetch(`${base}/occupancy/datasets/${created.dataset_id}`)
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
    const chartStarted = performance.now();
    await page.goto(`${base}/admin/occupancy/${created.dataset_id}?compare=1`);
    const chart = page.locator('.occ-chart[data-series]');
    await chart.waitFor({ timeout: 120_000 });
    const drawn = performance.now() - chartStarted;
    const series = JSON.parse((await chart.getAttribute('data-series'))!) as {
      points: unknown[];
    }[];
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate(
      () => (globalThis as unknown as { longTasks: number[] }).longTasks,
    );
    await context.close();
    await browser.close();
    print(
      `chart: ${series.length} series × ${Math.max(...series.map((x) => x.points.length))} points drawn ${drawn.toFixed(0)} ms after navigation; long tasks (> 50 ms) while loading: ${longTasks.length ? longTasks.map((t) => t.toFixed(0)).join(', ') + ' ms' : 'none'}`,
    );
    times.sort((a, b) => a - b);
    print(
      `first load of /admin/spaces to its heading (cold cache, 6 loads): median ${times[3].toFixed(0)} ms, worst ${times[5].toFixed(0)} ms (target < 1000 ms)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
