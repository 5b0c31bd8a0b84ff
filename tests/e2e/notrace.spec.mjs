// Leave no trace (issue 15): quick exit that Back cannot undo, the Shift shortcut, the exit
// button within reach, the inactivity wipe, the status said once, and the confirmation page.
import { test, expect, checkAccessibility } from './harness.mjs';
import { ANSWERS, QuestionPage, walk } from './wizard.mjs';

const NEUTRAL = 'https://www.bbc.co.uk/weather';

async function answerTwo(page) {
  const q = new QuestionPage(page);
  await page.goto('/question/referrer');
  await q.answer('referrer', 'self');
  await q.continue();
  await expect(page).toHaveURL(/\/question\/role$/);
  await q.answer('role', 'harmed');
  await q.continue();
  await expect(page).toHaveURL(/\/question\/case_type$/);
  await expect(page.locator('main h1')).toBeFocused();
}

/** The tab's whole history, as the browser keeps it (titles included), through CDP. */
async function history(page) {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries;
}

/** What the wizard's origin keeps in this tab's session store, read by a page of that origin
 * that is not the app (so no redirect runs). */
async function storedKeys(page, baseURL) {
  await page.route(`${baseURL}/probe`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }));
  await page.goto(`${baseURL}/probe`);
  return page.evaluate(() => Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)])));
}

/** After quick exit: Back and Forward reach nothing of the wizard, no history entry names a
 * question, a return to the wizard goes straight to the neutral page, and nothing is kept. */
async function expectNoTrace(page, baseURL, alsoStored = {}) {
  await expect(page).toHaveURL(NEUTRAL);
  const entries = await history(page);
  expect(entries.filter((e) => e.url.startsWith(baseURL)), 'wizard pages in the history').toEqual([]);
  expect(entries.map((e) => e.title).filter((t) => /\?|Restorative/.test(t)), 'question titles in the history').toEqual([]);
  await page.goBack();
  expect(page.url().startsWith(baseURL), 'Back reached the wizard').toBe(false);
  await page.goForward();
  await expect(page).toHaveURL(NEUTRAL);
  await page.goForward();
  await expect(page).toHaveURL(NEUTRAL);
  // A return to the wizard's address in this tab goes on to the neutral page at once.
  await page.goto(`${baseURL}/question/case_type`).catch(() => {});
  await expect(page).toHaveURL(NEUTRAL);
  expect(await storedKeys(page, baseURL), 'the answers are wiped').toEqual({ 'rj-referral-exited': NEUTRAL, ...alsoStored });
}

// A return to the wizard after quick exit leaves before the wasm (preloaded) has arrived.
test.use({ allowedFailures: ['_bg.wasm'] });

test('quick exit by the button blanks the page and leaves nothing for Back and Forward', async ({ page, baseURL }) => {
  await answerTwo(page);
  // What the tab shows as it starts to leave for the neutral page, noted by the page itself.
  await page.evaluate(() => addEventListener('beforeunload', () => sessionStorage.setItem('rj-test-on-screen', `[${document.body.innerText.trim()}] [${document.title}]`)));
  await page.getByRole('button', { name: 'Emergency Exit this page' }).click();
  await expectNoTrace(page, baseURL, { 'rj-test-on-screen': '[] []' });
});

test('Shift three times announces its progress, then leaves with no trace', async ({ page, baseURL }) => {
  await answerTwo(page);
  const progress = page.locator('#rj-exit-progress');
  await expect(progress).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('.rj-exit__hint')).toContainText('press the Shift key 3 times');
  await page.keyboard.press('Shift');
  await expect(progress).toHaveText('Shift, press 2 more times to exit.');
  await page.keyboard.press('Shift');
  await expect(progress).toHaveText('Shift, press 1 more time to exit.');
  await page.keyboard.press('Shift');
  await expectNoTrace(page, baseURL);
});

test('holding Shift, Shift+Tab and typing capitals do not exit', async ({ page }) => {
  await answerTwo(page);
  // A held key: one press, then the browser's repeats.
  for (let i = 0; i < 20; i++) await page.keyboard.down('Shift');
  await page.keyboard.up('Shift');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift');
  await expect(page.locator('#rj-exit-progress')).toHaveText('Shift, press 2 more times to exit.');
  await page.keyboard.press('Tab');
  await expect(page.locator('#rj-exit-progress')).toHaveText('');
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/question\/case_type$/);
  expect(await page.evaluate(() => sessionStorage.getItem('rj-referral-answers'))).toBe('referrer=self&role=harmed');
});

test('the exit button stays within reach on a small screen and at 400 % zoom', async ({ page }) => {
  // 1280 x 1024 at 400 % zoom is 320 x 256 CSS pixels.
  await page.setViewportSize({ width: 320, height: 256 });
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const box = await page.getByRole('button', { name: 'Emergency Exit this page' }).boundingBox();
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(256);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test.describe('with a short idle time', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ json: { endpoint: '/api/referrals', idle_minutes: 1 } }));
    await page.clock.install();
  });

  test('a warning comes first; "Keep my answers" and Escape keep them; silence wipes them', async ({ page }) => {
    await answerTwo(page);
    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('01:02');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('in 2 minutes');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), 'focus is in the dialog').toBe(true);
    await checkAccessibility(page, 'the inactivity warning');
    await dialog.getByRole('button', { name: 'Keep my answers' }).click();
    await expect(dialog).toBeHidden();

    await page.clock.fastForward('01:02');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('00:50');
    await expect(dialog).toBeHidden();
    expect(await page.evaluate(() => sessionStorage.getItem('rj-referral-answers'))).toBe('referrer=self&role=harmed');

    await page.clock.fastForward('01:02');
    await expect(dialog).toBeVisible();
    await page.clock.fastForward('02:02');
    await expect(page.locator('main h1')).toHaveText('Your answers have been cleared');
    await expect(page.locator('main')).toContainText('0800 043 8785');
    await expect(dialog).toBeHidden();
    expect(await page.evaluate(() => sessionStorage.getItem('rj-referral-answers'))).toBeNull();
    await checkAccessibility(page, 'the answers-cleared page');
  });

  test('input in another tab of the wizard does not keep this tab\'s answers', async ({ page, context }) => {
    await answerTwo(page);
    const other = await context.newPage();
    await other.goto('/question/referrer');
    await other.locator('#referrer-police').focus();
    for (let i = 0; i < 4; i++) {
      await page.clock.fastForward('00:20');
      await other.keyboard.press('ArrowDown');
    }
    await other.close();
    await expect(page.getByRole('dialog', { name: 'Are you still there?' })).toBeVisible();
  });

  test('the Finish later page warns and wipes the same way', async ({ page }) => {
    await answerTwo(page);
    // The page reads idle_minutes from config.json: wait for it before time moves on.
    const config = page.waitForResponse('**/config.json');
    await page.getByRole('link', { name: 'Finish later' }).click();
    await expect(page.locator('main h1')).toHaveText('Save your answers to finish later');
    await (await config).finished();
    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await page.clock.fastForward('01:02');
    await expect(dialog).toBeVisible();
    await page.clock.fastForward('02:02');
    await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
    expect(await page.evaluate(() => sessionStorage.getItem('rj-referral-answers'))).toBeNull();
  });
});

test('a self-referral at 320 px with a long email: the status is said only when it changes, nothing overflows, and the confirmation keeps its reference', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const email = 'a.very.long.email.address.that.goes.on.and.on@a-very-long-domain-name-indeed.example.org';
  const answers = { ...ANSWERS, referrer: 'self', offence: 'sexual_violence', person_postcode: 'PO10 7AA', court_stage: 'awaiting_court', person_email: email };
  // The live region: one element from the start, recording each change of what it says.
  const region = page.locator('main [role=status]');
  const steps = [];
  await walk(page, answers, {
    onStep: async () => {
      if (steps.length === 0) {
        await page.evaluate(() => {
          window.rjAnnounced = [];
          const live = document.querySelector('main [role=status]');
          new MutationObserver(() => window.rjAnnounced.push(live.textContent)).observe(live, { childList: true, subtree: true, characterData: true });
        });
      }
      // The screen reader's view of the status on this step.
      steps.push({ live: await region.ariaSnapshot(), full: await page.locator('.rj-status').count() ? await page.locator('.rj-status').innerText() : '' });
    },
  });
  const announced = await page.evaluate(() => window.rjAnnounced.filter((t) => t !== ''));
  const changes = steps.filter((s, i) => i > 0 && s.live !== steps[i - 1].live).length;
  expect(announced.length, `announced ${JSON.stringify(announced)} over ${steps.length} steps`).toBe(changes);
  expect(steps.length).toBeGreaterThan(10);
  for (let i = 1; i < announced.length; i++) expect(announced[i]).not.toBe(announced[i - 1]);
  for (const sentence of announced) expect(sentence.split(' ').length, sentence).toBeLessThanOrEqual(12);
  // The detail stays on the page, outside any live region.
  expect(await page.locator('[aria-live] .rj-status, [role=status] .rj-status').count()).toBe(0);

  // The check page (walk checked nothing scrolls sideways on every page).
  await expect(page.locator('main')).toContainText(email);
  await page.waitForTimeout(3000);
  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(page.locator('main h1')).toHaveText('Referral sent');
  const reference = await page.locator('.rj-reference').innerText();
  await expect(page.locator('main')).toContainText('We will not email you about this referral');
  // The answers are behind "Show or print your answers", not on screen.
  await expect(page.locator('main').getByText(email).first()).toBeHidden();
  await page.getByText('Show or print your answers').click();
  await expect(page.locator('main').getByText(email).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await checkAccessibility(page, 'the confirmation page with the answers shown');

  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Referral sent');
  await expect(page.locator('.rj-reference')).toHaveText(reference);
  await expect(page.locator('main')).not.toContainText(email);
  await checkAccessibility(page, 'the confirmation page after a reload');

  await page.getByRole('button', { name: 'Emergency Exit this page' }).click();
  await expect(page).toHaveURL(NEUTRAL);
  expect(await storedKeys(page, baseURL)).toEqual({ 'rj-referral-exited': NEUTRAL });
});

test('at 320 px with text at 200 %, question headings and long values wrap, and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/question/referrer', '/']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    // Text zoom: the root font size doubled, as a browser's text-only zoom does.
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const layout = await page.evaluate(() => {
      const h1 = document.querySelector('main h1').getBoundingClientRect();
      return { sideways: document.documentElement.scrollWidth - window.innerWidth, headingRight: h1.right, lines: Math.round(h1.height / parseFloat(getComputedStyle(document.querySelector('main h1')).lineHeight)) };
    });
    expect(layout.sideways, path).toBeLessThanOrEqual(0);
    expect(layout.headingRight, path).toBeLessThanOrEqual(320);
    expect(layout.lines, `${path}: the heading wraps onto several lines`).toBeGreaterThan(1);
  }
});

test('the Shift hint shows where there is a keyboard, not on a touch phone', async ({ page, browser, baseURL }) => {
  await page.goto('/');
  await expect(page.locator('.rj-exit__shift')).toBeVisible();
  const phone = await browser.newContext({ baseURL, isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });
  try {
    const touch = await phone.newPage();
    await touch.goto('/');
    await expect(touch.locator('main h1')).toBeVisible();
    await expect(touch.locator('.rj-exit__hint')).toBeVisible();
    await expect(touch.locator('.rj-exit__shift')).toBeHidden();
  } finally {
    await phone.close();
  }
});
