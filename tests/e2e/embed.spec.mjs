// The wizard embedded in a partner's page on another origin, under the strict policy.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { test, expect, checkAccessibility, startReceiver, exportedReferrals } from './harness.mjs';
import { ANSWERS, QuestionPage } from './wizard.mjs';

/** Serves examples/partner.html on `host`, pointing at the wizard. */
async function partnerSite(host, wizard) {
  const html = readFileSync('examples/partner.html', 'utf8').replaceAll('{{WIZARD}}', wizard);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  return { origin: `http://${host}:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** A receiver that lets `partnerOrigin` frame the wizard, reached as http://localhost:PORT. */
async function wizardFor(partnerOrigin) {
  const receiver = await startReceiver(['--allow-origin', partnerOrigin]);
  return { receiver, wizard: receiver.url.replace('127.0.0.1', 'localhost') };
}

/**
 * The example partner page on 127.0.0.2 and a receiver that lets it frame the wizard. Each needs
 * the other's address, so the partner's free port is found first with a placeholder.
 */
async function embedded() {
  const probe = await partnerSite('127.0.0.2', 'http://localhost');
  const partnerOrigin = probe.origin;
  await probe.close();
  const { receiver, wizard } = await wizardFor(partnerOrigin);
  const html = readFileSync('examples/partner.html', 'utf8').replaceAll('{{WIZARD}}', wizard);
  const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); });
  await new Promise((resolve) => server.listen(Number(new URL(partnerOrigin).port), '127.0.0.2', resolve));
  const close = async () => {
    await new Promise((r) => server.close(r));
    await receiver.stop();
  };
  return { partnerOrigin, receiver, wizard, close };
}

test('a partner page on another origin embeds the wizard, which fits its content and takes the preset route', async ({ page }) => {
  const { partnerOrigin, receiver, wizard, close } = await embedded();
  try {
    await page.goto(`${partnerOrigin}/`);
    const iframe = page.locator('iframe[title="Refer to restorative justice"]');
    await expect(iframe).toBeVisible();
    const frame = page.frames().find((f) => f.url().startsWith(wizard)) ?? (await iframe.elementHandle().then((h) => h.contentFrame()));
    await expect(frame.locator('main h1')).toHaveText('Refer a case to restorative justice');
    const height = async () => (await iframe.boundingBox()).height;
    await expect.poll(height).toBeGreaterThan(1000);
    const startHeight = await height();
    // The partner's styles do not reach the wizard: its heading is not the partner's red.
    await expect(frame.locator('main h1')).not.toHaveCSS('color', 'rgb(204, 0, 0)');
    // The brand colour preset was applied, after its contrast was checked.
    expect(await frame.evaluate(() => getComputedStyle(document.querySelector('.rj-app')).getPropertyValue('--rj-brand').trim())).toBe('#00703c');
    await checkAccessibility(frame, 'the embedded start page');

    // A forged height from any other origin than the wizard's changes nothing.
    await page.evaluate(() => window.postMessage(5, '*'));
    await page.waitForTimeout(300);
    expect(await height()).toBe(startHeight);

    await frame.getByRole('button', { name: 'Start now' }).click();
    // The preset referrer was taken: the first question left to answer is probation's.
    await expect.poll(() => new URL(frame.url()).pathname).toBe('/question/role');
    await expect.poll(height, 'the frame shrank to a shorter page').toBeLessThan(startHeight);
    const q = new QuestionPage(frame);
    const answers = { ...ANSWERS, role: 'caused_harm' };
    const asked = [];
    let questionHeight = 0;
    for (let i = 0; i < 60; i++) {
      const step = new URL(frame.url()).pathname;
      if (step === '/check') break;
      questionHeight = await height();
      const field = q.field();
      asked.push(field);
      await q.answer(field, answers[field]);
      await q.continue();
      await expect.poll(() => new URL(frame.url()).pathname).not.toBe(step);
    }
    expect(asked).toContain('supervised_in_area');
    await expect.poll(height, 'the frame grew for the longer check page').toBeGreaterThan(questionHeight);
    // No person answers 30 questions in under 3 seconds; the receiver drops what does.
    await page.waitForTimeout(3000);
    await frame.getByRole('button', { name: 'Send referral' }).click();
    await expect(frame.locator('main h1')).toHaveText('Referral sent');
    const reference = await frame.locator('.rj-reference').first().innerText();
    const stored = exportedReferrals(receiver).filter((r) => r.referral.reference === reference);
    expect(stored).toHaveLength(1);
    expect(stored[0].referral.referrer.type).toBe('probation');
  } finally {
    await close();
  }
});

test('quick exit inside the frame leaves the partner page too', async ({ page }) => {
  const { partnerOrigin, receiver, wizard, close } = await embedded();
  try {
    await page.goto(`${partnerOrigin}/`);
    const frame = page.frameLocator('iframe[title="Refer to restorative justice"]');
    await frame.getByRole('button', { name: 'Start now' }).click();
    await frame.getByRole('button', { name: 'Emergency Exit this page' }).click();
    await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
  } finally {
    await close();
  }
});

test.describe('framed by an origin not on the list', () => {
  test.use({ allowedFailures: ['Refused to frame', 'frame-ancestors', 'ERR_BLOCKED_BY_RESPONSE'] });

  test('the receiver refuses to be framed by an origin not on its list', async ({ page }) => {
    const { receiver, wizard } = await wizardFor('http://127.0.0.2:1');
    const stranger = await partnerSite('127.0.0.3', wizard);
    try {
      const refused = page.waitForEvent('console', (m) => m.text().includes('frame-ancestors'));
      await page.goto(`${stranger.origin}/`);
      await refused;
      const child = page.frames().find((f) => f !== page.mainFrame());
      await expect.poll(() => child.url()).not.toContain('localhost');
    } finally {
      await stranger.close();
      await receiver.stop();
    }
  });
});

test.describe('the policy', () => {
  test.use({ allowedFailures: ['CSP violation', 'Content Security Policy'] });

  test('is sent with every page, and blocks inline script (so the violation check can fail)', async ({ page }) => {
    const response = await page.goto('/');
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const violation = page.waitForEvent('console', (m) => m.text().startsWith('CSP violation'));
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
    });
    await violation;
    expect(await page.evaluate(() => window.injected)).toBeUndefined();
  });
});
