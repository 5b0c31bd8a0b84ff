// The people the wizard judges can be at risk: a person who caused harm in a domestic abuse
// case, a child, a person with no fixed address. Each path is walked as they would walk it.
import { test, expect, checkAccessibility, exportedReferrals } from './harness.mjs';
import { ANSWERS, QuestionPage, stepAddress, walk } from './wizard.mjs';

async function answerAndContinue(page, field, value) {
  const q = new QuestionPage(page);
  await expect(page).toHaveURL(new RegExp(`/(question|change)/${field}$`));
  await q.answer(field, value);
  await q.continue();
}

async function send(page, receiver) {
  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(page.locator('main h1')).toHaveText('Referral sent');
  const reference = await page.locator('.rj-reference').first().innerText();
  return exportedReferrals(receiver).find((r) => r.referral.reference === reference).referral;
}

test('a person who caused harm in a domestic abuse case is stopped, kindly, with no way round', async ({ page }) => {
  const own = { ...ANSWERS, referrer: 'self', role: 'caused_harm', offence: 'domestic_abuse' };
  const asked = await walk(page, own, { stopAt: '/outcome/' });
  expect(asked).toEqual(['referrer', 'role', 'case_type', 'offence']);
  const main = page.locator('main');
  await expect(main.locator('h1')).toHaveText('We cannot take this referral');
  await expect(main).toContainText('only the person who was harmed can ask');
  await expect(main).toContainText('Please do not contact the other person about this');
  await expect(main).not.toContainText('can refer');
  await expect(main).not.toContainText('as it stands');
  await expect(page.getByRole('link', { name: /^Change your answer/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Back' })).toBeVisible();
  await checkAccessibility(page, 'the victim-led stop page');

  // "I am in a conflict or dispute" does not get round it, and nobody is asked "who asked".
  await page.goto('/question/role');
  await answerAndContinue(page, 'role', 'in_conflict');
  // The offence is still known, so the stop comes at once.
  await expect(page).toHaveURL(/\/outcome\/role$/);
  await expect(main).toContainText('Please do not contact the other person about this');
  await expect(page.getByRole('link', { name: /^Change your answer/ })).toHaveCount(0);
  // Nor does reaching "who asked" by its address: it is not on a self-referral's route.
  await page.goto('/question/initiated_by');
  await expect(page).not.toHaveURL(/initiated_by/);
});

test('after the victim-led stop, saying "I was harmed" still stops the case and asks the person to call or email', async ({ page }) => {
  const own = { ...ANSWERS, referrer: 'self', role: 'caused_harm', offence: 'sexual_violence' };
  await walk(page, own, { stopAt: '/outcome/' });
  await expect(page.locator('main')).toContainText('only the person who was harmed can ask');

  await page.goto(stepAddress('question', 'role'));
  const q = new QuestionPage(page);
  await q.answer('role', 'harmed');
  await q.continue();
  await page.waitForURL((url) => url.href.endsWith(stepAddress('outcome', 'role')));
  const main = page.locator('main');
  await expect(main.locator('h1')).toHaveText('We cannot take this referral');
  await expect(main).toContainText('this referral cannot go ahead online');
  await expect(main).toContainText('Please call or email us instead');
  await expect(main).not.toContainText('only the person who was harmed can ask');
  await expect(main).toContainText('0800 043 8785');
  await expect(page.getByRole('link', { name: /^Change your answer/ })).toHaveCount(0);
  await checkAccessibility(page, 'the stop that holds after a change of role');

  // Nor does going on to the next question: its answer stops the case again.
  await page.goto(stepAddress('question', 'case_type'));
  await q.answer('case_type', 'restorative_justice');
  await q.continue();
  await page.waitForURL((url) => url.href.endsWith(stepAddress('outcome', 'case_type')));
  await expect(main).toContainText('Please call or email us instead');
});

test('a child referred by a support service: a parent or carer is asked for', async ({ page, receiver }) => {
  const child = {
    ...ANSWERS, referrer: 'support_service', person_age: '9', guardian: 'yes',
    guardian_name: 'Robin Taylor', guardian_contact: '07700 900123',
  };
  const asked = await walk(page, child);
  expect(asked).toEqual(expect.arrayContaining(['guardian', 'guardian_name', 'guardian_contact']));
  expect(asked).not.toContain('guardian_not_safe');
  await expect(page.locator('.rj-inset')).toContainText('The person who was harmed is under 18');
  await expect(page.locator('.rj-inset')).toContainText('a parent, carer or another adult they trust');
  await checkAccessibility(page, 'the check page of a child');
  const stored = await send(page, receiver);
  expect(stored.person.parent_or_carer).toBe('yes');
  expect(stored.person.parent_or_carer_name).toBe('Robin Taylor');
  expect(stored.eligibility.reasons).toContain('young_harmed_person');
});

test('a child for whom a parent would not be safe: the referrer says why', async ({ page }) => {
  const child = { ...ANSWERS, referrer: 'support_service', person_age: '14', guardian: 'not_safe', guardian_not_safe: 'The parent is the person who caused harm.' };
  const asked = await walk(page, child);
  expect(asked).toContain('guardian_not_safe');
  expect(asked).not.toContain('guardian_name');
});

test('a person with no fixed address connects through the postcode where it happened', async ({ page, receiver }) => {
  const homeless = { ...ANSWERS, referrer: 'self', person_home: 'no_fixed_address', contact_methods: 'phone', other_known: 'no' };
  const asked = await walk(page, homeless);
  for (const f of ['person_address', 'person_postcode', 'person_in_area']) expect(asked).not.toContain(f);
  await expect(page.locator('.rj-inset')).toHaveCount(0);
  const stored = await send(page, receiver);
  expect(stored.person.home).toBe('no_fixed_address');
  expect(stored.person.postcode).toBeUndefined();
  expect(stored.incident.postcode).toBe('SO23 8UJ');
  expect(stored.eligibility.status).toBe('eligible');
});

test("a self-referral's check page shows each section once, and dates as understood", async ({ page }) => {
  await walk(page, { ...ANSWERS, referrer: 'self', incident_date: '7 2019' });
  const headings = await page.locator('main h2').allInnerTexts();
  for (const section of ['About the referral', 'What happened', 'About you', 'The other person', 'Risks and safety']) {
    expect(headings.filter((h) => h === section), section).toHaveLength(1);
  }
  const aboutYou = page.locator('main h2', { hasText: 'About you' }).locator('xpath=following-sibling::dl[1]');
  await expect(aboutYou).toContainText('I agree to be contacted about this referral');
  await expect(page.locator('.rj-summary-list__row', { hasText: 'When did it happen?' })).toContainText('July 2019');
});

test('changing the referrer to "I am referring myself" on the check page asks again what changed meaning', async ({ page }) => {
  await walk(page, { ...ANSWERS, referrer: 'police' });
  await page.getByRole('link', { name: 'Change who is making this referral?' }).click();
  await answerAndContinue(page, 'referrer', 'self');
  // The victim's details were "the person you are referring": now they would be "you".
  await expect(page).toHaveURL(/\/change\/role$/);
  await expect(page.locator('main h1')).toHaveText('Which of these describes you?');
  await answerAndContinue(page, 'role', 'harmed');
  await expect(page).toHaveURL(/\/change\/person_age$/);
  await expect(page.locator('main h1')).toHaveText('How old are you?');
});

test("the pages around a self-referral's questions are easy to read", async ({ page }) => {
  const { default: rs } = await import('text-readability');
  // Whole pages, lists of services included, read harder than the core's single texts: the
  // floor is 50 ("fairly difficult" below it; see README), and the figures are printed.
  const NAMES = /restorative justice|restorative practice|youth justice service|community safety partnership|victim contact scheme|anti-social behaviour|hampshire|isle of wight|restorativesolutions|[\w.]+@[\w.]+|0800 043 8785/gi;
  const ease = async (label) => {
    const text = (await page.locator('main').innerText()).replace(NAMES, 'it');
    const score = rs.fleschReadingEase(text);
    console.log(`reading ease ${score.toFixed(1)}: ${label}`);
    return score;
  };
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
  expect(await ease('the start page')).toBeGreaterThanOrEqual(50);
  // The page shows before the app has loaded: leaving sooner would cut off its downloads.
  await page.waitForLoadState('networkidle');
  await walk(page, { ...ANSWERS, referrer: 'self', role: 'caused_harm', offence: 'domestic_abuse' }, { stopAt: '/outcome/' });
  expect(await ease('the victim-led stop page')).toBeGreaterThanOrEqual(50);
  await page.evaluate(() => sessionStorage.clear());
  await walk(page, { ...ANSWERS, referrer: 'self' });
  expect(await ease('the check page')).toBeGreaterThanOrEqual(50);
});
