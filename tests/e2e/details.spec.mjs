// The referrer's own details: one page of related questions (issue 15), GOV.UK's "multiple
// questions on a page", with each question's error beside it and all of them in one summary.
import { test, expect, checkAccessibility } from './harness.mjs';
import { ANSWERS, QuestionPage, TITLE_SUFFIX, walk } from './wizard.mjs';

const FIELDS = {
  referrer_name: { label: 'Full name', autocomplete: 'name' },
  referrer_organisation: { label: 'Organisation', autocomplete: 'organization' },
  referrer_role: { label: 'Role or job title', autocomplete: 'organization-title' },
  referrer_email: { label: 'Work email address', autocomplete: 'email' },
  referrer_phone: { label: 'Work phone number', autocomplete: 'tel' },
};

/** The check page's row whose question is exactly `label`. */
function row(page, label) {
  return page.locator('.rj-summary-list__row').filter({ has: page.locator('dt').getByText(label, { exact: true }) });
}

test("a professional gives their own details on one page: errors beside each field and in one summary, and a change returns to the check page", async ({ page }) => {
  const asked = await walk(page, { ...ANSWERS, referrer: 'police' }, { stopAt: '/question/referrer_name' });
  for (const f of Object.keys(FIELDS)) expect(asked, `${f} is not asked before its page`).not.toContain(f);
  const q = new QuestionPage(page);
  await q.expectArrived();
  await expect(q.heading()).toHaveText('Your details');
  await expect(page.locator('main form')).toContainText('So we can contact you about this referral');
  expect(await q.fields()).toEqual(Object.keys(FIELDS));
  for (const [f, { label, autocomplete }] of Object.entries(FIELDS)) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('id', f);
    await expect(page.locator(`#${f}`)).toHaveAttribute('autocomplete', autocomplete);
  }
  // Only the page's heading is a heading: each question is a label under it.
  await expect(page.locator('main form h1')).toHaveCount(1);
  await checkAccessibility(page, "the referrer's details page");

  // Two errors: each beside its field, both in the summary, which links to each field.
  await page.locator('#referrer_organisation').fill(ANSWERS.referrer_organisation);
  await page.locator('#referrer_role').fill(ANSWERS.referrer_role);
  await page.locator('#referrer_email').fill('not an email');
  await page.locator('#referrer_phone').fill(ANSWERS.referrer_phone);
  await q.continue();
  const summary = page.locator('.rj-error-summary');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle('Error: Your details' + TITLE_SUFFIX);
  await expect(summary.getByRole('link')).toHaveText(['Enter your full name', 'Enter an email address in the correct format, like name@example.com']);
  await expect(page.locator('#referrer_name-error')).toHaveText('Error: Enter your full name');
  await expect(page.locator('#referrer_email-error')).toHaveText('Error: Enter an email address in the correct format, like name@example.com');
  await expect(page.locator('.rj-error-message')).toHaveCount(2);
  await expect(page.locator('#referrer_email')).toHaveAttribute('aria-describedby', 'referrer_email-hint referrer_email-error');
  await expect(page.locator('#referrer_email')).toHaveValue('not an email');
  await expect(page.locator('#referrer_role')).toHaveValue(ANSWERS.referrer_role);
  await checkAccessibility(page, "the referrer's details page with two errors");
  await summary.getByRole('link', { name: 'Enter your full name' }).click();
  await expect(page.locator('#referrer_name')).toBeFocused();
  await summary.getByRole('link', { name: /^Enter an email address/ }).click();
  await expect(page.locator('#referrer_email')).toBeFocused();
  await expect(page).toHaveURL(/\/question\/referrer_name$/);

  await page.locator('#referrer_name').fill(ANSWERS.referrer_name);
  await page.locator('#referrer_email').fill(ANSWERS.referrer_email);
  await q.continue();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.locator('main h1')).toBeFocused();
  for (const [f, { label }] of Object.entries(FIELDS)) await expect(row(page, label)).toContainText(ANSWERS[f]);
  // Back from the check page, and a link to any of the page's questions, open the page.
  await expect(page.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/question/referrer_name');
  await page.goto('/question/referrer_phone');
  await expect(page).toHaveURL(/\/question\/referrer_name$/);
  await expect(q.heading()).toHaveText('Your details');
  await expect(page.locator('#referrer_phone')).toHaveValue(ANSWERS.referrer_phone);
  await page.goto('/check');

  await page.getByRole('link', { name: 'Change work email address' }).click();
  await expect(page).toHaveURL(/\/change\/referrer_name$/);
  await q.expectArrived();
  await expect(page.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/check');
  await expect(page.locator('#referrer_email')).toHaveValue(ANSWERS.referrer_email);
  await page.locator('#referrer_email').fill('a.morgan@example.org');
  await q.continue();
  await expect(page).toHaveURL(/\/check$/);
  await expect(row(page, 'Work email address')).toContainText('a.morgan@example.org');
  await expect(row(page, 'Full name')).toContainText(ANSWERS.referrer_name);
});

test("the referrer's details page works by keyboard alone: Tab through the five fields, Enter on Continue", async ({ page }) => {
  await walk(page, { ...ANSWERS, referrer: 'police' }, { stopAt: '/question/referrer_name' });
  const q = new QuestionPage(page);
  const fields = await q.fields();
  for (const [i, f] of fields.entries()) await q.answerByKeyboard(f, ANSWERS[f], { submit: i === fields.length - 1 });
  await expect(page).toHaveURL(/\/check$/);
  for (const [f, { label }] of Object.entries(FIELDS)) await expect(row(page, label)).toContainText(ANSWERS[f]);
});
