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
// mark (for the baseline: the load event), when the start page is ready (shown, with a working
// Start now), LCP and CLS; then the time from pressing Continue to the next page's heading; the
// whole journey of a police referral, start page to confirmation, as the wizard and as a
// server-rendered site of one page per question (generated from the app's own pages by
// `rj-prerender journey`, served by the receiver, so every step pays its round trip); the
// wasm's size, and Lighthouse (mobile) scores.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ANSWERS, QuestionPage } from '../tests/e2e/wizard.mjs';

const RUNS = Number(process.argv[2] ?? 5);
// A whole journey takes the page-per-question site half a minute under Slow 4G: fewer runs.
const JOURNEYS = Math.min(RUNS, 3);
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

/** A page is ready when it is painted and its links work: the later of its first contentful
 * paint and the end of parsing. The same for every page measured. */
const definePageReady = () => {
  window.pageReady = () => Math.max(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
    performance.getEntriesByType('navigation')[0].domInteractive);
};

/** One cold load in a fresh context: what was transferred, and when the page was usable. */
async function coldLoad(url, { slow, app }) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
  await context.addInitScript(definePageReady);
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
    ready: pageReady(),
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
    out[key] = Object.fromEntries(['bytes', 'requests', 'interactive', 'ready', 'lcp', 'cls'].map((k) => [k, median(loads.map((l) => l[k]))]));
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

// The whole journey: a police referral, every question answered as the browser tests answer it.
const JOURNEY_ANSWERS = { ...ANSWERS, referrer: 'police' };

/** A fresh browser context under Slow 4G + 4x CPU, with its cache on, as a person's is. */
async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
  await context.addInitScript(definePageReady);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page };
}

/**
 * The time a person waits for pages over the wizard's journey: from opening the start page
 * until the app runs (counted whole, though the page can be read sooner), then from each press
 * of Start now, Continue and Send referral until the next page's heading is painted.
 */
async function wizardJourney(url, steps) {
  const { context, page } = await throttledPage();
  const q = new QuestionPage(page);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0, null, { timeout: 60_000 });
  let waited = await page.evaluate(() => performance.getEntriesByName('app-interactive')[0].startTime);
  const press = (selector) => page.evaluate((sel) => new Promise((resolve, reject) => {
    const before = document.querySelector('main h1').textContent;
    const t0 = performance.now();
    setTimeout(() => reject(new Error(`no new page after pressing ${sel} on "${before}"`)), 60_000);
    document.querySelector(sel).click();
    // The new heading is in the document, then painted in the next frame.
    const check = () => (document.querySelector('main h1')?.textContent !== before
      ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
    check();
  }), selector);
  waited += await press('main .rj-button--start');
  for (const field of steps) {
    await q.answerPage(JOURNEY_ANSWERS, field);
    waited += await press('main form button[type=submit]');
  }
  waited += await press('main .rj-button-group .rj-button');
  const heading = await page.locator('main h1').innerText();
  if (heading !== 'Referral sent') throw new Error(`the wizard's journey ended on "${heading}"`);
  await context.close();
  return waited;
}

/** The same over the page-per-question site: each page's load until it is ready, as above. */
async function siteJourney(url, steps) {
  const { context, page } = await throttledPage();
  const q = new QuestionPage(page);
  await page.goto(url, { waitUntil: 'load' });
  const ready = async () => {
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60_000 });
    return page.evaluate(() => pageReady());
  };
  let waited = await ready();
  const follow = async (name) => {
    await Promise.all([page.waitForURL(`**/${name}`, { waitUntil: 'commit', timeout: 60_000 }), page.locator('main a.rj-button').click()]);
    return ready();
  };
  for (const field of steps) {
    waited += await follow(`${field}.html`);
    await q.answerPage(JOURNEY_ANSWERS, field);
  }
  waited += await follow('check.html');
  waited += await follow('sent.html');
  await context.close();
  return waited;
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
// The receiver wants the page it answers the wizard's step paths with; these sites use none.
writeFileSync(path.join(baseDir, 'app.html'), baseHtml);
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, name));
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  }
}
precompress(baseDir);
const base = await serve(baseDir);

// The page-per-question site of the same journey, the app's own pages drawn by the build's
// renderer, each in a page with the same head and stylesheet as the baseline.
const siteDir = mkdtempSync(path.join(tmpdir(), 'rj-site-'));
const siteFiles = execFileSync('cargo', ['run', '--quiet', '--bin', 'rj-prerender', '--', 'journey', siteDir,
  ...Object.entries(JOURNEY_ANSWERS).map(([code, value]) => `${code}=${value}`)], { encoding: 'utf8', env }).trim().split('\n');
copyFileSync(path.join('dist', css), path.join(siteDir, css));
writeFileSync(path.join(siteDir, 'app.html'), baseHtml);
for (const name of siteFiles) {
  const body = readFileSync(path.join(siteDir, name), 'utf8');
  writeFileSync(path.join(siteDir, name), baseHtml.replace(appHtml, () => body));
}
precompress(siteDir);
const steps = siteFiles.filter((f) => !['index.html', 'check.html', 'sent.html'].includes(f)).map((f) => f.replace(/\.html$/, ''));
const site = await serve(siteDir);

console.error(`==> Measuring (${RUNS} cold loads per figure)`);
const ours = await measure(app.url, true);
const theirs = await measure(base.url, false);
const continueMs = await continueToHeading(app.url);
console.error(`==> The whole journey, ${steps.length} question pages (${JOURNEYS} runs each)`);
const journeys = { ours: [], site: [] };
for (let i = 0; i < JOURNEYS; i++) {
  journeys.ours.push(await wizardJourney(app.url, steps));
  journeys.site.push(await siteJourney(site.url, steps));
}
const journey = { ours: median(journeys.ours), site: median(journeys.site) };
console.error('==> Lighthouse (mobile)');
const lhOurs = lighthouse(app.url);
const lhBase = lighthouse(base.url);
await browser.close();
app.stop();
base.stop();
site.stop();

const wasmFile = readdirSync('dist').find((f) => f.endsWith('.wasm'));
const wasm = readFileSync(path.join('dist', wasmFile));
const wasmSizes = { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length, brotli: brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };

const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const ms = (t) => `${Math.round(t)} ms`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');
const rows = [
  ['First-load transfer (compressed, with the answers\' headers), unthrottled', kb(ours.fast.bytes), kb(theirs.fast.bytes), ratio(ours.fast.bytes, theirs.fast.bytes), '<= 120 kB of files (budget.mjs)'],
  ['Requests on first load', ours.fast.requests, theirs.fast.requests, ratio(ours.fast.requests, theirs.fast.requests), '<= 5'],
  ['Start page ready (painted, Start now works), unthrottled', ms(ours.fast.ready), ms(theirs.fast.ready), ratio(ours.fast.ready, theirs.fast.ready), ''],
  ['Start page ready, Slow 4G + 4x CPU', ms(ours.slow.ready), ms(theirs.slow.ready), ratio(ours.slow.ready, theirs.slow.ready), '<= 1.2x static'],
  ['Interactive (app-interactive / load), unthrottled', ms(ours.fast.interactive), ms(theirs.fast.interactive), ratio(ours.fast.interactive, theirs.fast.interactive), ''],
  ['Interactive, Slow 4G + 4x CPU', ms(ours.slow.interactive), ms(theirs.slow.interactive), ratio(ours.slow.interactive, theirs.slow.interactive), '<= 2500 ms'],
  ['LCP, unthrottled', ms(ours.fast.lcp), ms(theirs.fast.lcp), ratio(ours.fast.lcp, theirs.fast.lcp), ''],
  ['LCP, Slow 4G + 4x CPU', ms(ours.slow.lcp), ms(theirs.slow.lcp), ratio(ours.slow.lcp, theirs.slow.lcp), '<= 1.2x static'],
  ['CLS, unthrottled / Slow 4G', `${ours.fast.cls.toFixed(3)} / ${ours.slow.cls.toFixed(3)}`, `${theirs.fast.cls.toFixed(3)} / ${theirs.slow.cls.toFixed(3)}`, '', '<= 0.01'],
  ['Continue to next heading', ms(continueMs), '', '', ''],
  [`Whole journey, police route, ${steps.length} question pages: waiting for pages, Slow 4G + 4x CPU (median of ${JOURNEYS}; static: one HTML page per question page)`,
    ms(journey.ours), ms(journey.site), `${ratio(journey.site, journey.ours)} less`, 'static >= 5x'],
  ['wasm raw / gzip / brotli', `${kb(wasmSizes.raw)} / ${kb(wasmSizes.gzip)} / ${kb(wasmSizes.brotli)}`, '', '', 'raw <= 330 kB'],
  ['Lighthouse performance', lhOurs.performance, lhBase.performance, '', '>= 95'],
  ['Lighthouse accessibility', lhOurs.accessibility, lhBase.accessibility, '', '100'],
  ['Lighthouse best practices', lhOurs['best-practices'], lhBase['best-practices'], '', '100'],
];
const table = ['| figure (median of ' + RUNS + ') | the wizard | static baseline | ratio | budget |', '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Debian Chromium ${browser.version?.() ?? ''}`.trim();
console.log(table);
const budgets = [
  ['start page ready within 1.2x of the static floor', ours.slow.ready <= 1.2 * theirs.slow.ready],
  ['LCP within 1.2x of the static floor', ours.slow.lcp <= 1.2 * theirs.slow.lcp],
  ['the whole journey at least 5x less waiting than one page per question', 5 * journey.ours <= journey.site],
];
for (const [what, ok] of budgets) console.log(`${ok ? 'ok  ' : 'OVER'} ${what}`);
const doc = readFileSync('BENCHMARKS.md', 'utf8');
const marker = '<!-- results -->';
const results = `${marker}\nMeasured on ${new Date().toISOString().slice(0, 10)}, on ${machine}, by \`node scripts/bench.mjs ${RUNS}\`.\n\n${table}\n`;
// The results run from the marker to the next section, which stays.
const at = doc.indexOf(marker);
const next = at < 0 ? -1 : doc.indexOf('\n## ', at);
writeFileSync('BENCHMARKS.md', at < 0 ? `${doc}\n${results}` : doc.slice(0, at) + results + (next < 0 ? '' : doc.slice(next)));
console.error('==> Wrote the results into BENCHMARKS.md');
