#!/usr/bin/env node
// A second accessibility engine beside axe (issue 15): pa11y's HTML_CodeSniffer runner, WCAG2AA,
// in Debian's Chromium, on every page and state the browser tests reach. The tests save those
// as static HTML when RJ_PA11Y_SNAPSHOTS names a folder (tests/e2e/harness.mjs); this checks
// each one and fails on any error, naming the page. Offline: the snapshots load nothing.
//
//   RJ_PA11Y_SNAPSHOTS=target/pa11y npx playwright test && node scripts/pa11y.mjs target/pa11y
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pa11y from 'pa11y';
import puppeteer from 'puppeteer';

const dir = process.argv[2] ?? 'target/pa11y';
const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
if (pages.length === 0) throw new Error(`no page snapshots in ${dir}: run the browser tests with RJ_PA11Y_SNAPSHOTS=${dir}`);
// One browser for every page: pa11y would otherwise start Chromium once per page.
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
let failed = 0;
try {
  for (const name of pages) {
    const file = path.join(dir, name);
    const label = readFileSync(file, 'utf8').match(/^<!-- (.*) -->/)?.[1] ?? name;
    const result = await pa11y(pathToFileURL(path.resolve(file)).href, { browser, runners: ['htmlcs'], standard: 'WCAG2AA', timeout: 60_000 });
    const errors = result.issues.filter((issue) => issue.type === 'error');
    console.log(`${errors.length ? 'FAIL' : 'ok  '} ${label}`);
    for (const e of errors) console.log(`     ${e.code}\n     ${e.message}\n     at ${e.selector}: ${e.context}`);
    failed += errors.length ? 1 : 0;
  }
} finally {
  await browser.close();
}
console.log(`pa11y (HTML_CodeSniffer, WCAG2AA): ${pages.length - failed} of ${pages.length} pages without errors`);
if (failed) process.exit(1);
