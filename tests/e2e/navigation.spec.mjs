// Errors, the Back link, reload, changing answers and small screens (quick exit: notrace.spec.mjs).
import { test, expect, checkAccessibility } from './harness.mjs';
import { ANSWERS, QuestionPage, TITLE_SUFFIX, walk } from './wizard.mjs';

/** The check page's row whose question is exactly `label`. */
function row(page, label) {
  return page.locator('.rj-summary-list__row').filter({ has: page.locator('dt').getByText(label, { exact: true }) });
}

async function answerAndContinue(page, field, value) {
  const q = new QuestionPage(page);
  await expect(page).toHaveURL(new RegExp(`/(question|change)/${field}$`));
  await q.answer(field, value);
  await q.continue();
}

test('an error is summarised, linked to its field, and what was typed is kept', async ({ page }) => {
  await page.goto('/question/referrer');
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.locator('.rj-error-summary');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle('Error: Who is making this referral?' + TITLE_SUFFIX);
  await expect(page.locator('#referrer-error')).toHaveText('Error: Select who is making this referral');
  await checkAccessibility(page, 'a radio question with an error');
  await summary.getByRole('link', { name: 'Select who is making this referral' }).click();
  await expect(page.locator('#referrer')).toBeFocused();
  await expect(page).toHaveURL(/\/question\/referrer$/);

  await answerAndContinue(page, 'referrer', 'self');
  await answerAndContinue(page, 'role', 'harmed');
  await answerAndContinue(page, 'case_type', 'restorative_justice');
  await answerAndContinue(page, 'offence', 'other');
  await answerAndContinue(page, 'person_age', '42');
  await answerAndContinue(page, 'other_known', 'no');
  await answerAndContinue(page, 'court_stage', 'none');
  await answerAndContinue(page, 'incident_date', '');
  await page.locator('#incident_postcode').fill('not a postcode');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.rj-error-summary')).toBeFocused();
  await expect(page.locator('#incident_postcode-error')).toHaveText('Error: Enter a real postcode, like SO23 8UJ');
  await expect(page.locator('#incident_postcode')).toHaveValue('not a postcode');
  await expect(page.locator('#incident_postcode')).toHaveAttribute('aria-describedby', 'incident_postcode-hint incident_postcode-error');
  await checkAccessibility(page, 'a text question with an error');
});

test('the Back link moves between steps, browser history holds one entry, and a reload keeps the answers in this tab', async ({ page }) => {
  await page.goto('/question/referrer');
  const entries = await page.evaluate(() => history.length);
  await answerAndContinue(page, 'referrer', 'police');
  await answerAndContinue(page, 'role', 'caused_harm');
  await expect(page).toHaveURL(/\/question\/case_type$/);
  // Steps replace the wizard's one history entry (src/browser.rs, show_path): nothing of a
  // question is left for Back, or for the history list, after quick exit.
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page).toHaveURL(/\/question\/role$/);
  await expect(page.locator('main h1')).toHaveText('Who are you referring?');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('input[name=role][value=caused_harm]')).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('main h1')).toHaveText('What kind of case is it?');

  await page.reload();
  await expect(page.locator('main h1')).toHaveText('What kind of case is it?');
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.locator('input[name=role][value=caused_harm]')).toBeChecked();
  const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('rj-referral-answers'), local: localStorage.length, cookies: document.cookie }));
  expect(Object.fromEntries(new URLSearchParams(stored.session))).toEqual({ referrer: 'police', role: 'caused_harm' });
  expect(stored.local).toBe(0);
  expect(stored.cookies).toBe('');
  expect(page.url()).not.toContain('police');
});

test('a question cannot be reached before the ones it depends on', async ({ page }) => {
  await page.goto('/question/person_postcode');
  await expect(page).toHaveURL(/\/question\/referrer$/);
  // Leave only once the app has its config.json: leaving earlier aborts that request, which
  // the harness counts as a failed request.
  await page.waitForLoadState('networkidle');
  await page.goto('/check');
  await expect(page).toHaveURL(/\/question\/referrer$/);
});

test('a change from the check page asks any new question first, then returns to the check page', async ({ page }) => {
  await walk(page, { ...ANSWERS, referrer: 'police' });
  await page.getByRole('link', { name: 'Change what happened?' }).click();
  await expect(page).toHaveURL(/\/change\/offence$/);
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/check');
  await answerAndContinue(page, 'offence', 'sexual_violence');
  // Sexual violence must be victim-led: the route now asks who asked for it.
  await answerAndContinue(page, 'initiated_by', 'both');
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.locator('main h1')).toBeFocused();
  await expect(row(page, 'What happened?')).toContainText('Sexual violence');
  await expect(row(page, 'Who asked for restorative justice?')).toContainText('Both of them');
  await expect(row(page, "What is the other person's name?")).toContainText('Not provided');

  await page.getByRole('link', { name: 'Change what is the name of the person you are referring?' }).click();
  await answerAndContinue(page, 'person_name', 'Sam Taylor-Smith');
  await expect(page).toHaveURL(/\/check$/);
  await expect(row(page, 'What is the name of the person you are referring?')).toContainText('Sam Taylor-Smith');
});

test('the check page shows the notes of an eligible case, such as a case awaiting court', async ({ page }) => {
  await walk(page, { ...ANSWERS, referrer: 'victim_contact_scheme', court_stage: 'pre_sentence' });
  const notes = page.locator('.rj-inset');
  await expect(notes).toContainText('initial discussion');
  await checkAccessibility(page, 'check your answers with notes');
});

test('at 320 px wide nothing scrolls sideways, and touch targets are at least 44 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/question/referrer']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
  const small = await page.evaluate(() => [...document.querySelectorAll('button, .rj-radios__item')]
    .filter((el) => el.checkVisibility() && el.getBoundingClientRect().height < 44).map((el) => el.textContent));
  expect(small).toEqual([]);
});
