// The test harness: a receiver per worker on a free loopback port, a page that fails the test
// on console errors and failed requests, and the axe check every test calls on every page.
import { test as base, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateReferral = ajv.compile(JSON.parse(readFileSync('schema/referral.schema.json', 'utf8')));

/** Fails the test, naming every problem, unless `payload` follows schema/referral.schema.json. */
export function expectValidReferral(payload, label = 'the referral') {
  const referral = { ...payload };
  // The form's bot checks travel with the request but are not part of the referral.
  delete referral.website;
  delete referral.elapsed_ms;
  validateReferral(referral);
  expect(validateReferral.errors ?? [], `${label} against the schema`).toEqual([]);
}

/** The referrals in a receiver's database, as `rj-receiver export` writes them. */
export function exportedReferrals(receiver) {
  const out = execFileSync('target/release/rj-receiver', ['export', '--db', receiver.db], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Starts `rj-receiver serve` on port 0 with a fresh database; resolves once it listens. */
export async function startReceiver(args = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rj-e2e-'));
  const db = path.join(dir, 'referrals.sqlite3');
  const proc = spawn('target/release/rj-receiver',
    // Every test here sends from 127.0.0.1: the per-client rate limit is tested in receiver/tests.
    ['serve', '--listen', '127.0.0.1:0', '--db', db, '--dist', 'dist', '--rate-limit', '1000', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the receiver did not start within 15 s')), 15_000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
  });
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', resolve);
    proc.kill('SIGTERM');
  });
  return { url, db, dir, proc, stop };
}

export const test = base.extend({
  receiver: [async ({}, use) => {
    const receiver = await startReceiver();
    await use(receiver);
    await receiver.stop();
  }, { scope: 'worker' }],

  baseURL: async ({ receiver }, use) => use(receiver.url),

  // Requests a test expects to fail (an endpoint it has taken down, say) are listed here.
  allowedFailures: [[], { option: true }],

  page: async ({ page, allowedFailures }, use) => {
    const problems = [];
    // Every referral the app sends must follow the schema.
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/referrals')) expectValidReferral(r.postDataJSON(), 'a referral the app sent');
    });
    const allowed = (url) => allowedFailures.some((pattern) => url.includes(pattern));
    page.on('console', (m) => {
      if (m.type() === 'error' && !allowed(m.location()?.url ?? '') && !allowed(m.text())) problems.push(`console error: ${m.text()} (${m.location()?.url})`);
    });
    page.on('pageerror', (e) => { if (!allowed(e.message)) problems.push(`page error: ${e.message}`); });
    page.on('requestfailed', (r) => {
      // A page leaving on quick exit aborts nothing of ours; other failures are faults.
      if (!allowed(r.url()) && !allowed(r.failure()?.errorText ?? '') && !r.url().startsWith('https://www.bbc.co.uk/')) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => { if (r.status() >= 400 && !allowed(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    // Every page runs under the receiver's strict Content Security Policy: any violation fails.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
    });
    // Quick exit goes to an outside page; answer it here so no test leaves the machine.
    await page.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' }));
    await use(page);
    expect(problems, 'console errors and failed requests').toEqual([]);
  },
});

/**
 * With RJ_PA11Y_SNAPSHOTS=DIR, every page and state axe checks is also saved there, once per
 * label, as static HTML with the stylesheet inlined and no scripts, for scripts/pa11y.mjs (a
 * second engine, HTML_CodeSniffer, on exactly what the browser tests reach).
 */
async function snapshot(page, label) {
  const dir = process.env.RJ_PA11Y_SNAPSHOTS;
  const file = path.join(dir ?? '', `${label.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}.html`);
  if (!dir || existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  const html = (await page.content())
    .replace(/<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*>/, (_, css) => `<style>${readFileSync(path.join('dist', css), 'utf8')}</style>`)
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="(?:preload|modulepreload)"[^>]*>/g, '');
  writeFileSync(file, `<!-- ${label} -->\n${html}`);
}

/** Runs axe-core on the page as it is now; any violation fails the test, naming the page. */
export async function checkAccessibility(page, label) {
  await snapshot(page, label);
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

export { expect };
