// PDF export speed: a 1,000-entry ranking exported as PDF (rank, HTML, fonts, Chromium print,
// atomic write, record) beside the same Chromium printing a static HTML file of the same table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  findChromium,
  PDF_OPTIONS,
} from '../../electron/io/export/chromium-printer';
import { ROUND, scoredRound } from '../io/export-fixture';
import { benchSession } from './session';

const seconds = (start: number) => (performance.now() - start) / 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3));
}

/** Chromium printing a static HTML file: launch, load, print (our options), close. */
async function printStatic(file: string, out: string): Promise<number> {
  const start = performance.now();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready.then(() => true)');
  writeFileSync(out, await page.pdf(PDF_OPTIONS));
  await browser.close();
  return seconds(start);
}

/** Median seconds of `runs` exports of `entries` entries, beside the static print. */
export async function benchPdf(
  work: string,
  entries: number,
  runs: number,
  reviewersCsv: string,
): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(work, 'pdf-'));
  const { s: session, ok } = benchSession();
  try {
    await scoredRound({ dir, ok }, entries, reviewersCsv);
    const spec = {
      round: ROUND,
      format: 'pdf' as const,
      rule: { kind: 'top' as const, n: entries },
    };
    const html = (await ok('export.preview', spec)).html ?? '';
    const staticFile = join(dir, 'static.html');
    writeFileSync(staticFile, html);
    const ours: number[] = [];
    const baseline: number[] = [];
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      rows = (await ok('export.ranking', { ...spec, path: join(dir, `ours-${run}.pdf`) })).rows;
      ours.push(seconds(start));
      baseline.push(await printStatic(staticFile, join(dir, `static-${run}.pdf`)));
    }
    return {
      rows,
      seconds: median(ours),
      chromium_static_html_seconds: median(baseline),
      ratio: Number((median(ours) / median(baseline)).toFixed(2)),
      target_ratio: 1.5,
      html_mb: Number((Buffer.byteLength(html) / 1024 / 1024).toFixed(2)),
    };
  } finally {
    session.close();
  }
}
