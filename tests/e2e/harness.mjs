// The test harness: a receiver per worker on a free loopback port, a page that fails the test
// on console errors and failed requests, and the axe check every test calls on every page.
import { test as base, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Starts `rj-receiver serve` on port 0 with a fresh database; resolves once it listens. */
export async function startReceiver(args = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rj-e2e-'));
  const db = path.join(dir, 'referrals.sqlite3');
  const proc = spawn('target/release/rj-receiver',
    ['serve', '--listen', '127.0.0.1:0', '--db', db, '--dist', 'dist', ...args],
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
    const allowed = (url) => allowedFailures.some((pattern) => url.includes(pattern));
    page.on('console', (m) => { if (m.type() === 'error' && !allowed(m.text())) problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // A page leaving on quick exit aborts nothing of ours; other failures are faults.
      if (!allowed(r.url()) && !r.url().startsWith('https://www.bbc.co.uk/')) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => { if (r.status() >= 400 && !allowed(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    // Quick exit goes to an outside page; answer it here so no test leaves the machine.
    await page.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>' }));
    await use(page);
    expect(problems, 'console errors and failed requests').toEqual([]);
  },
});

/** Runs axe-core on the page as it is now; any violation fails the test, naming the page. */
export async function checkAccessibility(page, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

export { expect };
