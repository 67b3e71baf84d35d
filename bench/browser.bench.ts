/**
 * Browser figures, measured in Debian's Chromium against the production build (`vite build` + `vite
 * preview`): the initial bundle (gzip), the load time to the first drawn cluster, frame times while the
 * simulation runs, and in-page import times. Skipped (with a line saying why) when no Chromium is installed.
 *
 * In-page figures use the bench hooks the app installs on `window.__kubecanvasBench` when the URL has
 * `?bench` (see src/app/benchHooks.ts); a figure whose hook is missing is reported as skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';
import type { Benchmark, Figure } from './types';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** The hooks the app installs for benchmarks (`?bench`). */
interface BenchHooks {
  /** Parses, validates and loads manifest text into the design; resolves with wall ms. */
  importText(text: string): Promise<number>;
  /** Replaces the design with a generated cluster of this size and starts playing. */
  loadGenerated(nodes: number, replicas: number): Promise<void>;
  /** Where the simulation runs: 'worker' (a Web Worker) or 'in-process' (the page's main thread). */
  engine?(): string;
}

/** Gzip size in kB of the JS and CSS the index page loads before anything lazy. */
export function initialBundleKb(dist: string): { js: number; css: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(js|css))"/g)];
  let js = 0;
  let css = 0;
  for (const [, file, ext] of refs) {
    const size = gzipSync(readFileSync(join(dist, file as string))).length / 1024;
    if (ext === 'js') js += size;
    else css += size;
  }
  return { js: Math.round(js * 10) / 10, css: Math.round(css * 10) / 10 };
}

function lazyChunksKb(dist: string, initial: Set<string>): number {
  let total = 0;
  for (const f of readdirSync(join(dist, 'assets'))) {
    if (!f.endsWith('.js') || initial.has(`assets/${f}`)) continue;
    total += gzipSync(readFileSync(join(dist, 'assets', f))).length / 1024;
  }
  return Math.round(total);
}

async function startPreview(outDir = 'dist'): Promise<ChildProcess> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore', detached: true },
  );
  let last = '';
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/`);
      if (res.ok) return server;
    } catch (e) {
      last = e instanceof Error ? String((e as { cause?: unknown }).cause ?? e.message) : String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (server.pid) process.kill(-server.pid);
  throw new Error(`vite preview did not start on port ${PORT} within 60 s (${last})`);
}

/** Frame intervals (ms) over `durationMs` of animation frames in the page. */
/**
 * Frame intervals (ms) over `durationMs` of animation frames in the page. The page code is a string: the
 * bench runs through tsx, whose transform would add helpers the page does not have.
 */
async function frameTimes(page: Page, durationMs: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const end = last + ${Number(durationMs)};
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(times.slice(1));
    };
    requestAnimationFrame(tick);
  })`);
}

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;
};

/** Frames per second from frame intervals: frames shown over the time they took. */
const fps = (intervals: number[]): number =>
  Math.round(
    (intervals.length * 1000) /
      Math.max(
        1,
        intervals.reduce((a, b) => a + b, 0),
      ),
  );

/** Starts collecting main-thread long tasks (> 50 ms) in the page; `takeLongTasks` reads and clears them. */
const WATCH_LONG_TASKS = `(() => {
  window.__kcLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__kcLongTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
})()`;
const takeLongTasks = async (page: Page): Promise<number[]> =>
  (await page.evaluate(
    `(() => { const t = window.__kcLongTasks ?? []; window.__kcLongTasks = []; return t; })()`,
  )) as number[];

/** Drags the canvas and zooms with the wheel for `durationMs`, as a person exploring a big cluster. */
async function panAndZoom(page: Page, durationMs: number): Promise<void> {
  const end = Date.now() + durationMs;
  let dir = 1;
  while (Date.now() < end) {
    await page.mouse.move(720, 450);
    await page.mouse.down();
    await page.mouse.move(720 + 200 * dir, 450 + 80 * dir, { steps: 10 });
    await page.mouse.up();
    await page.mouse.wheel(0, 240 * dir);
    dir = -dir;
  }
}

/** Loads a generated cluster and gives it `settleMs` of wall time to schedule and start its pods. */
async function loadGenerated(page: Page, nodes: number, pods: number, settleMs: number): Promise<void> {
  await page.evaluate(`window.__kubecanvasBench.loadGenerated(${nodes}, ${pods})`);
  await page.waitForTimeout(settleMs);
}

async function measurePage(quick: boolean, report: (f: Figure) => void): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const started = Date.now();
    // BENCH_ENGINE=main measures the simulation on the page's main thread (the fallback), for comparison.
    const engine = process.env.BENCH_ENGINE === 'main' ? '&engine=main' : '';
    await page.goto(`http://127.0.0.1:${PORT}/?bench${engine}`);
    await page.locator('[data-kind="Node"]').first().waitFor({ timeout: 30_000 });
    report({ name: 'app.load_to_first_node_ms', value: Date.now() - started, unit: 'ms' });
    await page.evaluate(WATCH_LONG_TASKS);
    report({
      name: 'app.fps_example_cluster',
      value: fps(await frameTimes(page, quick ? 1000 : 3000)),
      unit: 'fps',
    });
    if (!(await page.evaluate(`'__kubecanvasBench' in window`))) {
      console.log('app: the page has no bench hooks (?bench): in-page figures skipped');
      return;
    }
    const where = await page.evaluate(`window.__kubecanvasBench.engine?.() ?? 'in-process'`);
    console.log(`app: the simulation runs ${where === 'worker' ? 'in a Web Worker' : 'on the main thread'}`);
    report({ name: 'app.engine_in_worker', value: where === 'worker' ? 1 : 0, unit: 'bool' });
    const [n1, p1] = quick ? [20, 200] : [100, 1000];
    await loadGenerated(page, n1, p1, quick ? 1500 : 5000);
    await takeLongTasks(page);
    const animating = await frameTimes(page, quick ? 1000 : 4000);
    report({ name: `app.fps_${n1}_nodes_${p1}_pods_running`, value: fps(animating), unit: 'fps' });
    report({
      name: `app.frame_ms_p95_${n1}_nodes_${p1}_pods`,
      value: percentile(animating, 0.95),
      unit: 'ms',
    });
    const long1 = await takeLongTasks(page);
    report({ name: `app.long_tasks_over_50ms_${n1}_nodes`, value: long1.length, unit: 'tasks' });
    report({ name: `app.longest_task_${n1}_nodes_ms`, value: Math.round(Math.max(0, ...long1)), unit: 'ms' });
    const [n2, p2] = quick ? [50, 500] : [500, 5000];
    await loadGenerated(page, n2, p2, quick ? 1500 : 10_000);
    await takeLongTasks(page);
    // The simulation runs on its own (no input): the main thread only applies its changes and draws.
    await page.waitForTimeout(quick ? 1500 : 4000);
    const running = await takeLongTasks(page);
    report({
      name: `app.longest_task_${n2}_nodes_running_ms`,
      value: Math.round(Math.max(0, ...running)),
      unit: 'ms',
    });
    const [panning] = await Promise.all([
      frameTimes(page, quick ? 1500 : 4000),
      panAndZoom(page, quick ? 1500 : 4000),
    ]);
    report({ name: `app.fps_pan_zoom_${n2}_nodes_${p2}_pods`, value: fps(panning), unit: 'fps' });
    const long2 = await takeLongTasks(page);
    report({ name: `app.longest_task_${n2}_nodes_ms`, value: Math.round(Math.max(0, ...long2)), unit: 'ms' });
    report({ name: `app.long_tasks_over_50ms_${n2}_nodes`, value: long2.length, unit: 'tasks' });
  } finally {
    await browser.close();
  }
}

export const browserBenchmark: Benchmark = {
  name: 'app',
  async run(options, report) {
    if (!existsSync(CHROMIUM)) {
      console.log(`app: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
      return;
    }
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const initial = new Set(
      [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string),
    );
    const { js, css } = initialBundleKb(DIST);
    report({ name: 'app.initial_js_gzip_kb', value: js, unit: 'kB' });
    report({ name: 'app.initial_css_gzip_kb', value: css, unit: 'kB' });
    report({ name: 'app.lazy_js_gzip_kb', value: lazyChunksKb(DIST, initial), unit: 'kB' });
    const server = await startPreview();
    try {
      await measurePage(options.quick, report);
    } finally {
      if (server.pid) process.kill(-server.pid);
    }
  },
};

/**
 * The in-page import figures (group `io.browser`, run with `--only io` or `--only io.browser`): the first
 * (cold) import, then warm: parse + validate + load of 1,000 objects, and the 3 MB file of 2,000
 * Deployments (parsed and validated in the import worker, loaded in batches) with the longest main-thread
 * task while it loads.
 */
async function measureImports(report: (f: Figure) => void): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?bench&demo=empty`);
    await page.locator('.react-flow__pane').waitFor({ timeout: 30_000 });
    if (!(await page.evaluate(`'__kubecanvasBench' in window`))) {
      console.log('io.browser: the page has no bench hooks (?bench): skipped');
      return;
    }
    await page.evaluate(WATCH_LONG_TASKS);
    const { bigDeploymentsText, ioBenchText } = await import('./ioText');
    // The text reaches the page first, in a task of its own (a 3 MB argument of page.evaluate takes the
    // page tens of ms to receive): the figures and the long tasks then start with the import itself, as
    // when a person drops a file (the browser reads it off the main thread).
    const importInPage = async (text: string): Promise<number> => {
      await page.evaluate(
        ([t]) => {
          (window as unknown as { __kcText: string }).__kcText = t as string;
        },
        [text],
      );
      // The long-task observer reports in a task of its own: let it, then forget that task.
      await page.waitForTimeout(200);
      await takeLongTasks(page);
      return Math.round(
        (await page.evaluate(() => {
          const w = window as unknown as { __kubecanvasBench: BenchHooks; __kcText: string };
          const t = w.__kcText;
          w.__kcText = '';
          return w.__kubecanvasBench.importText(t);
        })) as number,
      );
    };
    const empty = async (): Promise<void> => {
      await page.evaluate(`window.__kubecanvasBench.loadGenerated(0, 0)`);
      await page.waitForTimeout(1000);
      await takeLongTasks(page);
    };
    // The first import starts the import worker and loads the Kubernetes schema: measured on its own.
    const cold = await importInPage('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warm-up\n');
    report({ name: 'io.browser_first_import_cold_ms', value: cold, unit: 'ms' });
    await empty();
    // Where an import's time went (the hook's breakdown): the worker's parse, validation and JSON
    // writing, the page's reading of the JSON and loading into the design, then the engine and drawing.
    const phases = async (prefix: string): Promise<void> => {
      const t = (await page.evaluate(`window.__kubecanvasBench.lastImport`)) as
        Record<string, number> | undefined;
      if (!t) return;
      for (const [phase, value] of Object.entries(t)) {
        if (phase === 'workers') {
          report({ name: `${prefix.replace('_phase', '')}_import_workers`, value, unit: 'workers' });
          continue;
        }
        report({
          name: `${prefix}_${phase.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_ms`,
          value: Math.round(value),
          unit: 'ms',
        });
      }
    };
    // Three imports of the same 1,000 objects into an empty design: the figure is their median (one
    // import on a 2-core machine varies by a third from run to run), the first and the slowest beside it;
    // the phases are the median import's.
    const runs: Array<{ ms: number; phases: unknown }> = [];
    for (let i = 0; i < 3; i++) {
      const ms = await importInPage(ioBenchText(1000));
      runs.push({ ms, phases: await page.evaluate(`window.__kubecanvasBench.lastImport`) });
      await empty();
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[1] as (typeof runs)[number];
    report({ name: 'io.browser_parse_validate_load_1000_objects_ms', value: median.ms, unit: 'ms' });
    report({ name: 'io.browser_1000_objects_first_ms', value: runs[0]?.ms ?? 0, unit: 'ms' });
    report({
      name: 'io.browser_1000_objects_slowest_ms',
      value: Math.max(...runs.map((r) => r.ms)),
      unit: 'ms',
    });
    await page.evaluate(`window.__kubecanvasBench.lastImport = ${JSON.stringify(median.phases)}`);
    await phases('io.browser_1000_phase');
    const big = bigDeploymentsText();
    const bigMs = await importInPage(big);
    const long = await takeLongTasks(page);
    report({ name: 'io.browser_3mb_2000_deployments_to_loaded_ms', value: bigMs, unit: 'ms' });
    await phases('io.browser_3mb_phase');
    report({
      name: 'io.browser_3mb_longest_main_thread_task_ms',
      value: Math.round(Math.max(0, ...long)),
      unit: 'ms',
    });
    report({ name: 'io.browser_3mb_long_tasks_over_50ms', value: long.length, unit: 'tasks' });
    // The imported design, fitted whole (zoomed far out, its 2,000 cards are one overview), explored.
    await page.waitForTimeout(2000);
    await takeLongTasks(page);
    const [panning] = await Promise.all([frameTimes(page, 3000), panAndZoom(page, 3000)]);
    report({ name: 'io.browser_3mb_fps_pan_zoom_fitted', value: fps(panning), unit: 'fps' });
    const panLong = await takeLongTasks(page);
    report({
      name: 'io.browser_3mb_longest_task_pan_zoom_ms',
      value: Math.round(Math.max(0, ...panLong)),
      unit: 'ms',
    });
  } finally {
    await browser.close();
  }
}

export const browserIoBenchmark: Benchmark = {
  name: 'io.browser',
  async run(_options, report) {
    if (!existsSync(CHROMIUM)) {
      console.log(`io.browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
      return;
    }
    // Its own build directory (BENCH_DIST), so it can run beside other builds of this checkout.
    const outDir = process.env.BENCH_DIST ?? 'dist';
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('vite build failed');
    const server = await startPreview(outDir);
    try {
      await measureImports(report);
    } finally {
      if (server.pid) process.kill(-server.pid);
    }
  },
};
