import { test, expect, checkAccessibility } from './harness.mjs';

test('the start page names the service, and axe finds nothing', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toHaveText('Refer a case to restorative justice');
  await expect(page).toHaveTitle(/^Refer a case to restorative justice - /);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('button', { name: 'Start now' })).toBeVisible();
  await expect(page.getByRole('link', { name: '0800 043 8785' })).toHaveAttribute('href', 'tel:08000438785');
  await checkAccessibility(page, 'the start page');
});

test('without JavaScript the page still gives the phone number and email', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseURL);
  await expect(page.getByRole('link', { name: '0800 043 8785' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'HIOW@restorativesolutions.org.uk' }).first()).toHaveAttribute('href', 'mailto:HIOW@restorativesolutions.org.uk');
  await context.close();
});

test.describe('when the app cannot start', () => {
  // The wasm download fails, so the app's start-up rejects with "Failed to fetch".
  test.use({ allowedFailures: ['.wasm', 'Failed to fetch'] });

  test('the start page the build drew stays, with the phone number and email, never a blank page', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto('/');
    await page.waitForTimeout(1000);
    const start = page.locator('#rj-loading');
    await expect(start.locator('main h1')).toHaveText('Refer a case to restorative justice');
    await expect(start.getByRole('link', { name: '0800 043 8785' })).toBeVisible();
    await expect(start.getByRole('link', { name: 'HIOW@restorativesolutions.org.uk', exact: true })).toBeVisible();
    // Quick exit needs the app, so it is not offered as a button that does nothing.
    await expect(page.getByRole('button', { name: 'Emergency Exit this page' })).toBeHidden();
  });
});

test('once the app starts, the page the build drew is gone', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
  await expect(page.locator('#rj-loading')).toHaveCount(0);
});

test('"Start now" answers Space as a button does', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start now' }).focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/question\/referrer$/);
  await expect(page.locator('main h1')).toBeFocused();
});

test('the start page and the footer of every page link to help to stay safe', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main').getByRole('link', { name: 'cover your tracks online' })).toHaveAttribute('href', '/cover-your-tracks.html');
  for (const path of ['/', '/question/referrer']) {
    await page.goto(path);
    const footer = page.locator('footer');
    await expect(footer.getByRole('link', { name: 'Cover your tracks online' })).toHaveAttribute('href', '/cover-your-tracks.html');
    await expect(footer.getByRole('link', { name: 'Privacy' })).toHaveAttribute('href', '/privacy.html');
    await expect(footer.getByRole('link', { name: 'Accessibility statement' })).toHaveAttribute('href', '/accessibility.html');
  }
});

test('every step has a real path that the receiver answers with the app', async ({ page, request }) => {
  for (const path of ['/question/referrer', '/change/referrer', '/outcome/consent', '/check', '/sent']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain('id="rj-loading"');
  }
  expect((await request.get('/nowhere')).status()).toBe(404);
  await page.goto('/question/referrer');
  await expect(page.locator('main h1')).toHaveText('Who is making this referral?');
  await expect(page.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/');
});
