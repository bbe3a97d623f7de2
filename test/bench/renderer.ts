// The window's speed as people feel it, in Chromium through the local host (the app's own page
// and API, as the end-to-end tests use them): a cold start to an interactive list of 50,000
// entries, the page's memory after scrolling through all of it, and the time from a click on a
// queue item to its scoring form. Each beside a baseline of the same Chromium in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HOST_TOKEN_HEADER } from '../../electron/api/channels';
import { CHROMIUM_ARGS, findChromium } from '../../electron/io/export/chromium-printer';
import { writeBloomCsv } from '../support/big-csv';
import { benchSession } from './session';

const repo = resolve(__dirname, '..', '..');
const ROUND = '初赛·江苏';
const REVIEWER = 'EXP001';

const ms = (value: number) => Number(value.toFixed(1));

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    ms(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    runs: values.length,
    median_ms: at(0.5),
    p95_ms: at(0.95),
    max_ms: ms(sorted.at(-1) ?? 0),
  };
}

/** A project of `entries` 绽放杯 entries, the sample experts, and a round of one province assigned. */
async function buildProject(work: string, entries: number, reviewersCsv: string): Promise<string> {
  const { s: session, ok } = benchSession();
  const project = join(work, `window-${entries}.sailreview`);
  const csv = join(work, `window-${entries}.csv`);
  await writeBloomCsv(csv, entries);
  await ok('project.create', { path: project });
  await ok('entries.import', { path: csv, programme: 'bloom' });
  await ok('reviewers.import', { path: reviewersCsv });
  await ok('rounds.create', {
    name: ROUND,
    programme: 'bloom',
    stage: '初赛',
    provinces: ['江苏省'],
  });
  await ok('rounds.start', { round: ROUND });
  await ok('assignments.run', { round: ROUND, per_entry: 3, seed: 1 });
  session.close();
  return project;
}

interface Host {
  url: string;
  origin: string;
  token: string;
  /** Calls an operation over the host's HTTP API, as the page does; throws on a failure. */
  op: (name: string, input: unknown) => Promise<unknown>;
  stop(): void;
}

/** The built local host on a free port, with no project open. */
export async function launchHost(work: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    [join(repo, 'dist/electron/host.cjs'), '--port', '0', '--workspace', work],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)?.[1];
      if (found) done(found);
    });
    child.once('exit', (code) => fail(new Error(`host exited (${code})`)));
  });
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  const op = async (name: string, input: unknown) => {
    const response = await fetch(`${origin}/api/op/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value?: unknown };
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
    return result.value;
  };
  return { url, origin, token, op, stop: () => void child.kill() };
}

/** The built local host on a free port, with the project open. */
async function startHost(work: string, project: string): Promise<Host> {
  const host = await launchHost(work);
  await host.op('project.open', { path: project });
  return host;
}

/** The JS heap in use after a full collection, in MB (Chrome DevTools Protocol). */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
  return Number((used / 2 ** 20).toFixed(1));
}

/**
 * Until an element matching `selector` is in the page (unless `attached`, drawn with a box; with
 * `text`, holding it), looked for in the page at every frame: Playwright's own waits look again
 * after 20, 50, 100, 100 and then every 500 ms, which would add up to half a second to a figure.
 */
export async function seen(
  page: Page,
  selector: string,
  { attached = false, text }: { attached?: boolean; text?: string } = {},
): Promise<void> {
  await page.waitForFunction(
    ({ selector, attached, text }) => {
      const element = document.querySelector(selector);
      return (
        element !== null &&
        (attached || element.getClientRects().length > 0) &&
        (text === undefined || element.textContent.includes(text))
      );
    },
    { selector, attached, text },
    { polling: 'raf' },
  );
}

/** From the link to the entry list showing its total and first rows. */
async function startToList(page: Page, load: () => Promise<unknown>, entries: number) {
  const start = performance.now();
  await load();
  await seen(page, '[data-testid="project-name"]');
  const shown = performance.now() - start;
  await page.getByTestId('nav-entries').click();
  await seen(page, `[data-testid="entries-total"][data-total="${entries}"]`, { attached: true });
  await seen(page, '.sail-grid-row:not(.is-loading)');
  return { ms: performance.now() - start, shown };
}

/**
 * The app's window as Chromium can stand in for it: an app window (`--app`: no tabs, address
 * bar or the browser's own pages behind them, which a fresh browser window loads on the same
 * two cores while the app starts, and which the Electron window never has), on a profile of
 * its own, fresh for each cold start.
 */
async function appWindow(work: string) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--app=data:text/html,'],
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * A cold start (a fresh profile: nothing cached, every script compiled) and then a warm one
 * (the same profile again, as the app's window opens after its first launch: scripts from the
 * cache with their compiled code); first, the same window showing a static page.
 */
async function coldAndWarm(work: string, url: string, entries: number) {
  const { context, page } = await appWindow(work);
  const floor = await staticPage(page);
  const cold = await startToList(page, () => page.goto(url), entries);
  // Loaded again (the same link would only move within the page).
  const warm = await startToList(page, () => page.reload(), entries);
  return { page, context, floor, cold, warm };
}

/** A static page of the list's first 100 rows shown in `page`: the floor. */
async function staticPage(page: Page): Promise<number> {
  const rows = Array.from(
    { length: 100 },
    (_, i) =>
      `<tr><td>B${String(i + 1).padStart(7, '0')}</td><td>5G+智慧应用示范项目${i + 1}</td></tr>`,
  ).join('');
  const start = performance.now();
  await page.setContent(`<!doctype html><meta charset="utf-8"><table>${rows}</table>`);
  await page.locator('tr').last().waitFor();
  return performance.now() - start;
}

/** The same Chromium showing a static page of the list's first 100 rows: the floor. */
export async function staticBaseline(browser: Browser): Promise<number> {
  const page = await browser.newPage();
  const elapsed = await staticPage(page);
  await page.close();
  return elapsed;
}

/** Scrolls the list from top to bottom a screen at a time, each screen's rows drawn. */
async function scrollThrough(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="entries-table"]');
    if (!scroller) throw new Error('no entry table');
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    // Every row in view drawn (its page fetched), not a placeholder.
    const drawn = async () => {
      while (scroller.querySelector('.sail-grid-row.is-loading')) await frame();
    };
    let steps = 0;
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      // Five screens a step: every page of rows is still fetched and drawn on the way down.
      scroller.scrollTop += 5 * scroller.clientHeight;
      await frame();
      await drawn();
      steps += 1;
    }
    return steps;
  });
}

/** Clicks queue items one after another; the time from each click to its form, in the page. */
async function formOpenings(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const items = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="queue-item"]'));
    const summary = () =>
      document.querySelector('[data-testid="entry-summary"]')?.textContent ?? '';
    const times: number[] = [];
    for (const item of items.slice(1, n + 1)) {
      const code = item.querySelector('.sail-queue-meta .ant-typography')?.textContent ?? '';
      const before = summary();
      const start = performance.now();
      item.click();
      await new Promise<void>((done) => {
        const check = () => {
          const now = summary();
          const shown = now !== before && (code === '' || now.includes(code));
          if (shown && document.querySelector('input[data-score-input]')) done();
          else requestAnimationFrame(check);
        };
        check();
      });
      times.push(performance.now() - start);
    }
    return times;
  }, count);
}

export async function benchRenderer(work: string, entries: number, reviewersCsv: string) {
  const project = await buildProject(work, entries, reviewersCsv);
  const host = await startHost(work, project);
  try {
    const starts: number[] = [];
    const warmStarts: number[] = [];
    const shown: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await coldAndWarm(work, host.url, entries);
      baselines.push(run.floor);
      starts.push(run.cold.ms);
      shown.push(run.cold.shown);
      warmStarts.push(run.warm.ms);
      await run.context.close();
    }
    const { page, context } = await coldAndWarm(work, host.url, entries);
    const before = await heapMb(page);
    const domBefore = await page.evaluate(() => document.getElementsByTagName('*').length);
    const screens = await scrollThrough(page);
    const after = await heapMb(page);
    const domAfter = await page.evaluate(() => document.getElementsByTagName('*').length);

    await page.evaluate(
      ({ path, round, reviewer }) =>
        localStorage.setItem(
          'sail.app',
          JSON.stringify({ state: { remembered: { [path]: { round, reviewer } } }, version: 0 }),
        ),
      { path: project, round: ROUND, reviewer: REVIEWER },
    );
    await page.reload();
    await page.getByTestId('nav-scoring').click();
    await page.locator('input[data-score-input]').first().waitFor();
    const openings = await formOpenings(page, 20);
    await context.close();

    const cold = stats(starts);
    const floor = stats(baselines);
    return {
      entries,
      cold_start: { ...cold, target_ms: 2000 },
      // Of which: the link to the app showing its project (the page loaded, the session read).
      app_shown: stats(shown),
      warm_start: { ...stats(warmStarts), target_ms: 2000 },
      static_page_baseline: floor,
      cold_start_ratio: Number((cold.median_ms / Math.max(floor.median_ms, 1)).toFixed(1)),
      scroll: {
        steps_of_five_screens: screens,
        heap_before_mb: before,
        heap_after_mb: after,
        dom_nodes_before: domBefore,
        dom_nodes_after: domAfter,
      },
      form_open: { ...stats(openings), target_ms: 100 },
    };
  } finally {
    host.stop();
  }
}
