// Page objects for the wizard, and a walker that answers whatever question the app shows,
// from a table of answers keyed by the question's code (the step's address names it).
import { expect, checkAccessibility } from './harness.mjs';

export const TITLE_SUFFIX = ' - Restorative Justice Service for Hampshire & Isle of Wight';

/** A complete, valid answer to every question; routes override what makes them theirs. */
export const ANSWERS = {
  role: 'harmed', case_type: 'restorative_justice', case_type_help: 'crime', oocd_condition: 'no',
  yjs_reason: 'nfa', custody: 'probation', supervised_in_area: 'yes', expressed_interest: 'yes',
  consent: 'yes', offence: 'other', initiated_by: 'harmed', court_stage: 'sentenced',
  incident_date: '14 2 2019', incident_postcode: 'SO23 8UJ', incident_in_area: 'yes',
  crime_reference: '44230012345', description: 'A burglary at the family home in 2019: "50% & more" = £5,000+ taken.\nReported the next day.',
  person_name: 'Sam Taylor', person_age: '42', person_home: 'uk', person_address: '1 High Street, Winchester',
  person_postcode: 'SO23 9AA', person_in_area: 'yes', contact_methods: 'phone,email',
  person_phone: '07700 900982', voicemail: 'no', person_email: 'sam@example.com',
  safe_times: 'Weekday mornings', access_needs: '', interpreter: 'no', language: 'Polish',
  other_known: 'yes', other_name: '', other_age: '30', other_postcode: '', other_in_area: 'yes',
  risks: '', orders: 'no', agencies: '', contact_agreement: 'yes',
  referrer_name: 'Alex Morgan', referrer_organisation: 'Hampshire Constabulary',
  referrer_role: 'Police constable', referrer_email: 'alex.morgan@example.org', referrer_phone: '01632 960001',
};

/** The address of a step (`question`, `change`, `outcome`) for a question's code: the one place
 * a test spells out how the app addresses its pages. */
export const stepAddress = (kind, field) => `/${kind}/${field}`;

export class QuestionPage {
  constructor(page) { this.page = page; }

  /** The code of the question shown, from the step's address. */
  field() {
    return new URL(this.page.url()).pathname.match(/^\/(?:question|change)\/(\w+)$/)?.[1];
  }

  heading() { return this.page.locator('main h1'); }

  /** The codes of the questions the page asks, in order: the one its address names (or
   * `first`, on a page whose address names none, as the benchmark's static site), or those
   * asked together with it (the referrer's own details, on one page). */
  async fields(first = this.field()) {
    await this.page.locator(`#${first}`).waitFor();
    return this.page.locator('main form [name]').evaluateAll((els) => [...new Set(els.map((e) => e.name))]);
  }

  /** Answers every question of the page from `answers`, keyed by code; returns their codes. */
  async answerPage(answers, first = this.field()) {
    const fields = await this.fields(first);
    for (const f of fields) await this.answer(f, answers[f]);
    return fields;
  }

  /** The heading has focus and names the page's title, as after every step. */
  async expectArrived() {
    await expect(this.heading()).toBeFocused();
    const heading = (await this.heading().innerText()).trim();
    await expect(this.page).toHaveTitle(heading + TITLE_SUFFIX);
  }

  async answer(field, value) {
    const p = this.page;
    // Every question's first input carries the question's code as its id: wait for the page
    // to be drawn before asking what kind of input it has.
    await p.locator(`#${field}`).waitFor();
    if (await p.locator(`input[type=radio][name="${field}"]`).count()) {
      await p.locator(`input[type=radio][name="${field}"][value="${value}"]`).check();
    } else if (await p.locator(`input[type=checkbox][name="${field}"]`).count()) {
      for (const v of value.split(',').filter(Boolean)) {
        await p.locator(`input[type=checkbox][name="${field}"][value="${v}"]`).check();
      }
    } else {
      await p.locator(`#${field}`).fill(value);
    }
  }

  /** Answers with the keyboard alone: Tab to the field, Space or arrows or typing, then (unless
   * `submit` is false, for a field with more on its page) Enter on Continue. */
  async answerByKeyboard(field, value, { submit = true } = {}) {
    await this.page.locator(`#${field}`).waitFor();
    const kb = this.page.keyboard;
    const focused = () => this.page.evaluate(() => ({
      name: document.activeElement?.getAttribute('name'), type: document.activeElement?.getAttribute('type'),
      value: document.activeElement?.getAttribute('value'), text: document.activeElement?.textContent,
    }));
    const tabUntil = async (test) => {
      for (let i = 0; i < 40; i++) {
        if (test(await focused())) return;
        await kb.press('Tab');
      }
      throw new Error(`could not reach ${field} with Tab`);
    };
    const f = await focused();
    if (f.name === null && (await this.page.locator(`input[type=radio][name="${field}"]`).count())) {
      await tabUntil((x) => x.name === field);
      await kb.press('Space');
      for (let i = 0; i < 10 && (await focused()).value !== value; i++) await kb.press('ArrowDown');
      expect((await focused()).value).toBe(value);
    } else if (await this.page.locator(`input[type=checkbox][name="${field}"]`).count()) {
      for (const v of value.split(',').filter(Boolean)) {
        await tabUntil((x) => x.name === field && x.value === v);
        await kb.press('Space');
      }
    } else {
      await tabUntil((x) => x.name === field);
      if (value) await kb.type(value);
    }
    if (!submit) return;
    await tabUntil((x) => x.text === 'Continue');
    await kb.press('Enter');
  }

  async continue() {
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  /** Where the case stands, in full (not a live region: see the `Announcer` in src/components.rs). */
  status() { return this.page.locator('.rj-status'); }
}

/**
 * What axe cannot check: the focused element is not hidden under anything, nothing scrolls
 * sideways at this width, and help sits in the same place, the footer, on every page.
 */
export async function expectUsableLayout(page, label) {
  const layout = await page.evaluate(() => {
    const focused = document.activeElement;
    const box = focused?.getBoundingClientRect();
    const atCentre = box && document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 10));
    return {
      focusVisible: !box || box.width === 0 || (atCentre !== null && (focused.contains(atCentre) || atCentre.contains(focused))),
      sideways: document.documentElement.scrollWidth - window.innerWidth,
      help: document.querySelector('footer.rj-footer')?.textContent ?? '',
      footerLast: document.querySelector('.rj-app')?.lastElementChild?.matches('footer.rj-footer') ?? false,
    };
  });
  expect(layout.focusVisible, `${label}: the focused element is hidden under another`).toBe(true);
  expect(layout.sideways, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(layout.help, `${label}: help and contacts in the footer`).toContain('0800 043 8785');
  expect(layout.footerLast, `${label}: help in the same place`).toBe(true);
}

/**
 * From the start page, answers each question the app asks until it reaches `stopAt` (a step
 * path prefix: '/check' or '/outcome/'), checking focus, title and axe on every page.
 * `onStep(field)`, if given, runs on each question page before it is answered. Returns the
 * questions asked, in order (every question of a page of several).
 */
export async function walk(page, answers, { stopAt = '/check', keyboard = false, onStep } = {}) {
  const q = new QuestionPage(page);
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Refer a case to restorative justice');
  // The start page shows before the app has loaded (it is the build's): let the app and its
  // config.json arrive, so that "Start now" is the app's and nothing is cut off.
  await page.waitForLoadState('networkidle');
  await checkAccessibility(page, 'the start page');
  if (keyboard) {
    await page.getByRole('button', { name: 'Start now' }).focus();
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: 'Start now' }).click();
  }
  const asked = [];
  for (;;) {
    await expect(page).toHaveURL(/\/(question|change|check|outcome)/);
    const step = new URL(page.url()).pathname;
    if (step.startsWith(stopAt)) break;
    const field = q.field();
    expect(field, `an unexpected page: ${step}`).toBeTruthy();
    const fields = await q.fields();
    for (const f of fields) {
      expect(Object.keys(answers), `the test has no answer for "${f}"`).toContain(f);
      expect(asked, `"${f}" was asked twice`).not.toContain(f);
    }
    await q.expectArrived();
    // Where the case stands, after every answer (there is nothing to say before the first).
    if (asked.length > 0) await expect(q.status()).toBeVisible();
    await checkAccessibility(page, `the question "${field}"`);
    if (onStep) await onStep(field);
    await expectUsableLayout(page, `the question "${field}"`);
    const before = page.url();
    for (const [i, f] of fields.entries()) {
      if (keyboard) await q.answerByKeyboard(f, answers[f], { submit: i === fields.length - 1 });
      else await q.answer(f, answers[f]);
    }
    if (!keyboard) await q.continue();
    await expect(page, `${fields.map((f) => `"${f}" = "${answers[f]}"`).join(', ')} refused`).not.toHaveURL(before);
    asked.push(...fields);
  }
  await expect(page.locator('main h1')).toBeFocused();
  await expectUsableLayout(page, new URL(page.url()).pathname);
  return asked;
}
