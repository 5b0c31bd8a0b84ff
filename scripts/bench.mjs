#!/usr/bin/env node
// Measures the wizard as people feel it, and prints a table of medians. Not part of the tests:
// figures vary from machine to machine; the budgets are checked by reading them.
//
//   node scripts/bench.mjs [runs]     (default 5 cold loads per figure; writes BENCHMARKS.md)
//
// It builds the release app and the receiver, serves both the app and a plain static page of
// the same start-page content (the baseline) from the receiver on loopback, and measures each in
// headless Debian Chromium, unthrottled and under DevTools "Slow 4G" with 4x CPU slowdown:
// first-load transfer (bytes as sent, compressed) and requests, time to the app-interactive
// mark (for the baseline: the load event), LCP and CLS; then the time from pressing Continue to
// the next page's heading, the wasm's size, and Lighthouse (mobile) scores.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const RUNS = Number(process.argv[2] ?? 5);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.47 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const env = { ...process.env, PATH: `${path.resolve('node_modules/.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
console.error('==> Building the release app and the receiver');
run('trunk', ['build', '--release']);
run('cargo', ['build', '--release', '-p', 'rj-receiver']);

function serve(dist) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rj-bench-'));
  // `serve` needs a key to seal referrals with; this one is thrown away with the directory.
  execFileSync('target/release/rj-receiver', ['keygen', '--out', path.join(dir, 'receiver.key')], { stdio: 'ignore' });
  const proc = spawn('target/release/rj-receiver', ['serve', '--listen', '127.0.0.1:0', '--db', path.join(dir, 'db.sqlite3'), '--dist', dist, '--key-file', path.join(dir, 'receiver.key')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    proc.stdout.once('data', (d) => resolve({ url: String(d).match(/http:\/\/\S+/)[0], stop: () => proc.kill() }));
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });

/** One cold load in a fresh context: what was transferred, and when the page was usable. */
async function coldLoad(url, { slow, app }) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', () => { requests += 1; });
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  if (app) await page.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(slow ? 1500 : 500);
  const figures = await page.evaluate((isApp) => ({
    interactive: isApp ? performance.getEntriesByName('app-interactive')[0].startTime : performance.getEntriesByType('navigation')[0].loadEventEnd,
    lcp: window.__lcp,
    cls: window.__cls,
  }), app);
  await context.close();
  return { ...figures, bytes, requests };
}

async function measure(url, app) {
  const out = {};
  for (const slow of [false, true]) {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(url, { slow, app }));
    const key = slow ? 'slow' : 'fast';
    out[key] = Object.fromEntries(['bytes', 'requests', 'interactive', 'lcp', 'cls'].map((k) => [k, median(loads.map((l) => l[k]))]));
  }
  return out;
}

/** Median time from pressing Continue to the next question's heading. */
async function continueToHeading(url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(`${url}/question/referrer`);
    await page.locator('#referrer-police').check();
    times.push(await page.evaluate(() => new Promise((resolve) => {
      const before = document.querySelector('main h1').textContent;
      const t0 = performance.now();
      document.querySelector('button[type=submit]').click();
      const check = () => (document.querySelector('main h1')?.textContent !== before ? resolve(performance.now() - t0) : requestAnimationFrame(check));
      check();
    })));
    await page.close();
  }
  return median(times);
}

function lighthouse(url) {
  const out = execFileSync('lighthouse', [url, '--output=json', '--quiet', '--only-categories=performance,accessibility,best-practices',
    `--chrome-flags=--headless=new ${FLAGS.join(' ')}`], { env: { ...env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 1 << 28 });
  const report = JSON.parse(out);
  return Object.fromEntries(['performance', 'accessibility', 'best-practices'].map((c) => [c, Math.round(report.categories[c].score * 100)]));
}

// The baseline: the start page's own HTML, as the app renders it, with the same stylesheet.
const app = await serve('dist');
const shot = await browser.newPage();
await shot.goto(app.url);
await shot.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0);
const appHtml = await shot.evaluate(() => document.querySelector('.rj-app').outerHTML);
await shot.close();
const css = readdirSync('dist').find((f) => /^main-.*\.css$/.test(f));
const baseDir = mkdtempSync(path.join(tmpdir(), 'rj-baseline-'));
copyFileSync(path.join('dist', css), path.join(baseDir, css));
const baseHtml = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Refer a case to restorative justice</title><meta name="description" content="Baseline"><link rel="icon" href="data:,"><link rel="stylesheet" href="/${css}"></head><body>${appHtml}</body></html>`;
writeFileSync(path.join(baseDir, 'index.html'), baseHtml);
for (const name of readdirSync(baseDir)) {
  const bytes = readFileSync(path.join(baseDir, name));
  writeFileSync(path.join(baseDir, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(path.join(baseDir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
}
const base = await serve(baseDir);

console.error(`==> Measuring (${RUNS} cold loads per figure)`);
const ours = await measure(app.url, true);
const theirs = await measure(base.url, false);
const continueMs = await continueToHeading(app.url);
console.error('==> Lighthouse (mobile)');
const lhOurs = lighthouse(app.url);
const lhBase = lighthouse(base.url);
await browser.close();
app.stop();
base.stop();

const wasmFile = readdirSync('dist').find((f) => f.endsWith('.wasm'));
const wasm = readFileSync(path.join('dist', wasmFile));
const wasmSizes = { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length, brotli: brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };

const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const ms = (t) => `${Math.round(t)} ms`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');
const rows = [
  ['First-load transfer (compressed), unthrottled', kb(ours.fast.bytes), kb(theirs.fast.bytes), ratio(ours.fast.bytes, theirs.fast.bytes), '<= 120 kB'],
  ['Requests on first load', ours.fast.requests, theirs.fast.requests, ratio(ours.fast.requests, theirs.fast.requests), '<= 5'],
  ['Interactive (app-interactive / load), unthrottled', ms(ours.fast.interactive), ms(theirs.fast.interactive), ratio(ours.fast.interactive, theirs.fast.interactive), ''],
  ['Interactive, Slow 4G + 4x CPU', ms(ours.slow.interactive), ms(theirs.slow.interactive), ratio(ours.slow.interactive, theirs.slow.interactive), '<= 2500 ms'],
  ['LCP, unthrottled', ms(ours.fast.lcp), ms(theirs.fast.lcp), ratio(ours.fast.lcp, theirs.fast.lcp), ''],
  ['LCP, Slow 4G + 4x CPU', ms(ours.slow.lcp), ms(theirs.slow.lcp), ratio(ours.slow.lcp, theirs.slow.lcp), ''],
  ['CLS, unthrottled / Slow 4G', `${ours.fast.cls.toFixed(3)} / ${ours.slow.cls.toFixed(3)}`, `${theirs.fast.cls.toFixed(3)} / ${theirs.slow.cls.toFixed(3)}`, '', '<= 0.01'],
  ['Continue to next heading', ms(continueMs), '', '', ''],
  ['wasm raw / gzip / brotli', `${kb(wasmSizes.raw)} / ${kb(wasmSizes.gzip)} / ${kb(wasmSizes.brotli)}`, '', '', 'raw <= 300 kB'],
  ['Lighthouse performance', lhOurs.performance, lhBase.performance, '', '>= 95'],
  ['Lighthouse accessibility', lhOurs.accessibility, lhBase.accessibility, '', '100'],
  ['Lighthouse best practices', lhOurs['best-practices'], lhBase['best-practices'], '', '100'],
];
const table = ['| figure (median of ' + RUNS + ') | the wizard | static baseline | ratio | budget |', '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Debian Chromium ${browser.version?.() ?? ''}`.trim();
console.log(table);
const doc = readFileSync('BENCHMARKS.md', 'utf8');
const marker = '<!-- results -->';
const results = `${marker}\nMeasured on ${new Date().toISOString().slice(0, 10)}, on ${machine}, by \`node scripts/bench.mjs ${RUNS}\`.\n\n${table}\n`;
writeFileSync('BENCHMARKS.md', doc.includes(marker) ? doc.slice(0, doc.indexOf(marker)) + results : `${doc}\n${results}`);
console.error('==> Wrote the results into BENCHMARKS.md');
