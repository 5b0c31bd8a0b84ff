// Every referrer's route to the confirmation page, and every outcome that stops a referral.
import { test, expect, checkAccessibility, exportedReferrals } from './harness.mjs';
import { ANSWERS, walk } from './wizard.mjs';

const ROUTES = {
  police: { referrer: 'police' },
  probation: { referrer: 'probation', role: 'caused_harm', custody: 'prison' },
  victim_contact_scheme: { referrer: 'victim_contact_scheme' },
  victim_support: { referrer: 'victim_support', offence: 'domestic_abuse' },
  youth_justice: { referrer: 'youth_justice', other_age: '16', yjs_reason: 'nfa' },
  community_safety: { referrer: 'community_safety', role: 'in_conflict', case_type: 'asb', offence: 'none' },
  support_service: { referrer: 'support_service', case_type: 'not_sure', case_type_help: 'conflict', offence: 'none' },
  self: { referrer: 'self', offence: 'sexual_violence', person_postcode: 'PO10 7AA', court_stage: 'awaiting_court' },
};

/** Questions that only some routes ask: each route must ask exactly its own. */
const ONLY_ON = {
  oocd_condition: ['police'],
  yjs_reason: ['youth_justice'],
  custody: ['probation'],
  supervised_in_area: ['probation'],
  expressed_interest: ['probation', 'victim_support'],
  case_type_help: ['support_service'],
  contact_agreement: ['self'],
  person_in_area: ['self'],
  consent: Object.keys(ROUTES).filter((r) => r !== 'self'),
  referrer_email: Object.keys(ROUTES).filter((r) => r !== 'self'),
  court_stage: Object.keys(ROUTES).filter((r) => !['community_safety', 'support_service'].includes(r)),
};

async function sendFromCheckPage(page, receiver) {
  await expect(page.locator('main h1')).toHaveText('Check your answers before sending your referral');
  await checkAccessibility(page, 'check your answers');
  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(page.locator('main h1')).toHaveText('Referral sent');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('.rj-reference').first()).toHaveText(/^RJ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await checkAccessibility(page, 'the confirmation page');
  // The answers are wiped once sent; only the reference stays, for a reload of this page.
  expect(await page.evaluate(() => Object.keys(sessionStorage)), 'answers are wiped once sent').toEqual(['rj-referral-sent']);
  const reference = await page.locator('.rj-reference').first().innerText();
  const stored = exportedReferrals(receiver).filter((r) => r.referral.reference === reference);
  expect(stored, 'the referral is stored once, under the reference shown').toHaveLength(1);
  return stored[0].referral;
}

for (const [route, overrides] of Object.entries(ROUTES)) {
  // A person referring themselves is walked on a 320 px phone screen, by keyboard alone.
  const keyboard = route === 'self';
  test(`${route}: every question to the confirmation page${keyboard ? ', by keyboard alone at 320 px' : ''}`, async ({ page, receiver }) => {
    if (keyboard) await page.setViewportSize({ width: 320, height: 640 });
    const asked = await walk(page, { ...ANSWERS, ...overrides }, { keyboard });
    for (const [field, routes] of Object.entries(ONLY_ON)) {
      expect(asked.includes(field), `${route} ${routes.includes(route) ? 'should' : 'should not'} ask ${field}`).toBe(routes.includes(route));
    }
    if (keyboard) {
      await page.getByRole('button', { name: 'Send referral' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('main h1')).toHaveText('Referral sent');
      await checkAccessibility(page, 'the confirmation page');
    } else {
      const stored = await sendFromCheckPage(page, receiver);
      expect(stored.referrer.type).toBe(route);
      expect(stored.incident.description, 'quotes, &, =, %, + and a line break arrive as typed').toBe(ANSWERS.description);
    }
  });
}

const OUTCOMES = [
  { reason: 'oocd_automatic', answers: { referrer: 'police', oocd_condition: 'yes' }, at: 'oocd_condition',
    heading: 'You do not need to refer this case', says: 'Out of Court team' },
  { reason: 'under_18_responsible', answers: { referrer: 'police', other_age: '17' }, at: 'other_age',
    heading: 'The Youth Justice Service should take this case', says: 'Youth Justice Service' },
  { reason: 'victim_led_required', answers: { referrer: 'police', offence: 'domestic_abuse', initiated_by: 'caused_harm' }, at: 'initiated_by',
    heading: 'We cannot take this referral', says: 'only the person who was harmed can ask', noChange: true },
  { reason: 'outside_area', answers: { referrer: 'self', incident_postcode: 'BH1 1AA', person_postcode: 'PO19 1AA', other_postcode: 'SP1 1AA' }, at: 'other_postcode',
    heading: 'Contact your local restorative justice service', says: 'outside Hampshire and the Isle of Wight' },
  { reason: 'not_supervised_in_area', answers: { referrer: 'probation', role: 'caused_harm', supervised_in_area: 'no' }, at: 'supervised_in_area',
    heading: 'We cannot take this referral', says: 'supervised in Hampshire or the Isle of Wight' },
  { reason: 'interest_not_expressed (probation)', answers: { referrer: 'probation', role: 'caused_harm', expressed_interest: 'no' }, at: 'expressed_interest',
    heading: 'We cannot take this referral', says: 'must have said they want restorative justice' },
  { reason: 'interest_not_expressed (victim support)', answers: { referrer: 'victim_support', expressed_interest: 'no' }, at: 'expressed_interest',
    heading: 'We cannot take this referral', says: 'must have said they want restorative justice' },
  { reason: 'consent_missing', answers: { referrer: 'support_service', consent: 'no' }, at: 'consent',
    heading: 'We cannot take this referral', says: 'must agree to the referral' },
];

for (const o of OUTCOMES) {
  test(`${o.reason}: the answer leads to an outcome page that says why, what to do and who to call`, async ({ page }) => {
    const asked = await walk(page, { ...ANSWERS, ...o.answers }, { stopAt: '/outcome/' });
    expect(asked.at(-1)).toBe(o.at);
    expect(new URL(page.url()).pathname).toBe(`/outcome/${o.at}`);
    await expect(page.locator('main h1')).toHaveText(o.heading);
    await expect(page).toHaveTitle(new RegExp(`^${o.heading}`));
    await expect(page.locator('main')).toContainText(o.says);
    await expect(page.locator('main').getByRole('link', { name: '0800 043 8785' })).toBeVisible();
    await expect(page.locator('main').getByRole('link', { name: 'HIOW@restorativesolutions.org.uk', exact: true })).toBeVisible();
    await checkAccessibility(page, `the outcome page for ${o.reason}`);
    // A domestic abuse or sexual violence case that is not victim-led is not invited to
    // answer differently; the Back link stays.
    if (o.noChange) {
      await expect(page.getByRole('link', { name: /^Change your answer/ })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Back' })).toBeVisible();
      return;
    }
    // A way back to change the answer, which is kept.
    await page.getByRole('link', { name: /^Change your answer/ }).click();
    await expect(page).toHaveURL(new RegExp(`/question/${o.at}$`));
    await expect(page.locator('main h1')).toBeFocused();
    const value = o.answers[o.at];
    const radio = page.locator(`input[type=radio][name="${o.at}"][value="${value}"]`);
    if (await radio.count()) await expect(radio).toBeChecked();
    else await expect(page.locator(`#${o.at}`)).toHaveValue(value);
  });
}
