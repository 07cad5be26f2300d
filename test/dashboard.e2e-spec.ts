import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { AppProcess, startAppProcess } from './helpers/app-process';
import { chromiumPath } from './helpers/browser';
import { deleteRedisPrefix, testRedisUrl } from './helpers/redis';
import { newPrefix } from './helpers/run-engine';
import { waitFor } from './helpers/wait';

const ROOT = path.resolve(__dirname, '..');
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const exe = chromiumPath();
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (!exe && !ci)
  process.stderr.write(
    'dashboard browser tests SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)\n',
  );

/** UPDATE_SCREENSHOTS=1: the page as it is now, to docs/screenshots/<name>.png. */
async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The dashboard in Debian's Chromium, against the real service started as a newcomer starts it
 * (embedded PostgreSQL, the demo campus and concept). Under CI a missing browser is a failure.
 * UPDATE_SCREENSHOTS=1 also saves each page to docs/screenshots/.
 */
(exe || ci ? describe : describe.skip)('dashboard in a real browser', () => {
  let service: AppProcess | undefined;
  let browser: Browser | undefined;
  let base = '';
  let page: Page;
  const errors: string[] = [];

  const api = async <T>(p: string, init?: RequestInit): Promise<T> => {
    const r = await fetch(`${base}${p}`, init);
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    if (!exe) throw new Error('Chromium is required under CI: apt-get install chromium');
    // the dashboard as npm run build makes it (the service serves dist/web)
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        'web',
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    const port = await freePort();
    service = await startAppProcess({ PORT: String(port) }, 180_000);
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
  }, 240_000);

  beforeEach(async () => {
    page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
    });
  });
  afterEach(async () => {
    await page?.close();
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  }, 60_000);

  it('redirects / to the dashboard and serves its deep links', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/admin/spaces`);
    await page.goto(`${base}/admin/runs`);
    await page.getByRole('heading', { level: 1, name: /runs/i }).waitFor();
  });

  it('browses the space tree: lazy children, a space page with its subtree size, search', async () => {
    const roots = await api<{ space_id: number; space_name: string }[]>('/spaces/roots');
    const root = roots[0];
    const children = await api<{ space_id: number; space_name: string }[]>(
      `/spaces/${root.space_id}/children`,
    );
    await page.goto(`${base}/admin/spaces`);
    await page.getByRole('link', { name: root.space_name, exact: true }).waitFor();
    // children are not there until the root is opened
    expect(
      await page.getByRole('link', { name: children[0].space_name, exact: true }).count(),
    ).toBe(0);
    const toggle = page.getByRole('button', { name: `${root.space_name}: child spaces` });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    for (const c of children)
      await page.getByRole('link', { name: c.space_name, exact: true }).waitFor();
    await shot(page, 'spaces');
    // a building's page: its subtree size as the API counts it
    const building = children[0];
    const subtree = await api<unknown[]>(`/spaces/${building.space_id}/subtree?limit=1000`);
    await page.getByRole('link', { name: building.space_name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(building.space_name) }).waitFor();
    await page.getByText(new RegExp(`${subtree.length} spaces? in its subtree`)).waitFor();
    await shot(page, 'space');
    // search, kept in the URL
    await page.goto(`${base}/admin/spaces`);
    await page.getByLabel('Search spaces').fill('Floor 2');
    await page.waitForURL(/search=Floor/);
    await page
      .getByRole('link', { name: /Floor 2/ })
      .first()
      .waitFor();
  });

  it("lists runs and opens a run's event log", async () => {
    const runs = await api<{ run_id: string; kind: string; status: string }[]>('/runs?limit=5');
    expect(runs.length).toBeGreaterThan(0);
    const run = runs[0];
    const { events } = await api<{ events: { message: string }[] }>(`/runs/${run.run_id}`);
    await page.goto(`${base}/admin/runs`);
    await page
      .getByRole('link', { name: run.run_id.slice(0, 8) })
      .first()
      .click();
    await page.waitForURL(`${base}/admin/runs/${run.run_id}`);
    await page.getByRole('heading', { name: 'Event log' }).waitFor();
    await page.getByText(events[0].message, { exact: false }).first().waitFor();
    await shot(page, 'run');
    await page.goto(`${base}/admin/runs`);
    await page.getByRole('table').first().waitFor();
    await shot(page, 'runs');
  });

  it('creates an occupancy dataset through the form and charts the numbers the API gives', async () => {
    const [building] = await api<{ space_id: number; space_name: string }[]>(
      '/spaces?search=Engineering%20Hall&limit=1',
    );
    await page.goto(`${base}/admin/occupancy`);
    await page.getByLabel('Name', { exact: true }).fill('browser test week');
    await page.getByLabel('Search spaces by name').fill(building.space_name);
    await page
      .getByRole('radio', { name: new RegExp(`^${building.space_name} #${building.space_id}$`) })
      .check();
    await page.getByLabel('Interval').selectOption('3600');
    await page.getByRole('button', { name: 'Create dataset' }).click();
    await page.waitForURL(/\/admin\/occupancy\/\d+/);
    const datasetId = Number(new URL(page.url()).pathname.split('/').at(-1));
    // the chart appears once the dataset is computed; its data are the API's rows
    const chart = page.locator('.occ-chart[data-series]');
    await chart.waitFor({ timeout: 120_000 });
    const results = await api<{
      rows: { interval_begin_time: string; number_connections: number }[];
    }>(`/occupancy/datasets/${datasetId}/results?space_id=${building.space_id}`);
    const series = JSON.parse((await chart.getAttribute('data-series'))!) as {
      space_id: number;
      points: [number, number][];
    }[];
    expect(series[0].space_id).toBe(building.space_id);
    expect(series[0].points).toEqual(
      results.rows.map((r) => [Date.parse(r.interval_begin_time) / 1000, r.number_connections]),
    );
    expect(results.rows.length).toBeGreaterThan(24);
    await shot(page, 'occupancy-dataset');
    // the CSV button saves exactly what the API's CSV of that space holds
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`dataset_${datasetId}_space_${building.space_id}.csv`);
    const saved = readFileSync(await file.path(), 'utf8');
    const csv = await fetch(
      `${base}/occupancy/datasets/${datasetId}/results?space_id=${building.space_id}&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(saved).toBe(await csv.text());
    expect(saved.trim().split('\n')).toHaveLength(results.rows.length + 1);
    // zoom into the middle by dragging, then pan: later moves the span by a quarter of its width
    const over = await page.locator('.occ-chart .u-over').boundingBox();
    await page.mouse.move(over!.x + over!.width * 0.4, over!.y + over!.height / 2);
    await page.mouse.down();
    await page.mouse.move(over!.x + over!.width * 0.6, over!.y + over!.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: '← Earlier' }).click();
    const before = JSON.parse((await chart.getAttribute('data-x-range'))!) as [number, number];
    await page.getByRole('button', { name: 'Later →' }).click();
    const after = JSON.parse((await chart.getAttribute('data-x-range'))!) as [number, number];
    const width = before[1] - before[0];
    const all = series[0].points.map((p) => p[0]);
    expect(width).toBeLessThan((all.at(-1)! - all[0]) * 0.5);
    expect(after[0] - before[0]).toBeCloseTo(width * 0.25, 3);
    expect(after[1] - after[0]).toBeCloseTo(width, 3);
    await page.goto(`${base}/admin/occupancy`);
    await page.getByRole('link', { name: 'browser test week' }).waitFor();
    await shot(page, 'occupancy');
  });

  it("walks the demo concept's pipeline graph to its Snorkel job's LF summary", async () => {
    const [concept] = await api<{ c_id: number }[]>('/concepts');
    const path = `/concepts/${concept.c_id}/snorkel/jobs/1`;
    await waitFor(
      'the demo Snorkel job to succeed',
      async () => {
        const job = await api<{ status: string }>(path);
        if (['FAILURE', 'CANCELED'].includes(job.status)) throw new Error(JSON.stringify(job));
        return job.status === 'SUCCESS';
      },
      180_000,
    );
    const { results } = await api<{ results: { lf_summary: { name: string }[] } }>(
      `${path}/results`,
    );
    await page.goto(`${base}/admin/concepts`);
    await page.getByRole('link', { name: 'device kind' }).click();
    await page.getByTestId('pipeline-graph').waitFor();
    for (const id of ['node-index-1', 'node-lf-1', 'node-snorkel-1'])
      await page.getByTestId(id).waitFor();
    await shot(page, 'concept-graph');
    // keyboard: focus the Snorkel job's node and open it
    await page.getByTestId('node-snorkel-1').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('lf-summary');
    await summary.waitFor();
    const rows = summary.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(results.lf_summary.length);
    for (const lf of results.lf_summary) await summary.getByText(lf.name).first().waitFor();
    await shot(page, 'snorkel-job');
    // the classifier job the demo trained on those labels, and its registered model
    const cjob = `/concepts/${concept.c_id}/classifiers/jobs/1`;
    await waitFor(
      'the demo classifier job to succeed',
      async () => {
        const job = await api<{ status: string }>(cjob);
        if (['FAILURE', 'CANCELED'].includes(job.status)) throw new Error(JSON.stringify(job));
        return job.status === 'SUCCESS';
      },
      180_000,
    );
    const { results: cres } = await api<{ results: { best: string } }>(`${cjob}/results`);
    await page.goto(`${base}/admin/concepts/${concept.c_id}/classifiers/1`);
    await page.getByText(cres.best).first().waitFor();
    await shot(page, 'classifier-job');
    await page.goto(`${base}/admin/concepts/${concept.c_id}/models`);
    await page.getByText('device kind classifier').first().waitFor();
    await shot(page, 'models');
  });
});

/** The dashboard where the service requires API keys: it asks for one and hides what the role may not do. */
(exe || ci ? describe : describe.skip)('dashboard with API keys required', () => {
  const admin = `tps_${'A'.repeat(43)}`;
  // with Redis, runs go through BullMQ and the Runs page leads to the queue view (Bull Board)
  const redis = testRedisUrl();
  const prefix = newPrefix();
  const withRedis = redis ? it : it.skip;
  let service: AppProcess | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    if (!exe) throw new Error('Chromium is required under CI: apt-get install chromium');
    const port = await freePort();
    service = await startAppProcess(
      {
        PORT: String(port),
        AUTH_MODE: 'keys',
        ADMIN_API_KEY: admin,
        ...(redis ? { REDIS_URL: redis, RUN_QUEUE_PREFIX: prefix } : {}),
      },
      180_000,
    );
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (redis) await deleteRedisPrefix(redis, prefix);
  }, 60_000);

  const signIn = async (key: string): Promise<Page> => {
    const page = await browser!.newPage();
    await page.goto(`${base}/admin/occupancy`);
    await page.getByRole('heading', { name: 'This service needs an API key' }).waitFor();
    await page.getByLabel('API key', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Use key' }).click();
    return page;
  };

  it('asks for a key after a 401 and then shows the data, with every action for an admin', async () => {
    const page = await signIn(admin);
    await page.getByText('role: admin').waitFor();
    await page.getByRole('button', { name: 'Create dataset' }).waitFor();
    await page.close();
  });

  it("hides the actions a viewer's key may not take", async () => {
    const created = await fetch(`${base}/auth/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'browser viewer', role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const page = await signIn(key);
    await page.getByText('role: viewer').waitFor();
    await page.getByRole('heading', { level: 1, name: /occupancy/i }).waitFor();
    expect(await page.getByRole('button', { name: 'Create dataset' }).count()).toBe(0);
    if (redis) {
      await page.getByRole('link', { name: 'Runs' }).click();
      await page.getByText('The queue view (Bull Board) needs an admin API key.').waitFor();
      expect(await page.getByRole('button', { name: /Open the queue view/ }).count()).toBe(0);
    }
    await page.close();
  });

  withRedis('opens the queue view (Bull Board) from the Runs page', async () => {
    const page = await signIn(admin);
    await page.getByText('role: admin').waitFor();
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('button', { name: 'Open the queue view (Bull Board)' }).click();
    await page.waitForURL(`${base}/queues/`);
    // Bull Board's own page, signed in by the cookie the dashboard asked for
    for (const queue of ['runs-interactive', 'runs-diagnostic', 'runs-bulk'])
      await page.getByText(queue, { exact: true }).first().waitFor();
    await page.getByText('runs-bulk', { exact: true }).first().click();
    await page.waitForURL(/\/queues\/queue\/runs-bulk/);
    await page
      .getByText(/^active$/i)
      .first()
      .waitFor();
    await shot(page, 'queue-view');
    await page.close();
  });
});
