// Finish later (issue 15): the answers so far saved in a passphrase-locked file, and read back in
// a fresh browser; a wrong passphrase, a damaged file or a later version changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, checkAccessibility } from './harness.mjs';
import { QuestionPage } from './wizard.mjs';

const GIVEN = [['referrer', 'self'], ['role', 'harmed'], ['case_type', 'restorative_justice'], ['offence', 'other'], ['person_age', '42'], ['other_known', 'no'], ['court_stage', 'none']];
const PASSPHRASE = 'correct horse battery';

async function answerSome(page) {
  const q = new QuestionPage(page);
  await page.goto('/question/referrer');
  for (const [field, value] of GIVEN) {
    await expect(page).toHaveURL(new RegExp(`/question/${field}$`));
    await q.answer(field, value);
    await q.continue();
  }
  await expect(page).toHaveURL(/\/question\/incident_date$/);
}

async function resume(page, file, passphrase) {
  await page.locator('#draft_file').setInputFiles(file);
  await page.locator('#passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a draft saved with a passphrase resumes in a fresh browser with every answer; a wrong passphrase, a damaged file or a later version is refused', async ({ page, browser, baseURL }, testInfo) => {
  await answerSome(page);
  const stored = await page.evaluate(() => sessionStorage.getItem('rj-referral-answers'));
  await page.getByRole('link', { name: 'Finish later' }).click();
  await expect(page).toHaveURL(/\/finish-later\.html$/);
  await expect(page.locator('main h1')).toHaveText('Save your answers to finish later');
  // A self-referrer is told, before the download, that the file is a trace and how to delete it.
  await expect(page.locator('main')).toContainText('The file is a trace on this device');
  await expect(page.locator('main')).toContainText('delete it from your downloads');
  await checkAccessibility(page, 'the finish-later page');

  await page.locator('#passphrase').fill('too short');
  await page.getByRole('button', { name: 'Download the file' }).click();
  await expect(page.locator('.rj-error-summary')).toBeFocused();
  await expect(page.locator('#passphrase-error')).toContainText('at least 12 characters');
  await checkAccessibility(page, 'the finish-later page with an error');
  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.locator('#passphrase_again').fill(PASSPHRASE + 'x');
  await page.getByRole('button', { name: 'Download the file' }).click();
  await expect(page.locator('#passphrase_again-error')).toContainText('do not match');

  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.locator('#passphrase_again').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the file' }).click(),
  ]);
  // Its name says only that it is a referral draft.
  expect(download.suggestedFilename()).toBe('referral-draft.json');
  const file = testInfo.outputPath('referral-draft.json');
  await download.saveAs(file);
  await expect(page.locator('.rj-saved')).toBeFocused();
  await expect(page.locator('.rj-saved')).toContainText('saved in the file referral-draft.json');
  // Scrolled back up first: what has scrolled under the sticky exit button is, to axe, a
  // crowded touch target.
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkAccessibility(page, 'the finish-later page once saved');

  // Nothing in the file is readable without the passphrase.
  const text = readFileSync(file, 'utf8');
  const draft = JSON.parse(text);
  expect(draft).toMatchObject({ format: 'rj-referral-draft', version: 1, kdf: 'PBKDF2-SHA-256' });
  expect(draft.iterations).toBeGreaterThanOrEqual(600_000);
  expect(Object.keys(draft).sort()).toEqual(['data', 'format', 'iterations', 'iv', 'kdf', 'salt', 'version']);
  for (const [field, value] of GIVEN) {
    expect(text, `the field name ${field}`).not.toContain(field);
    expect(text, `the answer ${value}`).not.toContain(`${field}=${value}`);
  }
  expect(text).not.toContain('harmed');
  expect(text).not.toContain('restorative_justice');

  // A fresh browser context: nothing shared with the first.
  const context = await browser.newContext({ baseURL });
  const fresh = await context.newPage();
  try {
    await fresh.goto('/');
    await fresh.getByRole('link', { name: 'Continue a saved referral' }).click();
    await expect(fresh).toHaveURL(/\/continue\.html$/);
    await expect(fresh.locator('main h1')).toHaveText('Continue a saved referral');
    await checkAccessibility(fresh, 'the continue-a-saved-referral page');

    const nothingChanged = async (label) => {
      await expect(fresh.locator('.rj-error-summary'), label).toBeFocused();
      await expect(fresh).toHaveURL(/\/continue\.html$/);
      expect(await fresh.evaluate(() => sessionStorage.getItem('rj-referral-answers')), label).toBeNull();
    };
    await resume(fresh, file, 'the wrong passphrase');
    await nothingChanged('a wrong passphrase');
    await expect(fresh.locator('#passphrase-error')).toContainText('does not open this file');
    await checkAccessibility(fresh, 'a wrong passphrase');

    const damaged = testInfo.outputPath('damaged.json');
    const bytes = Buffer.from(draft.data, 'base64');
    bytes[0] ^= 1;
    writeFileSync(damaged, JSON.stringify({ ...draft, data: bytes.toString('base64') }));
    await resume(fresh, damaged, PASSPHRASE);
    await nothingChanged('a damaged file');

    const broken = testInfo.outputPath('broken.json');
    writeFileSync(broken, text.slice(0, 40));
    await resume(fresh, broken, PASSPHRASE);
    await nothingChanged('a truncated file');
    await expect(fresh.locator('#draft_file-error')).toContainText('not a saved referral');

    const later = testInfo.outputPath('later.json');
    writeFileSync(later, JSON.stringify({ ...draft, version: 2 }));
    await resume(fresh, later, PASSPHRASE);
    await nothingChanged('a later version');
    await expect(fresh.locator('#draft_file-error')).toContainText('newer version');

    await resume(fresh, file, PASSPHRASE);
    // Every answer is back, and the person is at the first question still to answer.
    await expect(fresh).toHaveURL(/\/question\/incident_date$/);
    await expect(fresh.locator('main h1')).toHaveText('When did it happen? (optional)');
    expect(await fresh.evaluate(() => sessionStorage.getItem('rj-referral-answers'))).toBe(stored);
  } finally {
    await context.close();
  }
});
