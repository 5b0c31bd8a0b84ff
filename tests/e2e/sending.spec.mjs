// Sending: nothing lost when the endpoint fails, nothing stored twice, a copy to keep.
import { readFileSync } from 'node:fs';
import { test, expect, checkAccessibility, exportedReferrals, expectValidReferral } from './harness.mjs';
import { ANSWERS, walk } from './wizard.mjs';

const API = '**/api/referrals';

/** Serves config.json with a short timeout, so a slow endpoint is abandoned quickly. */
async function shortTimeout(page, timeout_ms = 1500) {
  await page.route('**/config.json', (route) => route.fulfill({ json: { endpoint: '/api/referrals', timeout_ms } }));
}

async function toCheckPage(page) {
  await walk(page, { ...ANSWERS, referrer: 'police' });
  await expect(page.locator('main h1')).toHaveText('Check your answers before sending your referral');
}

function storedWith(receiver, reference) {
  return exportedReferrals(receiver).filter((r) => r.referral.reference === reference);
}

async function sentReference(page) {
  await expect(page.locator('main h1')).toHaveText('Referral sent', { timeout: 30_000 });
  return page.locator('.rj-reference').first().innerText();
}

test.describe('with the endpoint failing', () => {
  test.use({ allowedFailures: ['/api/referrals'] });

  test('when the endpoint is down the answers survive, and a later try stores exactly one referral', async ({ page, receiver }) => {
    await shortTimeout(page);
    await toCheckPage(page);
    let tries = 0;
    await page.route(API, (route) => { tries += 1; return route.abort('connectionrefused'); });
    await page.getByRole('button', { name: 'Send referral' }).click();
    const failure = page.locator('.rj-error-summary');
    await expect(failure).toContainText('Your referral has not been sent', { timeout: 30_000 });
    await expect(failure).toBeFocused();
    await expect(page).toHaveTitle(/^Error: Check your answers/);
    expect(tries, 'tried again before giving up').toBe(4);
    await expect(failure.getByRole('link', { name: '0800 043 8785' })).toBeVisible();
    await checkAccessibility(page, 'check your answers after a failed send');
    // Nothing is lost: the answers are on the page and in the tab, even after a reload.
    await page.reload();
    await expect(page.locator('main h1')).toHaveText('Check your answers before sending your referral');
    const pending = await page.evaluate(() => Object.fromEntries(new URLSearchParams(sessionStorage.getItem('rj-referral-pending'))));
    expect(pending.reference).toMatch(/^RJ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

    await page.unroute(API);
    await page.getByRole('button', { name: 'Send referral' }).click();
    const reference = await sentReference(page);
    expect(reference, 'the retry kept the first reference').toBe(pending.reference);
    expect(storedWith(receiver, reference)).toHaveLength(1);
  });

  test('a 500 and then a success stores one referral', async ({ page, receiver }) => {
    await toCheckPage(page);
    let tries = 0;
    await page.route(API, (route) => {
      tries += 1;
      return tries === 1 ? route.fulfill({ status: 500, json: { error: 'down for a moment' } }) : route.fallback();
    });
    await page.getByRole('button', { name: 'Send referral' }).dblclick();
    const reference = await sentReference(page);
    expect(tries, 'one failed try, one that got through: the double click sent once').toBe(2);
    expect(storedWith(receiver, reference)).toHaveLength(1);
  });

  test('a slow endpoint hits the timeout and the referral is tried again', async ({ page, receiver }) => {
    await shortTimeout(page, 1500);
    await toCheckPage(page);
    let tries = 0;
    await page.route(API, async (route) => {
      tries += 1;
      if (tries > 1) return route.fallback();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.abort().catch(() => {}); // the browser gave up on it already
    });
    await page.getByRole('button', { name: 'Send referral' }).click();
    await expect(page.getByRole('button', { name: 'Sending your referral…' })).toBeVisible();
    const reference = await sentReference(page);
    expect(tries).toBe(2);
    expect(storedWith(receiver, reference)).toHaveLength(1);
  });

  test('a 409 (a twin still being handled) is waited out as Retry-After says and tried again', async ({ page, receiver }) => {
    await toCheckPage(page);
    let tries = 0;
    await page.route(API, (route) => {
      tries += 1;
      return tries === 1 ? route.fulfill({ status: 409, headers: { 'retry-after': '1' }, json: { error: 'being handled' } }) : route.fallback();
    });
    await page.getByRole('button', { name: 'Send referral' }).click();
    const reference = await sentReference(page);
    expect(tries).toBe(2);
    expect(storedWith(receiver, reference)).toHaveLength(1);
  });

  test('a reference another referral already has is replaced, once, and the referral stored under the new one', async ({ page, receiver }) => {
    await toCheckPage(page);
    const references = [];
    await page.route(API, async (route) => {
      const body = route.request().postDataJSON();
      references.push(body.reference);
      if (references.length === 1) {
        // Someone else's referral reaches the real receiver first under the same reference.
        const other = { ...body, incident: { ...body.incident, description: 'Another referral entirely.' } };
        const res = await fetch(route.request().url(), { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': body.reference }, body: JSON.stringify(other) });
        expect(res.status).toBe(201);
      }
      return route.fallback();
    });
    await page.getByRole('button', { name: 'Send referral' }).click();
    const reference = await sentReference(page);
    expect(references).toHaveLength(2);
    expect(references[1]).not.toBe(references[0]);
    expect(reference, 'the confirmation shows the new reference').toBe(references[1]);
    expect(storedWith(receiver, reference)).toHaveLength(1);
    expect(storedWith(receiver, references[0])[0].referral.incident.description).toBe('Another referral entirely.');
  });

  test('answers the service refuses are shown with links to change them', async ({ page }) => {
    await toCheckPage(page);
    await page.route(API, (route) => route.fulfill({ status: 422, json: { errors: [{ field: 'person_postcode', message: 'Enter a real postcode, like SO23 8UJ' }] } }));
    await page.getByRole('button', { name: 'Send referral' }).click();
    const summary = page.locator('.rj-error-summary');
    await expect(summary).toBeFocused();
    const link = summary.getByRole('link', { name: "What is the person's postcode?: Enter a real postcode, like SO23 8UJ" });
    await expect(link).toHaveAttribute('href', '/change/person_postcode');
    await checkAccessibility(page, 'check your answers with refused answers');
  });
});

test('download a copy gives a file that follows the schema', async ({ page }) => {
  await toCheckPage(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a copy (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^referral-RJ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\.json$/);
  expectValidReferral(JSON.parse(readFileSync(await download.path(), 'utf8')), 'the downloaded copy');
});

test('a broken configuration shows a page with the phone number and email, never a blank page', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { endpoint: 'http://collector.example/api' } }));
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Sorry, the online referral form is not working');
  await expect(page.locator('main').getByRole('link', { name: '0800 043 8785' })).toBeVisible();
  await expect(page.locator('main')).toContainText('must use https');
  await checkAccessibility(page, 'the configuration problem page');
});
