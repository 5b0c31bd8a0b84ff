// The start page is in index.html, drawn by the build from the app's own components: it is on
// screen before the wasm arrives, and the app takes it over, as it is, without anything moving.
import { test, expect, checkAccessibility } from './harness.mjs';
import { TITLE_SUFFIX } from './wizard.mjs';

const START = 'Refer a case to restorative justice';

/** Holds back every wasm request until the returned function is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  return release;
}

/** Where the parts of the page shown are, and what they say. */
function layout(page) {
  return page.evaluate(() => {
    const root = document.querySelector('body > .rj-app');
    const box = (selector) => {
      const r = root.querySelector(selector).getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 10) / 10);
    };
    return {
      prerendered: root.id === 'rj-loading',
      boxes: Object.fromEntries(['.rj-exit', 'header', 'main h1', '.rj-button--start', '#rj-start > :last-child', 'footer']
        .map((s) => [s, box(s)])),
      main: root.querySelector('main').innerText,
      footer: root.querySelector('footer').innerText,
      apps: document.querySelectorAll('body > .rj-app').length,
    };
  });
}

test('the start page shows before the app runs, and the app takes it over unshifted', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText(START);
  const link = page.getByRole('button', { name: 'Start now' });
  await expect(link).toBeVisible();
  // Quick exit needs the app: until it runs it keeps its place but is not shown.
  await expect(page.getByRole('button', { name: 'Emergency Exit this page' })).toBeHidden();
  await expect(page.getByRole('link', { name: '0800 043 8785' })).toBeVisible();
  const href = await link.getAttribute('href');
  const before = await layout(page);
  expect(before.prerendered, 'the page is the one the build drew').toBe(true);
  expect(await page.evaluate(() => performance.getEntriesByName('app-interactive').length), 'the app has not run').toBe(0);
  await checkAccessibility(page, 'the prerendered start page');

  release();
  await page.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0);
  await expect(page.locator('#rj-loading')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emergency Exit this page' })).toBeVisible();
  const after = await layout(page);
  expect(after.prerendered).toBe(false);
  expect(after.apps, 'one page, not two').toBe(1);
  expect(after.boxes, 'nothing moved').toEqual(before.boxes);
  expect(after.main).toBe(before.main);
  expect(after.footer).toBe(before.footer);
  expect(await page.evaluate(() => window.__shifts), 'cumulative layout shift').toBe(0);
  // The link the build drew goes where the app's own does.
  expect(await link.getAttribute('href')).toBe(href);
});

test('the app takes over the very page the build drew: a focused "Start now" keeps its focus', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  const link = page.getByRole('button', { name: 'Start now' });
  await link.focus();
  // Marks the element the build drew, to tell it apart from a copy drawn again.
  await link.evaluate((el) => { el.drawnByTheBuild = true; });
  release();
  await page.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0);
  await expect(link).toBeFocused();
  expect(await link.evaluate((el) => el.drawnByTheBuild), 'the same element, not drawn again').toBe(true);
  await expect(page).toHaveTitle(START + TITLE_SUFFIX);
  // Space presses it, as it does a button, now that the app runs.
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/question\/referrer$/);
  await expect(page.locator('#rj-start')).toHaveCount(0);
});

test('back on the start page, "Start now" goes on where the answers stop, from index.html and from app.html', async ({ page }) => {
  for (const from of ['/', '/question/referrer']) {
    await page.goto(from);
    if (from === '/') await page.getByRole('button', { name: 'Start now' }).click();
    await page.locator('input[name=referrer][value=police]').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/question\/role$/);
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page.locator('main h1')).toHaveText(START);
    await expect(page.locator('main h1')).toBeFocused();
    await expect(page).toHaveTitle(START + TITLE_SUFFIX);
    await expect(page.locator('#rj-start'), 'one start page, first in main').toHaveCount(1);
    expect(await page.evaluate(() => document.querySelector('main').firstElementChild.id)).toBe('rj-start');
    await checkAccessibility(page, `the start page again, from ${from}`);
    const link = page.getByRole('button', { name: 'Start now' });
    await expect(link).toHaveAttribute('href', '/question/role');
    await link.click();
    await expect(page).toHaveURL(/\/question\/role$/);
    await expect(page.locator('#rj-start')).toHaveCount(0);
    await page.evaluate(() => sessionStorage.clear());
  }
});

test('the footer the build drew gives the contacts config.json names, once it has loaded', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { endpoint: '/api/referrals', phone: '023 8000 0001', email: 'referrals@rj.example' } }));
  await page.goto('/');
  const footer = page.locator('footer');
  await expect(footer.getByRole('link', { name: '023 8000 0001' })).toHaveAttribute('href', 'tel:02380000001');
  await expect(footer.getByRole('link', { name: 'referrals@rj.example' })).toHaveAttribute('href', 'mailto:referrals@rj.example');
  await expect(footer.getByRole('link', { name: '0800 043 8785' })).toHaveCount(0);
});

test.describe('before the app runs', () => {
  // "Start now" is a link to the step's path: following it leaves the page, and with it the
  // wasm download held back there.
  test.use({ allowedFailures: ['_bg.wasm'] });
  test('"Start now" pressed before the app ran lands on the first question once it runs', async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto('/');
    const link = page.getByRole('button', { name: 'Start now' });
    const href = await link.getAttribute('href');
    await link.click();
    release();
    await expect(page.locator('main form')).toBeVisible();
    await expect(page.locator('main h1')).not.toHaveText(START);
    expect(page.url()).toBe(new URL(href, page.url()).href);
    await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(0);
  });
});

test('a reload or a link to a step shows the frame the build drew, never the start page', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/question/referrer');
  const frame = page.locator('#rj-loading');
  await expect(frame.locator('header')).toBeVisible();
  await expect(frame.getByRole('link', { name: '0800 043 8785' })).toBeVisible();
  await expect(page.locator('main h1')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emergency Exit this page' })).toBeHidden();
  release();
  await expect(page.locator('main form')).toBeVisible();
  await expect(page.locator('#rj-loading')).toHaveCount(0);
  await expect(page.locator('main h1')).not.toHaveText(START);
  await expect(page).toHaveURL(/\/question\/referrer$/);
});

test('without scripts the start page says how to refer by phone or email, and shows no button', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseURL);
  await expect(page.locator('main h1')).toHaveText(START);
  await expect(page.getByRole('heading', { name: 'Talk to us instead' })).toBeVisible();
  await expect(page.getByRole('link', { name: '0800 043 8785' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'HIOW@restorativesolutions.org.uk' }).first()).toBeVisible();
  await expect(page.getByRole('button')).toHaveCount(0);
  await context.close();
});
