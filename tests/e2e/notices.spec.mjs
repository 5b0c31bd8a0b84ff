// The three notices pages: plain HTML under the app's stylesheet and policy, readable without
// JavaScript, linked to each other and to the start, with a quick exit, inside the embed too.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { test, expect, checkAccessibility, startReceiver } from './harness.mjs';

const PAGES = [
  ['privacy.html', 'Privacy notice'],
  ['accessibility.html', 'Accessibility statement'],
  ['cover-your-tracks.html', 'Cover your tracks online'],
];

for (const [file, heading] of PAGES) {
  test(`${heading}: styled, linked to the other pages and the start, and passes axe`, async ({ page }) => {
    const response = await page.goto(`/${file}`);
    expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.locator('main h1')).toHaveText(heading);
    // The app's stylesheet applies: the header's bar in the brand colour.
    await expect(page.locator('.rj-header')).toHaveCSS('border-bottom-width', '10px');
    await checkAccessibility(page, file);
    const footer = page.locator('footer');
    for (const [other, otherHeading] of PAGES) {
      await footer.getByRole('link', { name: otherHeading }).click();
      await expect(page.locator('main h1')).toHaveText(otherHeading);
    }
    await page.locator('footer').getByRole('link', { name: 'Refer a case to restorative justice' }).click();
    await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('each page is readable and its links work', async ({ page }) => {
    for (const [file, heading] of PAGES) {
      await page.goto(`/${file}`);
      await expect(page.locator('main h1')).toHaveText(heading);
      await expect(page.locator('main h2').first()).toBeVisible();
      await expect(page.locator('footer').getByRole('link', { name: 'Privacy notice' })).toHaveAttribute('href', 'privacy.html');
    }
    // Quick exit is still a link to the neutral page.
    await page.getByRole('link', { name: 'Emergency Exit this page' }).click();
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
  });
});

test.describe('after quick exit', () => {
  // A return to the wizard leaves before its wasm (preloaded) has arrived.
  test.use({ allowedFailures: ['_bg.wasm'] });
  test('quick exit from a notices page deletes the answers in the tab and leaves no way back', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
    // The start page shows before the app has loaded: leaving sooner would abort its downloads.
    await page.waitForLoadState('networkidle');
    await page.goto('/cover-your-tracks.html');
    await page.evaluate(() => sessionStorage.setItem('rj-answers', 'referrer=self'));
    await page.getByRole('link', { name: 'Emergency Exit this page' }).click();
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
    // The notices page was replaced in the history: back goes to the page before it, the wizard,
    // which the tab's exit mark sends on to the neutral page again; so does a notices page.
    await page.goBack().catch(() => {});
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
    await page.goto('/privacy.html').catch(() => {});
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
    // What the wizard's origin keeps in the tab, read by a page of it that runs no script.
    await page.route('**/probe', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }));
    await page.goto('/probe');
    expect(await page.evaluate(() => ({ ...sessionStorage }))).toEqual({ 'rj-referral-exited': 'https://www.bbc.co.uk/weather' });
  });
});

test('Shift pressed 3 times on a notices page is quick exit too', async ({ page }) => {
  await page.goto('/privacy.html');
  await page.evaluate(() => sessionStorage.setItem('rj-answers', 'referrer=self'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
});

test('inside a partner page the notices show under the strict policy and quick exit leaves the partner page', async ({ page }) => {
  // The partner's port must be known before the receiver starts (its frame-ancestors policy).
  const partner = createServer();
  await new Promise((resolve) => partner.listen(0, '127.0.0.2', resolve));
  const partnerOrigin = `http://127.0.0.2:${partner.address().port}`;
  const receiver = await startReceiver(['--allow-origin', partnerOrigin]);
  const wizard = receiver.url.replace('127.0.0.1', 'localhost');
  const html = readFileSync('examples/partner.html', 'utf8').replaceAll('{{WIZARD}}', wizard);
  partner.on('request', (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); });
  try {
    await page.goto(`${partnerOrigin}/`);
    const iframe = page.locator('iframe[title="Refer to restorative justice"]');
    await expect(iframe).toBeVisible();
    for (const [file, heading] of PAGES) {
      await iframe.evaluate((frame, src) => { frame.src = src; }, `${wizard}/${file}`);
      const frame = page.frameLocator('iframe[title="Refer to restorative justice"]');
      await expect(frame.locator('main h1')).toHaveText(heading);
      const handle = await iframe.elementHandle().then((h) => h.contentFrame());
      await checkAccessibility(handle, `${file} in a partner's frame`);
    }
    await page.frameLocator('iframe[title="Refer to restorative justice"]').getByRole('link', { name: 'Emergency Exit this page' }).click();
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
  } finally {
    await new Promise((r) => partner.close(r));
    await receiver.stop();
  }
});
